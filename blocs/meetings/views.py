"""Meetings of a bloc-year with the attendance of each member unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blocs.choices import Attendance
from blocs.meetings import services
from blocs.meetings.forms import AttendanceFormSet, MeetingForm
from blocs.meetings.models import Meeting
from blocs.years.lookups import get_bloc_year_for_user
from blocs.years.member_rows import member_initial, member_rows
from emulation.lib.forms import add_service_errors

EDIT = "blocs.edit_bloc_year"


def _meeting_page(request, bloc_year, meeting=None):
    can_edit = request.user.has_perm(EDIT, bloc_year)
    if request.method == "POST":
        bloc_year = get_bloc_year_for_user(request, bloc_year.bloc_id, bloc_year.year, EDIT)
    members = list(bloc_year.members.select_related("unit").in_display_order())
    existing = {a.unit_id: a for a in meeting.attendance.all()} if meeting else {}
    initial = member_initial(members, existing, {
        "status": Attendance.PRESENT if meeting is None else Attendance.ABSENT,
        "representative": "", "representative_title": "", "absence_reason": "",
    })
    form = MeetingForm(request.POST or None, instance=Meeting(bloc_year=bloc_year) if meeting is None else
                       Meeting.objects.get(pk=meeting.pk), prefix="meeting")
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="att")
    if request.method == "POST":
        form_ok, formset_ok = form.is_valid(), formset.is_valid()
        if form_ok and formset_ok:
            try:
                saved = services.meeting_save(user=request.user, bloc_year=bloc_year, data=form.cleaned_data,
                                              attendance=member_rows(formset, members, every_member=True), meeting=meeting)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, _("Đã lưu %(meeting)s.") % {"meeting": saved})
                return redirect("blocs:meeting_detail", bloc_year.bloc_id, bloc_year.year, saved.pk)
    counts = {s: sum(1 for i in initial if i["status"] == s) for s in Attendance.values}
    return render(request, "blocs/meeting_form.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "meeting": meeting, "form": form, "formset": formset,
        "rows": list(zip(members, formset.forms, strict=False)), "can_edit": can_edit, "counts": counts,
    }, status=400 if request.method == "POST" else 200)


@login_required
def meeting_create(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    return _meeting_page(request, bloc_year)


@login_required
def meeting_detail(request, bloc_id, year, meeting_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    meeting = get_object_or_404(Meeting, pk=meeting_id, bloc_year=bloc_year)
    return _meeting_page(request, bloc_year, meeting)


@login_required
@require_POST
def meeting_delete(request, bloc_id, year, meeting_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    meeting = get_object_or_404(Meeting, pk=meeting_id, bloc_year=bloc_year)
    try:
        services.meeting_delete(user=request.user, meeting=meeting)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("blocs:meeting_detail", bloc_id, year, meeting_id)
    messages.success(request, _("Đã xoá hội nghị."))
    return redirect("blocs:bloc_year_detail", bloc_id, year)
