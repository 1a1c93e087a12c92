"""The Django admin keeps the membership rules: clear Vietnamese errors instead of database errors."""

from django.urls import reverse

from blocs.models import BlocMember
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory


def test_admin_cannot_add_a_unit_to_two_blocs_of_the_same_organiser(world):
    unit = UnitFactory(name="Sở Nội vụ")
    other = BlocYearFactory(bloc=BlocFactory(organizer=world.org_a, name="Cụm thi đua C"), year=2026)
    BlocMember.objects.create(bloc_year=other, unit=unit)
    response = world.client("admin").post(reverse("admin:blocs_blocmember_add"), {"bloc_year": world.by_a.pk, "unit": unit.pk, "role": "member"})
    assert response.status_code == 200
    assert ("Sở Nội vụ đã là thành viên của Cụm thi đua C năm 2026; mỗi đơn vị chỉ thuộc một khối, cụm của cùng cơ quan "
            "tổ chức trong một năm.") in response.context["adminform"].form.errors["unit"]
    assert not world.by_a.members.filter(unit=unit).exists()


def test_admin_cannot_give_a_year_two_leaders(world):
    unit = UnitFactory(name="Sở Y tế")
    response = world.client("admin").post(reverse("admin:blocs_blocmember_add"), {"bloc_year": world.by_a.pk, "unit": unit.pk, "role": "leader"})
    assert f"Năm 2026 đã có Trưởng khối/Cụm trưởng: {world.leader_unit_a.name}." in response.context["adminform"].form.errors["role"]
    assert not world.by_a.members.filter(unit=unit).exists()


def test_admin_pages_of_the_blocs_area_open(world):
    client = world.client("admin")
    for name in ["blocs_bloc", "blocs_blocyear", "blocs_blocmember", "blocs_unit", "blocs_pledge", "blocs_meeting"]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:blocs_blocyear_change", args=[world.by_a.pk])).status_code == 200
