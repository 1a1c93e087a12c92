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


# --- the Excel import: the checks of a batch ------------------------------------------------------

def _import_rows(n):
    return [[f"Nguyễn Văn Cá Nhân {i}", "Chuyên viên", "Sở Nội vụ tỉnh Tuyên Quang", "Nam", 1975 + i,
             "Bằng khen của Chủ tịch UBND tỉnh", ""] for i in range(n)]


@pytest.mark.parametrize("n", [5, 40])
def test_an_import_reads_the_rules_and_members_once_and_a_few_queries_a_row(world, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.proposals import imports

    from .test_prepare import _xlsx

    with CaptureQueriesContext(connection) as ctx:
        imports.individuals_import(bloc_year=world.by_a, user=world.users["secretary_a"], upload=_xlsx(_import_rows(n)))
    sql = [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert sum('FROM "awards_awardrule"' in s for s in sql) == 1
    assert sum('FROM "blocs_blocmember"' in s for s in sql) == 1
    # per row: the proposal, its transition and audit entry; the quota and duplicate checks; the stored results
    assert len(sql) <= 6 * n + 10


def test_an_import_refreshes_the_checks_of_the_proposals_it_duplicates(world):
    from awards.proposals import imports, services

    from .test_prepare import _xlsx

    kept = services.proposal_create(bloc_year=world.by_b, user=world.users["admin"], data={
        "award_type": award("bk-tinh"), "subject": Subject.INDIVIDUAL, "person_name": "Nguyễn Văn Cá Nhân 1",
        "person_unit": "Sở Nội vụ tỉnh Tuyên Quang"})
    assert kept.checks_blocking == 0
    created = imports.individuals_import(bloc_year=world.by_a, user=world.users["secretary_a"], upload=_xlsx(_import_rows(3)))
    kept.refresh_from_db()
    assert [c["ok"] for c in kept.checks if c["code"] == "duplicate"] == [False]
    assert [p.person_name for p in Proposal.objects.filter(pk__in=[p.pk for p in created], checks_blocking=1)] == ["Nguyễn Văn Cá Nhân 1"]
