"""History of a bloc and of a unit, as a table and as a printable SVG chart."""

import datetime

from django.urls import reverse

from blocs.models import Unit
from blocs.years import services


def test_bloc_history_lists_years_with_leader_deputy_top_unit_and_awards(secretary, seven):
    response = secretary.get(reverse("awards:bloc_history", args=[seven.pk]))
    assert response.status_code == 200
    years = {by.year: by for by in response.context["years"]}
    assert (years[2017].leader.name, years[2017].deputy.name) == ("Tuyên Quang", "Hòa Bình")
    assert [u.name for u in years[2017].top] == ["Phú Thọ"]
    assert {p.award_type.code for p in years[2017].awards} >= {"co-chinh-phu", "bk-ttg"}
    assert (years[2018].leader.name, years[2018].deputy.name) == ("Hòa Bình", "Yên Bái")
    page = response.content.decode()
    assert "<svg" in page and "Phú Thọ" in page


def test_unit_history_lists_every_bloc_and_year_with_rank_and_chart(secretary, seven):
    phu_tho = Unit.objects.get(kind="province", name="Phú Thọ", valid_to__isnull=False)
    response = secretary.get(reverse("awards:unit_history", args=[phu_tho.pk]))
    rows = {(m.year, m.bloc_year.bloc.name): m for m in response.context["memberships"]}
    assert rows[(2017, seven.name)].rank.rank == 1
    assert [p.award_type.code for p in rows[(2017, seven.name)].awards] == ["co-chinh-phu"]
    assert rows[(2018, seven.name)].rank is None
    assert "<svg" in response.content.decode()


def test_merged_unit_keeps_its_old_name_in_history_and_successor_shows_it(secretary, seven):
    bac_kan = Unit.objects.get(kind="province", name="Bắc Kạn", valid_to__isnull=False)
    thai_nguyen = bac_kan.successor
    page = secretary.get(reverse("awards:unit_history", args=[thai_nguyen.pk]))
    assert any(m.unit.name == "Bắc Kạn" and m.year == 2017 for m in page.context["memberships"])
    assert "Bắc Kạn" in [p.name for p in page.context["predecessors"]]
    old = secretary.get(reverse("awards:unit_history", args=[bac_kan.pk])).content.decode()
    assert "30/06/2025" in old and "sáp nhập vào" in old


def test_unit_outside_the_users_scope_is_not_found(world):
    unit = world.by_b.members.first().unit
    assert world.client("secretary_a").get(reverse("awards:unit_history", args=[unit.pk])).status_code == 404


def test_unit_history_names_out_of_scope_predecessors_without_a_link(world):
    """A predecessor whose history the user may not open (it was never in a bloc the user sees) is shown
    by name only; one in scope keeps its link."""
    merged_into = world.by_a.members.first().unit
    outside = world.by_b.members.first().unit
    inside = world.by_a.members.last().unit
    Unit.objects.filter(pk__in=[outside.pk, inside.pk]).update(successor=merged_into, valid_to=datetime.date(2025, 6, 30))
    client = world.client("secretary_a")
    page = client.get(reverse("awards:unit_history", args=[merged_into.pk])).content.decode()
    assert outside.name in page and inside.name in page
    assert reverse("awards:unit_history", args=[outside.pk]) not in page
    assert reverse("awards:unit_history", args=[inside.pk]) in page
    assert client.get(reverse("awards:unit_history", args=[outside.pk])).status_code == 404
    assert client.get(reverse("awards:unit_history", args=[inside.pk])).status_code == 200


def test_reorganisation_tool_records_a_merge_and_flags_the_bloc(world):
    ministry_units = list(world.by_a.members.filter(role="member").order_by("pk")[:1])
    old = ministry_units[0].unit
    into = Unit.objects.create(name="Sở Tài chính (mới)", kind="department")
    client = world.client("admin")
    response = client.post(reverse("blocs:reorganisation"), {"units": [old.pk], "into": into.pk, "on": "2026-03-01"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.valid_to == datetime.date(2026, 2, 28) and old.successor == into
    page = client.get(reverse("blocs:reorganisation"))
    flagged = {by.bloc.name: [m.unit.name for m in members] for by, members in page.context["flagged"]}
    assert flagged == {world.bloc_a.name: [old.name]}
    year_page = client.get(reverse("blocs:bloc_year_detail", args=[world.bloc_a.pk, 2026])).content.decode()
    assert "Cần kiện toàn cho năm sau:" in year_page
    # History keeps the old name; the merged unit cannot join 2027.
    assert world.by_a.members.filter(unit__name=old.name).exists()
    from django.core.exceptions import ValidationError

    units = [m.unit for m in world.by_a.members.all()]
    try:
        services.bloc_year_start(user=None, bloc=world.bloc_a, year=2027, units=units, leader=world.leader_unit_a,
                                 deputy=None, basis="BB")
    except ValidationError as e:
        assert e.message_dict["units"] == [
            f"{old.name} không còn tồn tại từ 01/03/2026 (đã sáp nhập vào Sở Tài chính (mới)), không thể tham gia năm 2027."]
    else:
        raise AssertionError("merged unit joined 2027")


def test_merging_a_unit_into_itself_is_refused(world):
    unit = world.leader_unit_a
    response = world.client("admin").post(reverse("blocs:reorganisation"), {"units": [unit.pk], "into": unit.pk, "on": "2025-07-01"})
    assert response.status_code == 400
    assert f"{unit.name} không thể sáp nhập vào chính nó." in response.context["form"].errors["units"]
    unit.refresh_from_db()
    assert unit.valid_to is None


def test_blocs_with_members_merged_in_2025_are_flagged_for_their_next_year(demo):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(reverse("blocs:reorganisation"))
    flagged = {by.bloc.name: sorted(m.unit.name for m in members) for by, members in page.context["flagged"]}
    assert flagged["Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"] == sorted(
        ["Bắc Giang", "Bắc Kạn", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"])
    assert flagged["Khối thi đua các thị xã, thành phố"] == ["Thị xã Đông Triều"]
    assert flagged["Khối thi đua II"] == [
        "Sở Giao thông Vận tải", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"]
    assert "Khối thi đua các cơ quan Đảng tỉnh" not in flagged


def test_secretary_home_page_warns_about_members_that_ceased(secretary):
    page = secretary.get(reverse("home")).content.decode()
    assert ("Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc: 7 đơn vị thành viên không còn tồn tại (sáp nhập, giải thể); "
            "cần kiện toàn trước khi mở năm mới.") in page
