"""Meetings of a bloc-year with the attendance of each member unit."""

from django.urls import reverse

from blocs.models import AuditEntry, Meeting, MeetingAttendance
from tests.conftest import errors_of


def _url(w, name, **kw):
    return reverse(f"blocs:{name}", kwargs={"bloc_id": w.bloc_a.pk, "year": 2026, **kw})


def _data(members, rows=None, **meeting):
    data = {"meeting-kind": "year_end", "meeting-date": "2026-12-15", "meeting-start_time": "08:00", "meeting-end_time": "11:30",
            "meeting-place": "Hội trường UBND tỉnh", "meeting-chairs": "Nguyễn Văn A, Chủ tịch", "meeting-secretary": "",
            "meeting-guests": "", "meeting-agenda": "Tổng kết", "meeting-conclusions": "", "meeting-vote_method": "",
            "meeting-number": "", "meeting-ballots_issued": "", "meeting-ballots_returned": "", "meeting-ballots_valid": "",
            "meeting-extra_paragraphs": "",
            "att-TOTAL_FORMS": len(members), "att-INITIAL_FORMS": len(members)}
    data.update({f"meeting-{k}": v for k, v in meeting.items()})
    for i, m in enumerate(members):
        status, rep, reason = (rows or {}).get(i, ("present", "", ""))
        data.update({f"att-{i}-unit": m.unit_id, f"att-{i}-status": status, f"att-{i}-representative": rep,
                     f"att-{i}-representative_title": "", f"att-{i}-absence_reason": reason})
    return data


def test_secretary_records_a_meeting_with_attendance(world):
    members = list(world.by_a.members.in_display_order())
    rows = {1: ("represented", "Trần Thị B", ""), 2: ("absent", "", "Bận công tác")}
    response = world.client("secretary_a").post(_url(world, "meeting_create"), _data(members, rows))
    assert response.status_code == 302
    meeting = Meeting.objects.get(bloc_year=world.by_a)
    assert meeting.place == "Hội trường UBND tỉnh"
    statuses = {a.unit_id: (a.status, a.representative, a.absence_reason) for a in meeting.attendance.all()}
    assert statuses[members[1].unit_id] == ("represented", "Trần Thị B", "")
    assert statuses[members[2].unit_id] == ("absent", "", "Bận công tác")
    assert sum(1 for s in statuses.values() if s[0] == "present") == 3
    entry = AuditEntry.objects.get(action="meeting_create")
    assert entry.changes["attendance"][1] == "Có mặt 3, cử người dự thay 1, vắng 1"
    page = world.client("leader_a").get(_url(world, "meeting_detail", meeting_id=meeting.pk)).content.decode()
    assert "Có mặt 3 · Cử người dự thay 1 · Vắng 1" in page


def test_representative_name_is_required(world):
    members = list(world.by_a.members.in_display_order())
    response = world.client("secretary_a").post(_url(world, "meeting_create"), _data(members, {3: ("represented", "", "")}))
    assert response.status_code == 400
    assert f"Dòng 4 ({members[3].unit.name}): cử người dự thay thì cần ghi tên người dự." in errors_of(response)
    assert not Meeting.objects.exists()


def test_end_time_and_date_and_ballots_are_checked(world):
    members = list(world.by_a.members.in_display_order())
    response = world.client("secretary_a").post(_url(world, "meeting_create"), _data(
        members, end_time="07:00", date="2025-12-31", ballots_issued="5", ballots_returned="6", ballots_valid="7"))
    errors = errors_of(response)
    assert "Giờ kết thúc phải sau giờ bắt đầu." in errors
    assert "Hội nghị của năm 2026 phải họp từ 01/01/2026 đến 31/12/2027." in errors
    assert "Số phiếu thu về không thể lớn hơn số phiếu phát ra." in errors
    assert "Số phiếu hợp lệ không thể lớn hơn số phiếu thu về." in errors
    assert not Meeting.objects.exists()


def test_editing_updates_attendance_and_deleting_removes_the_meeting(world):
    members = list(world.by_a.members.in_display_order())
    client = world.client("secretary_a")
    client.post(_url(world, "meeting_create"), _data(members))
    meeting = Meeting.objects.get()
    client.post(_url(world, "meeting_detail", meeting_id=meeting.pk), _data(members, {0: ("absent", "", "Ốm")}, place="Hạ Long"))
    meeting.refresh_from_db()
    assert meeting.place == "Hạ Long"
    assert meeting.attendance.get(unit=members[0].unit).status == "absent"
    assert AuditEntry.objects.get(action="meeting_update").changes["place"] == ["Hội trường UBND tỉnh", "Hạ Long"]
    client.post(_url(world, "meeting_delete", meeting_id=meeting.pk))
    assert not Meeting.objects.exists() and not MeetingAttendance.objects.exists()


def test_leader_rep_cannot_change_a_meeting(world):
    members = list(world.by_a.members.in_display_order())
    world.client("secretary_a").post(_url(world, "meeting_create"), _data(members))
    meeting = Meeting.objects.get()
    response = world.client("leader_a").post(_url(world, "meeting_detail", meeting_id=meeting.pk), _data(members, place="Khác"))
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.place == "Hội trường UBND tỉnh"


def test_two_rows_for_one_unit_are_a_form_error_not_a_crash(world):
    members = list(world.by_a.members.in_display_order())
    data = _data(members)
    data["att-1-unit"] = members[0].unit_id  # the page was tampered with: the first unit twice
    response = world.client("secretary_a").post(_url(world, "meeting_create"), data)
    assert response.status_code == 400
    assert any("Dòng 2:" in e and "trùng với dòng 1" in e for e in errors_of(response))
    assert not Meeting.objects.filter(bloc_year=world.by_a).exists()
