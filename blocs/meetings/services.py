"""Writes of the meetings of a bloc-year (launch, mid-year, year-end, ranking) and their attendance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from blocs.audit.services import diff, record
from blocs.choices import Attendance
from blocs.meetings.models import Meeting, MeetingAttendance
from blocs.years.models import BlocYear
from emulation.lib.text import nfc

MEETING_FIELDS = [
    "kind", "number", "date", "start_time", "end_time", "place", "chairs", "secretary", "guests", "agenda",
    "conclusions", "vote_method", "ballots_issued", "ballots_returned", "ballots_valid", "extra_paragraphs",
]
ATTENDANCE_FIELDS = ["status", "representative", "representative_title", "absence_reason"]


def _check(bloc_year, data, attendance):
    errors = {}
    day = data.get("date")
    if day and not (datetime.date(bloc_year.year, 1, 1) <= day <= datetime.date(bloc_year.year + 1, 12, 31)):
        errors["date"] = _("Hội nghị của năm %(year)s phải họp từ 01/01/%(year)s đến 31/12/%(next)s.") % {
            "year": bloc_year.year, "next": bloc_year.year + 1}
    start, end = data.get("start_time"), data.get("end_time")
    if start and end and end <= start:
        errors["end_time"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
    issued, returned, valid = data.get("ballots_issued"), data.get("ballots_returned"), data.get("ballots_valid")
    if issued is not None and returned is not None and returned > issued:
        errors["ballots_returned"] = _("Số phiếu thu về không thể lớn hơn số phiếu phát ra.")
    if returned is not None and valid is not None and valid > returned:
        errors["ballots_valid"] = _("Số phiếu hợp lệ không thể lớn hơn số phiếu thu về.")
    member_ids = set(bloc_year.members.values_list("unit_id", flat=True))
    rows = []
    for i, row in enumerate(attendance, start=1):
        unit = row["unit"]
        if unit.pk not in member_ids:
            rows.append(_("Dòng %(row)s: %(unit)s không phải thành viên năm %(year)s.") % {"row": i, "unit": unit.name, "year": bloc_year.year})
        elif row["status"] == Attendance.REPRESENTED and not (row.get("representative") or "").strip():
            rows.append(_("Dòng %(row)s (%(unit)s): cử người dự thay thì cần ghi tên người dự.") % {"row": i, "unit": unit.name})
        elif row["status"] == Attendance.ABSENT and (row.get("representative") or "").strip():
            rows.append(_("Dòng %(row)s (%(unit)s): đơn vị vắng mặt thì không ghi người dự.") % {"row": i, "unit": unit.name})
    if rows:
        errors["__all__"] = rows
    if errors:
        raise ValidationError(errors, code="meeting_invalid")


@transaction.atomic
def meeting_save(*, user, bloc_year: BlocYear, data: dict, attendance: list, meeting: Meeting | None = None) -> Meeting:
    """Create or change a meeting and its attendance (one row per member unit), all or nothing.

    ``attendance``: dicts with unit, status, representative, representative_title, absence_reason.
    Side effect: one audit entry (with the attendance counts).
    """
    _check(bloc_year, data, attendance)
    created = meeting is None
    meeting = meeting or Meeting(bloc_year=bloc_year)
    changes = {} if created else diff(meeting, data, MEETING_FIELDS)
    for f in MEETING_FIELDS:
        if f in data:
            setattr(meeting, f, data[f])
    meeting.save()
    existing = {a.unit_id: a for a in meeting.attendance.all()} if not created else {}
    to_create, to_update = [], []
    for row in attendance:
        values = {f: nfc(row.get(f) or "") if f != "status" else row["status"] for f in ATTENDANCE_FIELDS}
        if values["status"] != Attendance.ABSENT:
            values["absence_reason"] = ""
        a = existing.pop(row["unit"].pk, None)
        if a is None:
            to_create.append(MeetingAttendance(meeting=meeting, unit=row["unit"], **values))
        elif diff(a, values, ATTENDANCE_FIELDS):
            for f, v in values.items():
                setattr(a, f, v)
            to_update.append(a)
    MeetingAttendance.objects.bulk_create(to_create)
    if to_update:
        MeetingAttendance.objects.bulk_update(to_update, ATTENDANCE_FIELDS)
    if existing:
        MeetingAttendance.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    counts = {s: sum(1 for r in attendance if r["status"] == s) for s in Attendance.values}
    changes["attendance"] = (None, _("Có mặt %(present)s, cử người dự thay %(represented)s, vắng %(absent)s") % counts)
    record(user=user, action="meeting_create" if created else "meeting_update", obj=meeting, bloc_year=bloc_year, changes=changes)
    return meeting


@transaction.atomic
def meeting_delete(*, user, meeting: Meeting) -> None:
    """Delete a meeting that no vote refers to. Side effect: one audit entry."""
    if hasattr(meeting, "votes") and meeting.votes.exists():
        raise ValidationError(_("Hội nghị đã có kết quả biểu quyết, không thể xoá."), code="has_votes")
    record(user=user, action="meeting_delete", obj=meeting, bloc_year=meeting.bloc_year,
           changes={"date": (meeting.date, None), "kind": (meeting.kind, None)})
    meeting.delete()
