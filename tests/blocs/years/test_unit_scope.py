"""One scope rule for units: a bloc whose organiser is a province holds only units of that province
(or of its predecessors/successor). Every path that adds a member calls the same rule."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs.audit.models import AuditEntry
from blocs.choices import Role
from blocs.models import BlocMember, Organizer, Unit
from blocs.years import services
from blocs.years.resources import BlocMemberResource
from tests.factories import BlocFactory, UserFactory, bloc_year_with_members, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def provincial(reference_data):
    organizer = Organizer.objects.filter(kind="province", province__isnull=False, province__valid_to__isnull=True).first()
    bloc = BlocFactory(organizer=organizer, name="Khối các sở")
    by = bloc_year_with_members(0, bloc=bloc, year=2026)
    units = Unit.objects.valid_on(datetime.date(2026, 1, 1))
    inside = units.filter(province=organizer.province).exclude(memberships__year=2026).first()
    outside = units.exclude(province=organizer.province).exclude(province__successor=organizer.province).exclude(
        province__isnull=True).first()
    assert inside and outside
    secretary = grant(UserFactory(username="thuky_tinh"), Role.SECRETARY, bloc=bloc)
    return by, inside, outside, secretary


def _nothing_added(by, unit):
    return not BlocMember.objects.filter(bloc_year=by, unit=unit).exists()


def test_add_one_refuses_a_unit_of_another_province(provincial, client):
    by, inside, outside, secretary = provincial
    client.force_login(secretary)
    url = reverse("blocs:member_add", kwargs={"bloc_id": by.bloc_id, "year": 2026})
    before = AuditEntry.objects.count()
    response = client.post(url, {"member-unit": outside.pk})
    assert response.status_code in (200, 400)
    assert "Đã thêm" not in response.content.decode()
    assert _nothing_added(by, outside) and AuditEntry.objects.count() == before
    client.post(url, {"member-unit": inside.pk})
    assert BlocMember.objects.filter(bloc_year=by, unit=inside).exists()


def test_service_names_the_organiser(provincial):
    by, _inside, outside, secretary = provincial
    with pytest.raises(ValidationError) as err:
        services.member_add(user=secretary, bloc_year=by, unit=outside)
    assert err.value.code == "out_of_scope"
    assert outside.name in err.value.messages[0] and by.bloc.organizer.name in err.value.messages[0]


def test_bulk_add_refuses_and_adds_nothing(provincial):
    by, inside, outside, secretary = provincial
    with pytest.raises(ValidationError) as err:
        services.members_add_bulk(user=secretary, bloc_year=by, units=[inside, outside])
    assert "Dòng 2" in err.value.messages[0]
    assert _nothing_added(by, inside) and _nothing_added(by, outside)


def test_new_year_refuses_a_unit_of_another_province(provincial):
    by, inside, outside, secretary = provincial
    with pytest.raises(ValidationError):
        services.bloc_year_start(user=secretary, bloc=by.bloc, year=2027, units=[inside, outside], leader=inside,
                                 deputy=None, basis="Biên bản họp ngày 10/12/2026")
    assert not by.bloc.years.filter(year=2027).exists()


def test_import_resource_refuses_a_unit_of_another_province(provincial):
    by, _inside, outside, _secretary = provincial
    data = tablib.Dataset(headers=["id", "bloc_year", "unit", "role"])
    data.append(["", f"{by.bloc_id}:2026", outside.pk, "member"])
    result = BlocMemberResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert _nothing_added(by, outside)


def test_the_join_rules_of_many_units_cost_the_same_queries_as_of_one(world, django_assert_max_num_queries):
    """members_add_bulk and bloc_year_start check every unit with ``join_refusals``: the scope and the
    other memberships are read once for the list, not once per unit (40 units of a province's bloc)."""
    from tests.factories import BlocYearFactory, UnitFactory

    province = world.org_b.province
    units = [UnitFactory(name=f"Đơn vị thử {i}", province=province) for i in range(40)]
    by = BlocYearFactory(bloc=world.bloc_b, year=2030)
    with django_assert_max_num_queries(8):
        services.members_add_bulk(user=None, bloc_year=by, units=units)
    assert by.members.count() == 40
    refusals = services.join_refusals(bloc_year=BlocYearFactory(bloc=BlocFactory(organizer=world.org_b), year=2030),
                                      units=units[:3])
    assert [e.code for e in refusals.values()] == ["other_bloc"] * 3
