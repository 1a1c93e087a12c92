"""Admin imports (django-import-export) of units and memberships follow the app's rules, all or nothing."""

import tablib

from blocs.models import BlocMember, Unit
from blocs.years.resources import BlocMemberResource, UnitResource
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory


def test_membership_import_refuses_a_unit_already_in_a_bloc_of_the_same_organiser(world):
    unit, free = UnitFactory(name="Sở Nội vụ"), UnitFactory(name="Sở Y tế")
    other = BlocYearFactory(bloc=BlocFactory(organizer=world.org_a, name="Cụm thi đua C"), year=2026)
    BlocMember.objects.create(bloc_year=other, unit=unit)
    data = tablib.Dataset(headers=["id", "bloc_year", "unit", "role"])
    data.append(["", f"{world.bloc_a.pk}:2026", free.pk, "member"])
    data.append(["", f"{world.bloc_a.pk}:2026", unit.pk, "member"])
    result = BlocMemberResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    messages = [m for row in result.invalid_rows for m in row.error_dict["unit"]]
    assert messages == ["Sở Nội vụ đã là thành viên của Cụm thi đua C năm 2026; mỗi đơn vị chỉ thuộc một khối, cụm "
                        "của cùng cơ quan tổ chức trong một năm."]
    assert not world.by_a.members.filter(unit__in=[unit, free]).exists()


def test_membership_import_adds_valid_rows(world):
    free = UnitFactory(name="Sở Y tế")
    data = tablib.Dataset(headers=["id", "bloc_year", "unit", "role"])
    data.append(["", f"{world.bloc_a.pk}:2026", free.pk, "member"])
    result = BlocMemberResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert world.by_a.members.filter(unit=free).exists()


def test_unit_import_refuses_an_end_before_the_start(db):
    data = tablib.Dataset(headers=["id", "name", "short_name", "kind", "province", "head_title", "signing_formula", "valid_from", "valid_to"])
    data.append(["", "Sở Mới", "", "department", "", "", "", "2025-07-01", "2025-01-01"])
    result = UnitResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert result.invalid_rows[0].error_dict["valid_to"] == ["Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."]
    assert not Unit.objects.filter(name="Sở Mới").exists()
