"""The rows of one generated bloc-year, step by step as the year goes: members, pledge and meetings,
criteria and scores, ranking, votes, proposals. Each step writes only what the year's phase has
reached, and draws from the generator's ``random.Random`` in the same fixed order on every run."""

import datetime
import json
from dataclasses import dataclass

from awards.choices import CriterionKind, ProposalStatus, RankingSource, RankingStatus, Subject
from awards.models import (
    CriteriaTable,
    Criterion,
    Proposal,
    ProposalTransition,
    RankEntry,
    Ranking,
    Score,
    Vote,
)
from blocs.choices import MeetingKind, MemberRole, Phase
from blocs.models import BlocMember, BlocYear, Meeting, Pledge
from emulation.devtools.dataset.names import PERSON_TITLES, THEMES, person
from emulation.lib.text import search_key

# Phases of the last year (weights) and what each phase has.
LAST_YEAR_PHASES = [(Phase.SETUP, 1), (Phase.PLEDGE_SIGNED, 1), (Phase.MID_YEAR, 1), (Phase.SCORING, 2),
                    (Phase.RANKING, 2), (Phase.PROPOSALS, 5), (Phase.CLOSED, 1)]
PHASE_RANK = {p: i for i, p in enumerate(Phase.order())}
OPEN_STATUSES = [(ProposalStatus.DRAFT, 10), (ProposalStatus.SUBMITTED, 35), (ProposalStatus.IN_REVIEW, 25),
                 (ProposalStatus.RETURNED, 10), (ProposalStatus.APPROVED, 14), (ProposalStatus.REJECTED, 6)]
PATHS = {
    ProposalStatus.DRAFT: [ProposalStatus.DRAFT],
    ProposalStatus.SUBMITTED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED],
    ProposalStatus.IN_REVIEW: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW],
    ProposalStatus.RETURNED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.RETURNED],
    ProposalStatus.APPROVED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW, ProposalStatus.APPROVED],
    ProposalStatus.REJECTED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW, ProposalStatus.REJECTED],
}
QUARTERS = [f"{q / 4:.2f}" for q in range(0, 81)]

MEETING_COLUMNS = ("id", "bloc_year_id", "kind", "date", "start_time", "end_time", "place", "chairs", "secretary",
                   "guests", "agenda", "conclusions", "vote_method", "ballots_issued", "ballots_returned",
                   "ballots_valid", "extra_paragraphs", "number")
SCORE_COLUMNS = ("id", "criterion_id", "member_id", "self_score", "verified_score", "note", "version", "updated_at",
                 "updated_by_id")
VOTE_COLUMNS = ("id", "bloc_year_id", "meeting_id", "award_type_id", "unit_id", "candidate_name", "votes_for", "base",
                "base_count", "present_count", "created_by_id")
PROPOSAL_COLUMNS = ("id", "bloc_year_id", "organizer_id", "year", "award_type_id", "subject", "unit_id", "person_name",
                    "person_title", "person_unit", "person_gender", "person_birth_year", "headcount", "rank", "vote_id",
                    "justification", "status", "status_reason", "override_reason", "decision_number", "decision_date",
                    "rule_set", "created_by_id", "created_at", "submitted_at", "person_key")
TRANSITION_COLUMNS = ("id", "proposal_id", "from_status", "to_status", "by_id", "at", "reason")


@dataclass
class GeneratedYear:
    """What the steps of one bloc-year share: its key, its phase rank and its member units."""

    id: int
    year: int
    stage: int
    organizer_id: int
    unit_ids: list
    names: dict  # unit id -> name (the work unit of a person proposed)
    central: bool

    def reached(self, phase):
        return self.stage >= PHASE_RANK[phase]


class BlocYearRows:
    """The bloc-year steps of ``Generator`` (``self.rng``, ``self.writer``, ``self.people``, ``self.now``,
    ``self.award`` and ``self.last_year`` are the generator's)."""

    def _bloc_year(self, organizer, bloc_id, year, phase, index, unit_ids, names, template, central):
        y = GeneratedYear(self._year_row(bloc_id, year, phase), year, PHASE_RANK[phase], organizer.pk, unit_ids, names, central)
        member_ids = self._members(y, index)
        ranking_meeting = self._pledge_and_meetings(y)
        leaves = self._criteria(y, template)
        totals = self._scores(y, member_ids, leaves)
        if not y.reached(Phase.RANKING):
            return
        order, approved = self._ranking(y, totals)
        nominees = self._votes(y, ranking_meeting, order)
        if approved:
            for nominee in nominees:
                self._proposal(y, *nominee)

    def _year_row(self, bloc_id, year, phase):
        rng, w = self.rng, self.writer
        pk = w.new_id(BlocYear)
        w.add(BlocYear, ("id", "bloc_id", "year", "theme", "phase", "leadership_basis", "leadership_basis_number",
                         "leadership_basis_date", "vote_threshold_percent", "vote_base", "quorum_percent", "note", "created_at"),
              (pk, bloc_id, year, rng.choice(THEMES).format(y=year), phase,
               f"Biên bản Hội nghị tổng kết năm {year - 1} của khối", f"{rng.randint(1, 99)}/BB-KTĐ",
               datetime.date(year, rng.randint(1, 3), rng.randint(1, 28)), None, "members", None, "", self.now))
        return pk

    def _members(self, y, index):
        """One member row per unit; the leader and deputy rotate with the year's ``index``."""
        w = self.writer
        m = len(y.unit_ids)
        leader, deputy = index % m, (index + 1) % m
        member_ids = []
        for i, unit_id in enumerate(y.unit_ids):
            role = MemberRole.LEADER if i == leader else MemberRole.DEPUTY if i == deputy else MemberRole.MEMBER
            pk = w.new_id(BlocMember)
            w.add(BlocMember, ("id", "bloc_year_id", "unit_id", "role", "organizer_id", "year", "women_share"),
                  (pk, y.id, unit_id, role, y.organizer_id, y.year, None))
            member_ids.append(pk)
        return member_ids

    def _pledge_and_meetings(self, y):
        """The pledge and the meetings the phase has reached; returns the ranking meeting's key (or None)."""
        rng, w = self.rng, self.writer
        m = len(y.unit_ids)
        if y.reached(Phase.PLEDGE_SIGNED):
            w.add(Pledge, ("id", "bloc_year_id", "title", "goals", "implementation", "signing_place", "signing_date", "number"),
                  (w.new_id(Pledge), y.id, "", "", "", "", datetime.date(y.year, 3, rng.randint(1, 28)), ""))
        ranking_meeting = None
        for kind, reached, month in ((MeetingKind.LAUNCH, Phase.PLEDGE_SIGNED, 3), (MeetingKind.MID_YEAR, Phase.MID_YEAR, 7),
                                     (MeetingKind.RANKING, Phase.RANKING, 12)):
            if y.reached(reached):
                pk = w.new_id(Meeting)
                ballots = m if kind == MeetingKind.RANKING else None
                w.add(Meeting, MEETING_COLUMNS, (pk, y.id, kind, datetime.date(y.year, month, rng.randint(1, 28)), None, None,
                                                 "", "", "", "", "", "", "", ballots, ballots, ballots, "", ""))
                ranking_meeting = pk if kind == MeetingKind.RANKING else ranking_meeting
        return ranking_meeting

    def _criteria(self, y, template):
        """The year's criteria table from the bloc's template; returns the leaves (key, kind, max)."""
        w = self.writer
        table_id = w.new_id(CriteriaTable)
        w.add(CriteriaTable, ("id", "bloc_year_id", "title", "allow_self_fallback", "tiebreaks", "classification", "version"),
              (table_id, y.id, f"Bảng tiêu chí chấm điểm thi đua năm {y.year}", False, json.dumps(["fewer_penalty", "vote"]),
               json.dumps([{"min": 95, "label": "Xuất sắc"}, {"min": 85, "label": "Tốt"}, {"min": 70, "label": "Khá"}]), 1))
        ids, leaves = [], []
        for order, (kind, code, title, mx, parent) in enumerate(template, 1):
            pk = w.new_id(Criterion)
            ids.append(pk)
            w.add(Criterion, ("id", "table_id", "parent_id", "kind", "code", "title", "max_points", "order"),
                  (pk, table_id, ids[parent] if parent is not None else None, kind, code, title, f"{mx}.00", order))
            if kind != CriterionKind.SECTION:
                leaves.append((pk, kind, mx))
        return leaves

    def _scores(self, y, member_ids, leaves):
        """Self and verified scores in quarter points (all verified from the ranking on, half while
        scoring); returns each member's total (zeros before the scoring phase)."""
        totals = [0.0] * len(member_ids)
        if not y.reached(Phase.SCORING):
            return totals
        w, secretary = self.writer, self.people[0]
        verified_share = 1.0 if y.reached(Phase.RANKING) else 0.5
        random_ = self.rng.random
        for mi, member_id in enumerate(member_ids):
            strength = 0.7 + 0.3 * random_()
            verified = random_() < verified_share
            total = 0.0
            for crit_id, kind, mx in leaves:
                if kind == CriterionKind.CRITERION:
                    q = int(mx * 4 * min(1.0, strength + 0.15 * random_()))
                    v = q - (1 if q and random_() < 0.2 else 0)
                    total += (v if verified else q) / 4
                elif kind == CriterionKind.BONUS:
                    q = int(mx * 4 * random_()) if random_() < 0.3 else 0
                    v = q
                    total += q / 4
                else:
                    q = int(mx * 4 * random_()) if random_() < 0.1 else 0
                    v = q
                    total -= q / 4
                w.add(Score, SCORE_COLUMNS, (w.new_id(Score), crit_id, member_id, QUARTERS[q], QUARTERS[v] if verified else None,
                                             "", 1, self.now, secretary))
            totals[mi] = total
        return totals

    def _ranking(self, y, totals):
        """The ranking computed from the totals (approved from the proposals phase on); returns the
        member indexes best first and whether it is approved."""
        w, secretary = self.writer, self.people[0]
        order = sorted(range(len(totals)), key=lambda i: (-totals[i], i))
        ranking_id = w.new_id(Ranking)
        approved = y.reached(Phase.PROPOSALS)
        w.add(Ranking, ("id", "bloc_year_id", "status", "source", "approved_at", "approved_by_id", "note"),
              (ranking_id, y.id, RankingStatus.APPROVED if approved else RankingStatus.DRAFT, RankingSource.COMPUTED,
               self.now if approved else None, secretary if approved else None, ""))
        for rank, i in enumerate(order, 1):
            total = totals[i]
            label = "Xuất sắc" if total >= 95 else "Tốt" if total >= 85 else "Khá" if total >= 70 else "Hoàn thành"
            w.add(RankEntry, ("id", "ranking_id", "unit_id", "rank", "total", "classification", "tiebreak_note"),
                  (w.new_id(RankEntry), ranking_id, y.unit_ids[i], rank, f"{total:.2f}", label, ""))
        return order, approved

    def _votes(self, y, ranking_meeting, order):
        """The ranking meeting's votes: the first two units and 12–20 people. Returns the nominees
        (subject, award, unit id, rank, vote id, person) the proposals follow."""
        rng, w, secretary = self.rng, self.writer, self.people[0]
        m = len(y.unit_ids)
        flag = self.award["co-chinh-phu" if y.central else "co-tinh"]
        merit = self.award["bk-ttg" if y.central else "bk-tinh"]
        individual = [merit, self.award["giay-khen"] if not y.central else self.award["bk-bo"]]
        nominees = []
        for rank, award in ((1, flag), (2, merit)):
            vote_id = w.new_id(Vote)
            unit_id = y.unit_ids[order[rank - 1]]
            w.add(Vote, VOTE_COLUMNS, (vote_id, y.id, ranking_meeting, award, unit_id, "", rng.randint(m // 2 + 1, m),
                                       "members", m, m, secretary))
            nominees.append((Subject.COLLECTIVE, award, unit_id, rank, vote_id, None))
        for _ in range(rng.randint(12, 20)):
            name, gender = person(rng)
            award = rng.choice(individual)
            vote_id = w.new_id(Vote)
            w.add(Vote, VOTE_COLUMNS, (vote_id, y.id, ranking_meeting, award, None, name, rng.randint(m // 2 + 1, m),
                                       "members", m, m, secretary))
            nominees.append((Subject.INDIVIDUAL, award, None, None, vote_id, (name, gender, rng.choice(y.unit_ids))))
        return nominees

    def _proposal(self, y, subject, award, unit_id, rank, vote_id, nominee):
        """One proposal and its transitions: past years decided, the last year in every status."""
        rng, w = self.rng, self.writer
        secretary, reviewer = self.people
        past = y.year < self.last_year
        if past:
            status = ProposalStatus.APPROVED if rng.random() < 0.88 else ProposalStatus.REJECTED
        else:
            status = rng.choices([s for s, _ in OPEN_STATUSES], weights=[wt for _, wt in OPEN_STATUSES])[0]
        pk = w.new_id(Proposal)
        if nominee:
            name, gender, work_unit = nominee
            person_fields = (name, rng.choice(PERSON_TITLES), y.names[work_unit], gender, rng.randint(1965, 1995))
            why = f"Có thành tích xuất sắc trong phong trào thi đua năm {y.year}."
        else:
            person_fields = ("", "", "", "", None)
            why = f"Xếp thứ {rank} khối thi đua năm {y.year}."
        approved = status == ProposalStatus.APPROVED
        final = status in (ProposalStatus.APPROVED, ProposalStatus.REJECTED)
        w.add(Proposal, PROPOSAL_COLUMNS, (
            pk, y.id, y.organizer_id, y.year, award, subject, unit_id, *person_fields, 1, rank, vote_id, why, status,
            "Hồ sơ thiếu báo cáo thành tích có xác nhận." if status in (ProposalStatus.RETURNED, ProposalStatus.REJECTED) else "",
            "", f"{rng.randint(100, 2999)}/QĐ-{'TTg' if y.central else 'UBND'}" if approved else "",
            datetime.date(y.year + 1 if past else y.year, rng.randint(1, 12) if past else 1, rng.randint(1, 28))
            if approved else None,
            "", secretary, self.now, self.now if status != ProposalStatus.DRAFT else None,
            search_key(person_fields[0])[:160] if nominee else ""))
        previous = ""
        for step in PATHS[status]:
            by = secretary if step in (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED) else reviewer
            w.add(ProposalTransition, TRANSITION_COLUMNS, (w.new_id(ProposalTransition), pk, previous, step, by, self.now,
                                                           "" if not final or step != status else "Theo kết quả thẩm định."))
            previous = step
