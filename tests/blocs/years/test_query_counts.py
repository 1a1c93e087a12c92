"""No page's query count grows with the number of members or years (demo size and ten times it)."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType, Proposal, RankEntry, Ranking
from blocs.choices import MemberRole
from blocs.models import (
    BlocMember,
    BlocYear,
    Meeting,
    MeetingAttendance,
    Pledge,
    PledgeCommitment,
    PledgeSignatory,
)
from tests.factories import UnitFactory


def _grow(world, new_members, new_years):
    """Add ``new_members`` units to every year (2026 included) and ``new_years`` earlier years, with
    rankings, proposals, pledge commitments and signatories, and meeting attendance."""
    bloc = world.bloc_a
    units = [UnitFactory() for _ in range(new_members)]
    award = AwardType.objects.first()
    first = bloc.years.order_by("year").first().year
    for year in range(first - new_years, first):
        by = BlocYear.objects.create(bloc=bloc, year=year)
        BlocMember.objects.bulk_create([
            BlocMember(bloc_year=by, unit=world.leader_unit_a, organizer_id=bloc.organizer_id, year=year, role=MemberRole.LEADER)])
        Proposal.objects.create(bloc_year=by, award_type=award, subject="collective", unit=world.leader_unit_a,
                                organizer_id=bloc.organizer_id, year=year)
    for by in bloc.years.all():
        BlocMember.objects.bulk_create([BlocMember(bloc_year=by, unit=u, organizer_id=bloc.organizer_id, year=by.year) for u in units])
        ranking, _ = Ranking.objects.get_or_create(bloc_year=by)
        ranking.entries.all().delete()
        RankEntry.objects.bulk_create([RankEntry(ranking=ranking, unit=m.unit, rank=i + 1) for i, m in enumerate(by.members.all())])
    pledge, _ = Pledge.objects.get_or_create(bloc_year=world.by_a)
    PledgeCommitment.objects.bulk_create([PledgeCommitment(pledge=pledge, order=i, text=f"Nội dung {i}") for i in range(new_members)])
    PledgeSignatory.objects.bulk_create([PledgeSignatory(pledge=pledge, unit=u) for u in units])
    meeting = Meeting.objects.filter(bloc_year=world.by_a).first() or Meeting.objects.create(
        bloc_year=world.by_a, kind="year_end", date=datetime.date(2026, 12, 1))
    MeetingAttendance.objects.bulk_create([MeetingAttendance(meeting=meeting, unit=u) for u in units])
    return meeting


PAGES = [
    ("blocs:bloc_detail", lambda w, m: {"bloc_id": w.bloc_a.pk}),
    ("awards:bloc_history", lambda w, m: {"bloc_id": w.bloc_a.pk}),
    ("awards:unit_history", lambda w, m: {"unit_id": w.leader_unit_a.pk}),
    ("blocs:bloc_year_detail", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026}),
    ("blocs:bloc_year_start", lambda w, m: {"bloc_id": w.bloc_a.pk}),
    ("blocs:members_import", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026}),
    ("blocs:pledge_detail", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026}),
    ("blocs:pledge_signatories", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026}),
    ("blocs:meeting_detail", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026, "meeting_id": m.pk}),
    ("blocs:meeting_create", lambda w, m: {"bloc_id": w.bloc_a.pk, "year": 2026}),
]
LIMIT = 22


@pytest.mark.parametrize("name,kwargs", PAGES, ids=[p[0] for p in PAGES])
def test_page_query_count_does_not_grow(world, django_assert_max_num_queries, name, kwargs):
    client = world.client("secretary_a")

    def measure(meeting):
        url = reverse(name, kwargs=kwargs(world, meeting))
        client.get(url)  # warm per-process caches
        with django_assert_max_num_queries(LIMIT) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    meeting = _grow(world, 2, 1)  # the demo's size: 7 members, 2 years
    small = measure(meeting)
    _grow(world, 63, 18)  # ten times: 70 members, 20 years
    assert world.by_a.members.count() == 70 and world.bloc_a.years.count() == 20
    assert measure(meeting) == small
