"""List pages of the proposals area: the number of queries does not depend on the rows."""

import pytest
from django.urls import reverse

from awards.choices import ProposalStatus, Subject
from awards.models import Notification, Proposal, Vote

from .conftest import award, rank_all


def _fill(world, n):
    by = world.by_a
    units = rank_all(by)
    at = award("bk-tinh")
    Proposal.objects.bulk_create([
        Proposal(bloc_year=by, organizer_id=by.bloc.organizer_id, year=by.year, award_type=at, subject=Subject.INDIVIDUAL,
                 person_name=f"Cá nhân {i}", status=ProposalStatus.DRAFT) for i in range(n)])
    Vote.objects.bulk_create([Vote(bloc_year=by, unit=units[i % len(units)], candidate_name="", votes_for=3, base_count=5,
                                   present_count=5) for i in range(n)])
    Notification.objects.bulk_create([Notification(user=world.users["secretary_a"], text=f"Thông báo {i}") for i in range(n)])


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize("name,max_queries", [("proposal_list", 10), ("vote_list", 10)])
def test_bloc_year_pages_query_count(world, django_assert_max_num_queries, n, name, max_queries):
    _fill(world, n)
    client = world.client("secretary_a")
    url = reverse(f"awards:{name}", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    with django_assert_max_num_queries(max_queries):
        r = client.get(url)
    assert r.status_code == 200


@pytest.mark.parametrize("n", [10, 200])
def test_notification_list_query_count(world, django_assert_max_num_queries, n):
    _fill(world, n)
    client = world.client("secretary_a")
    with django_assert_max_num_queries(5):
        r = client.get(reverse("awards:notification_list"))
    assert r.content.decode().count("Thông báo ") >= min(n, 50)
