"""Every history a user reads is in Vietnamese: after typical actions (a phase jump, leaders, members,
scores, ranking, a vote, a collective proposal through its workflow), the pages that show the audit
history carry no raw code: no choice value, field name, action code or "vote:" prefix."""

import re

from django.urls import reverse

from awards.choices import ProposalStatus, RankingStatus, Subject
from awards.proposals import services as proposal_services
from awards.proposals.votes import vote_save
from awards.scoring import services as scoring_services
from awards.scoring.selectors import GridAccess
from blocs.audit.labels import ACTION_LABELS
from blocs.choices import MemberRole, Phase
from blocs.years import services as year_services
from tests.awards.scoring.helpers import cell, small_grid
from tests.factories import UnitFactory

from .conftest import award, rank_all
from .conftest import vote as make_vote

FIELD_CODES = ["award_type", "subject", "person_name", "justification", "votes_for", "base_count", "present_count",
               "self_score", "verified_score", "leadership_basis", "status", "phase", "theme", "unit", "vote"]


def _visible(html):
    """The text a user reads: no tags, attributes, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _raw_codes(text):
    codes = {*FIELD_CODES, *ACTION_LABELS, *Subject.values, *ProposalStatus.values, *RankingStatus.values,
             *Phase.values, *MemberRole.values}
    found = {code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)}
    return found | ({"vote:"} if "vote:" in text else set())


def test_history_pages_show_labels_not_codes(world):
    world.units_a = rank_all(world.by_a, status=RankingStatus.DRAFT)
    make_vote(world.by_a, world.units_a[0])
    world, table, members, leaves = small_grid(world)
    secretary, leader, reviewer = (world.users[k] for k in ("secretary_a", "leader_a", "reviewer_a"))
    by = world.by_a
    year_services.bloc_year_update(user=secretary, bloc_year=by, theme="Đoàn kết", phase=Phase.SCORING,
                                   reason="Đã ký ngoài ứng dụng", confirmed=True)
    extra = UnitFactory(name="Sở Tư pháp")
    member = year_services.member_add(user=secretary, bloc_year=by, unit=extra)
    year_services.member_remove(user=secretary, member=member)
    units = world.units_a
    year_services.leadership_set(user=secretary, bloc_year=by, leader=units[1], deputy=units[0], basis="Biên bản họp")
    scoring_services.scores_save(bloc_year=by, user=secretary, access=GridAccess(may_verify=True),
                                 cells=[cell(members[0], leaves[0], s="5", v="4", n="Thiếu minh chứng")])
    scoring_services.ranking_compute(bloc_year=by, user=secretary)
    vote = by.votes.filter(unit=units[0]).first()
    vote_save(bloc_year=by, user=secretary, vote=vote, data={"votes_for": 4, "present_count": 5, "base_count": 5})
    proposal = proposal_services.proposal_create(bloc_year=by, user=secretary, data={
        "award_type": award("co-chinh-phu"), "subject": Subject.COLLECTIVE, "unit": units[0],
        "justification": "Dẫn đầu Cụm năm 2026"})
    proposal_services.proposal_submit(proposal=proposal, user=leader, override_reason="Đủ hồ sơ")
    proposal_services.proposal_return(proposal=proposal, user=reviewer, reason="Thiếu biên bản")
    client = world.client("secretary_a")
    pages = {
        "bloc-year history": reverse("blocs:bloc_year_history", args=[by.bloc_id, by.year]),
        "bloc-year page": reverse("blocs:bloc_year_detail", args=[by.bloc_id, by.year]),
        "proposal": reverse("awards:proposal_detail", args=[proposal.pk]),
        "score history": reverse("awards:score_history", args=[by.bloc_id, by.year]),
        "ranking": reverse("awards:ranking", args=[by.bloc_id, by.year]),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = _visible(response.content.decode())
        assert _raw_codes(text) == set(), (name, _raw_codes(text))
    history = _visible(client.get(pages["bloc-year history"]).content.decode())
    assert "Kiện toàn, chuẩn bị → Chấm điểm" in history
    detail = _visible(client.get(pages["proposal"]).content.decode())
    assert "Tập thể" in detail and "Cờ thi đua của Chính phủ" in detail
