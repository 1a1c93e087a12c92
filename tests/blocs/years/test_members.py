"""Members of a year: add, remove, the one-bloc-per-organiser rule, ended units, leader and deputy, phase."""

import datetime

from django.urls import reverse

from blocs.models import AuditEntry, BlocMember
from tests.conftest import errors_of
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory


def _url(w, name, *extra):
    return reverse(f"blocs:{name}", args=[w.bloc_a.pk, 2026, *extra])


def test_secretary_adds_a_member(world):
    unit = UnitFactory(name="Sở Tư pháp")
    response = world.client("secretary_a").post(_url(world, "member_add"), {"member-unit": unit.pk})
    assert response.status_code == 302
    assert world.by_a.members.filter(unit=unit, role="member").exists()
    assert AuditEntry.objects.filter(action="member_add", bloc_year=world.by_a).exists()


def test_unit_in_another_bloc_of_the_same_organiser_cannot_be_added(world):
    unit = UnitFactory(name="Sở Tư pháp")
    other = BlocYearFactory(bloc=BlocFactory(organizer=world.org_a, name="Cụm thi đua C"), year=2026)
    BlocMember.objects.create(bloc_year=other, unit=unit)
    response = world.client("secretary_a").post(_url(world, "member_add"), {"member-unit": unit.pk})
    assert response.status_code == 400
    assert ("Sở Tư pháp đã là thành viên của Cụm thi đua C năm 2026; mỗi đơn vị chỉ thuộc một khối, cụm của cùng "
            "cơ quan tổ chức trong một năm.") in errors_of(response)
    assert not world.by_a.members.filter(unit=unit).exists()


def test_same_unit_in_a_bloc_of_another_organiser_is_fine(world):
    unit = UnitFactory(name="Sở Tư pháp")
    BlocMember.objects.create(bloc_year=world.by_b, unit=unit)
    world.client("secretary_a").post(_url(world, "member_add"), {"member-unit": unit.pk})
    assert world.by_a.members.filter(unit=unit).exists()


def test_a_unit_that_no_longer_exists_cannot_join(world):
    successor = UnitFactory(name="Sở Tài chính")
    unit = UnitFactory(name="Sở Kế hoạch và Đầu tư", valid_to=datetime.date(2025, 2, 28), successor=successor)
    response = world.client("secretary_a").post(_url(world, "member_add"), {"member-unit": unit.pk})
    assert ("Sở Kế hoạch và Đầu tư không còn tồn tại từ 01/03/2025 (đã sáp nhập vào Sở Tài chính), "
            "không thể tham gia năm 2026.") in errors_of(response)
    assert not world.by_a.members.filter(unit=unit).exists()


def test_already_a_member_is_refused(world):
    unit = world.by_a.members.filter(role="member").first().unit
    response = world.client("secretary_a").post(_url(world, "member_add"), {"member-unit": unit.pk})
    assert f"{unit.name} đã là thành viên của khối năm 2026." in errors_of(response)
    assert world.by_a.members.count() == 5


def test_secretary_removes_a_member(world):
    member = world.by_a.members.filter(role="member").first()
    response = world.client("secretary_a").post(_url(world, "member_remove", member.pk))
    assert response.status_code == 302
    assert not BlocMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.get(action="member_remove").changes["unit"] == [member.unit.name, None]


def test_the_leader_cannot_be_removed(world):
    member = world.by_a.members.get(role="leader")
    response = world.client("secretary_a").post(_url(world, "member_remove", member.pk), follow=True)
    assert (f"{member.unit.name} đang là Trưởng khối/Cụm trưởng; hãy chọn đơn vị khác giữ vai trò này trước khi bỏ "
            "khỏi danh sách.") in [str(m) for m in response.context["messages"]]
    assert BlocMember.objects.filter(pk=member.pk).exists()


def test_member_of_another_bloc_cannot_be_removed_through_this_one(world):
    member = world.by_b.members.filter(role="member").first()
    response = world.client("secretary_a").post(_url(world, "member_remove", member.pk))
    assert response.status_code == 404
    assert BlocMember.objects.filter(pk=member.pk).exists()


def _lead(w, leader, deputy, basis="Biên bản họp ngày 10/01/2026"):
    return {"lead-leader": leader.pk, "lead-deputy": deputy.pk if deputy else "", "lead-leadership_basis": basis,
            "lead-leadership_basis_number": "01/BB-CTĐ", "lead-leadership_basis_date": "2026-01-10"}


def test_secretary_changes_leader_and_deputy_with_basis(world):
    members = list(world.by_a.members.filter(role="member").order_by("pk"))
    response = world.client("secretary_a").post(_url(world, "leadership_edit"), _lead(world, members[0].unit, members[1].unit))
    assert response.status_code == 302
    roles = dict(world.by_a.members.exclude(role="member").values_list("role", "unit_id"))
    assert roles == {"leader": members[0].unit_id, "deputy": members[1].unit_id}
    world.by_a.refresh_from_db()
    assert world.by_a.leadership_basis_number == "01/BB-CTĐ"
    entry = AuditEntry.objects.get(action="leadership_set")
    assert entry.changes["leader"] == [world.leader_unit_a.name, members[0].unit.name]


def test_leader_and_deputy_must_differ_on_the_year_page(world):
    unit = world.by_a.members.filter(role="member").first().unit
    response = world.client("secretary_a").post(_url(world, "leadership_edit"), _lead(world, unit, unit))
    assert response.status_code == 400
    assert "Trưởng và phó phải là hai đơn vị khác nhau." in errors_of(response)
    assert world.by_a.members.get(role="leader").unit == world.leader_unit_a


def test_deputy_must_be_a_member(world):
    outsider = world.by_b.members.first().unit
    leader = world.leader_unit_a
    response = world.client("secretary_a").post(_url(world, "leadership_edit"), _lead(world, leader, outsider))
    assert response.status_code == 400
    assert world.by_a.members.get(role="deputy").unit != outsider


def test_leader_needs_a_basis(world):
    unit = world.by_a.members.filter(role="member").first().unit
    response = world.client("secretary_a").post(_url(world, "leadership_edit"), _lead(world, unit, None, basis=""))
    assert "Hãy ghi căn cứ chọn trưởng, phó (biên bản hoặc quyết định)." in errors_of(response)
    assert world.by_a.members.get(role="leader").unit == world.leader_unit_a


def test_leader_rep_cannot_change_leadership(world):
    unit = world.by_a.members.filter(role="member").first().unit
    response = world.client("leader_a").post(_url(world, "leadership_edit"), _lead(world, unit, None))
    assert response.status_code == 403


def _move(client, world, phase, **extra):
    return client.post(_url(world, "bloc_year_update"), {"year-theme": "Đoàn kết", "year-phase": phase, **extra})


def test_phase_moves_to_the_next_without_a_reason_and_back_with_one(world):
    client = world.client("secretary_a")
    _move(client, world, "pledge_signed")
    world.by_a.refresh_from_db()
    assert world.by_a.phase == "pledge_signed" and world.by_a.theme == "Đoàn kết"
    response = _move(client, world, "setup")
    assert "Chuyển sang giai đoạn “Kiện toàn, chuẩn bị” (không phải giai đoạn kế tiếp) cần ghi lý do." in errors_of(response)
    _move(client, world, "setup", **{"year-reason": "Ký lại"})
    world.by_a.refresh_from_db()
    assert world.by_a.phase == "setup"
    assert AuditEntry.objects.filter(action="bloc_year_update", reason="Ký lại").exists()


def test_phase_jumps_forward_with_confirmation_and_reason_recorded(world):
    client = world.client("secretary_a")
    response = _move(client, world, "scoring", **{"year-reason": "Đã ký giao ước và sơ kết ngoài ứng dụng"})
    assert response.status_code == 400
    assert ("Chuyển từ giai đoạn “Kiện toàn, chuẩn bị” sang “Chấm điểm” là bỏ qua giai đoạn; hãy đánh dấu xác nhận và "
            "ghi lý do." in errors_of(response))
    response = _move(client, world, "scoring", **{"year-confirm": "on"})
    assert response.status_code == 400
    assert "Chuyển sang giai đoạn “Chấm điểm” (không phải giai đoạn kế tiếp) cần ghi lý do." in errors_of(response)
    world.by_a.refresh_from_db()
    assert world.by_a.phase == "setup" and not AuditEntry.objects.filter(action="bloc_year_update").exists()
    response = _move(client, world, "scoring", **{"year-confirm": "on", "year-reason": "Đã ký giao ước và sơ kết ngoài ứng dụng"})
    assert response.status_code == 302
    world.by_a.refresh_from_db()
    assert world.by_a.phase == "scoring"
    entry = AuditEntry.objects.get(action="bloc_year_update")
    assert entry.reason == "Đã ký giao ước và sơ kết ngoài ứng dụng" and entry.changes["phase"] == ["setup", "scoring"]
    # The history page shows the phases by their names and the reason.
    page = client.get(reverse("blocs:bloc_year_history", args=[world.bloc_a.pk, 2026])).content.decode()
    assert "Kiện toàn, chuẩn bị → Chấm điểm" in page and "Đã ký giao ước và sơ kết ngoài ứng dụng" in page


def test_phase_jumps_back_to_any_phase_with_confirmation_and_reason(world):
    world.by_a.phase = "proposals"
    world.by_a.save()
    client = world.client("secretary_a")
    assert _move(client, world, "setup", **{"year-reason": "Kiện toàn lại"}).status_code == 400
    assert _move(client, world, "setup", **{"year-reason": "Kiện toàn lại", "year-confirm": "on"}).status_code == 302
    world.by_a.refresh_from_db()
    assert world.by_a.phase == "setup"
    assert AuditEntry.objects.get(action="bloc_year_update").reason == "Kiện toàn lại"


def test_year_page_shows_what_changed_since_last_year(world):
    from blocs.years import services

    units = [m.unit for m in world.by_a.members.order_by("pk")]
    new = UnitFactory(name="Sở Mới")
    by = services.bloc_year_start(user=None, bloc=world.bloc_a, year=2027, units=[*units[:4], new], leader=units[0],
                                  deputy=units[1], basis="Biên bản")
    page = world.client("secretary_a").get(reverse("blocs:bloc_year_detail", args=[world.bloc_a.pk, 2027]))
    assert [u.name for u in page.context["added"]] == ["Sở Mới"]
    assert [u.name for u in page.context["dropped"]] == [units[4].name]
    assert by.members.count() == 5


def test_removing_a_member_drops_its_pledge_signatory(world):
    from blocs.models import Pledge, PledgeSignatory

    member = world.by_a.members.filter(role="member").first()
    pledge = Pledge.objects.create(bloc_year=world.by_a)
    PledgeSignatory.objects.create(pledge=pledge, unit=member.unit, signer_name="Lê Văn C")
    world.client("secretary_a").post(_url(world, "member_remove", member.pk))
    assert not PledgeSignatory.objects.filter(pledge=pledge).exists()


def test_a_dissolved_bloc_cannot_open_a_new_year(world):
    import pytest
    from django.core.exceptions import ValidationError

    from blocs.models import BlocYear
    from blocs.years import services

    world.bloc_a.dissolved_on = datetime.date(2026, 6, 30)
    world.bloc_a.save()
    units = [m.unit for m in world.by_a.members.all()]
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_start(user=None, bloc=world.bloc_a, year=2027, units=units, leader=units[0], deputy=None, basis="BB")
    assert exc.value.messages == ["Khối đã giải thể ngày 30/06/2026, không thể mở năm 2027."]
    assert not BlocYear.objects.filter(bloc=world.bloc_a, year=2027).exists()


def test_leadership_rules_name_the_unit(world):
    import pytest
    from django.core.exceptions import ValidationError

    from blocs.years import services

    outsider = world.by_b.members.first().unit
    with pytest.raises(ValidationError) as exc:
        services.leadership_set(user=None, bloc_year=world.by_a, leader=outsider, deputy=outsider, basis="BB")
    assert exc.value.message_dict == {
        "leader": [f"{outsider.name} không phải thành viên của khối năm 2026 nên không thể làm trưởng."],
        "deputy": [f"{outsider.name} không phải thành viên của khối năm 2026 nên không thể làm phó."],
    }
    assert world.by_a.members.get(role="leader").unit == world.leader_unit_a
