"""Demo data of the proposals area (votes, quotas, individual nominees); called by blocs.demo.load_demo after the conferences are loaded.

Only the ranking is in the reports; vote counts are not. Where a vote is needed to show the feature
(the 7-province cluster's 2017 ranking meeting), the counts are plausible values marked
``is_illustrative`` with a note saying so; the minutes print that note.
"""

from awards.choices import Subject
from awards.models import AwardType, Proposal, Vote
from awards.proposals.services import REFRESH_RELATED, proposals_refresh_checks
from blocs.choices import MeetingKind
from blocs.models import Bloc, BlocYear, VoteBase

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"
ILLUSTRATIVE_NOTE = (
    "Số phiếu minh họa: bản tin nguồn (Cổng TTĐT tỉnh Bắc Kạn, 23/03/2018) chỉ nêu kết quả bình xét, "
    "không nêu số phiếu."
)

# (unit name, award code, votes for) at the ranking of the conference of 22/03/2018.
SEVEN_2017_VOTES = [
    ("Phú Thọ", "co-chinh-phu", 7),
    ("Tuyên Quang", "bk-ttg", 7),
]


def _seven_2017():
    bloc = Bloc.objects.filter(name=SEVEN).first()
    if bloc is None:
        return None
    return BlocYear.objects.filter(bloc=bloc, year=2017).first()


def load_seven_province_votes():
    """Votes of the 7-province cluster's 2017 ranking (at the year-end conference of 22/03/2018).

    Every member (7 of 7) present; each candidate gets 7 of 7 members' votes: illustrative counts.
    """
    by = _seven_2017()
    if by is None:
        return []
    members = {m.unit.name: m.unit for m in by.members.select_related("unit")}
    meeting = by.meetings.filter(kind=MeetingKind.YEAR_END).order_by("date").first()
    votes = []
    for unit_name, award_code, votes_for in SEVEN_2017_VOTES:
        unit = next((u for name, u in members.items() if name == unit_name or name.endswith(unit_name)), None)
        if unit is None:
            continue
        award_type = AwardType.objects.get(code=award_code)
        vote, _ = Vote.objects.get_or_create(
            bloc_year=by, unit=unit, award_type=award_type,
            defaults={
                "meeting": meeting, "votes_for": votes_for, "base": VoteBase.MEMBERS,
                "base_count": len(members), "present_count": len(members),
                "note": ILLUSTRATIVE_NOTE, "is_illustrative": True,
            },
        )
        votes.append(vote)
        Proposal.objects.filter(
            bloc_year=by, unit=unit, award_type=award_type, subject=Subject.COLLECTIVE, vote__isnull=True
        ).update(vote=vote)
    return votes


def refresh_demo_checks():
    """Store the check results of every demo proposal (the review queue shows them)."""

    proposals_refresh_checks(Proposal.objects.filter(checks_at__isnull=True).select_related(*REFRESH_RELATED, "bloc_year__bloc"))


def load():
    """Idempotent: find every record by its natural key first."""
    load_seven_province_votes()
    refresh_demo_checks()
