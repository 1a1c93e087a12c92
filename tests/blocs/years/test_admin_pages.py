"""The Django admin cannot go around the rules and the audit: members, roles, leaders, votes, rankings and
proposals are read-only there (they change only through the services, which check and audit), and the
audit history can be neither changed nor deleted."""

import pytest
from django.urls import reverse

from awards.choices import RankingStatus
from awards.models import Proposal, RankEntry, Ranking, Vote
from blocs.audit.services import record
from blocs.choices import MemberRole
from blocs.models import AuditEntry, BlocMember
from tests.factories import UnitFactory


def test_admin_cannot_add_a_member_or_a_leader(world):
    unit = UnitFactory(name="Sở Y tế")
    response = world.client("admin").post(reverse("admin:blocs_blocmember_add"),
                                          {"bloc_year": world.by_a.pk, "unit": unit.pk, "role": "leader"})
    assert response.status_code == 403
    assert not world.by_a.members.filter(unit=unit).exists()


def test_admin_cannot_demote_the_leader_or_remove_a_member(world):
    leader = BlocMember.objects.get(bloc_year=world.by_a, role=MemberRole.LEADER)
    client = world.client("admin")
    response = client.post(reverse("admin:blocs_blocmember_change", args=[leader.pk]),
                           {"bloc_year": world.by_a.pk, "unit": leader.unit_id, "role": "member"})
    assert response.status_code == 403
    assert client.post(reverse("admin:blocs_blocmember_delete", args=[leader.pk]), {"post": "yes"}).status_code == 403
    leader.refresh_from_db()
    assert leader.role == MemberRole.LEADER


def test_bloc_year_admin_shows_members_without_edit_fields(world):
    page = world.client("admin").get(reverse("admin:blocs_blocyear_change", args=[world.by_a.pk])).content.decode()
    assert world.leader_unit_a.name in page
    assert 'name="members-0-role"' not in page


@pytest.mark.parametrize("model", ["vote", "ranking", "proposal"])
def test_awards_admin_cannot_add_votes_rankings_or_proposals(world, model):
    assert world.client("admin").get(reverse(f"admin:awards_{model}_add")).status_code == 403


def test_admin_cannot_change_a_vote_a_rank_or_a_proposal(demo, admin_client):
    vote, proposal = Vote.objects.first(), Proposal.objects.first()
    ranking = Ranking.objects.filter(status=RankingStatus.APPROVED).first() or Ranking.objects.first()
    before = (vote.votes_for, list(RankEntry.objects.filter(ranking=ranking).values_list("rank", flat=True)), proposal.person_name)
    assert admin_client.post(reverse("admin:awards_vote_change", args=[vote.pk]), {"votes_for": 2}).status_code == 403
    assert admin_client.post(reverse("admin:awards_ranking_change", args=[ranking.pk]), {}).status_code == 403
    assert admin_client.post(reverse("admin:awards_proposal_change", args=[proposal.pk]), {"person_name": "X"}).status_code == 403
    vote.refresh_from_db()
    proposal.refresh_from_db()
    after = (vote.votes_for, list(RankEntry.objects.filter(ranking=ranking).values_list("rank", flat=True)), proposal.person_name)
    assert after == before


def test_audit_history_cannot_be_deleted_in_the_admin(world):
    entry = record(user=None, action="member_add", obj=world.by_a, bloc_year=world.by_a)
    client = world.client("admin")
    assert client.post(reverse("admin:blocs_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    response = client.post(reverse("admin:blocs_auditentry_changelist"),
                           {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admin_pages_of_the_blocs_area_open(world):
    client = world.client("admin")
    for name in ["blocs_bloc", "blocs_blocyear", "blocs_blocmember", "blocs_unit", "blocs_pledge", "blocs_meeting"]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:blocs_blocyear_change", args=[world.by_a.pk])).status_code == 200
