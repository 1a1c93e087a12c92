"""Changing a bloc-year: theme and phase, leader and deputy, members, a new year, bulk members."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from blocs.units.models import Unit
from blocs.years import member_import, services, succession
from blocs.years.forms import BlocYearForm, LeadershipForm, MemberAddForm, MemberImportForm, StartYearForm
from blocs.years.lookups import get_bloc_for_user, get_bloc_year_for_user
from blocs.years.models import BlocMember
from blocs.years.selectors import unit_candidates
from blocs.years.views.blocs import bloc_year_context, member_search_url
from emulation.lib import sheets
from emulation.lib.downloads import XLSX, download
from emulation.lib.forms import service_applied
from emulation.lib.text import ascii_key

EDIT = "blocs.edit_bloc_year"


def _render_year(request, bloc_year, status=400, **forms):
    return render(request, "blocs/bloc_year_detail.html", bloc_year_context(request, bloc_year, **forms), status=status)


def _apply_year_form(request, bloc_year, form, key, action, success):
    """One form of the bloc-year page: its service applied, back to the page with ``success``; else
    the page again (400) with ``form`` and its errors in the place of ``key``."""
    if service_applied(form, action):
        messages.success(request, success)
        return redirect("blocs:bloc_year_detail", bloc_year.bloc_id, bloc_year.year)
    bloc_year.refresh_from_db()
    return _render_year(request, bloc_year, **{key: form})


@login_required
@require_POST
def bloc_year_update(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    form = BlocYearForm(request.POST, prefix="year")
    return _apply_year_form(request, bloc_year, form, "year_form", lambda d: services.bloc_year_update(
        user=request.user, bloc_year=bloc_year, theme=d["theme"], phase=d["phase"], reason=d["reason"],
        confirmed=d["confirm"]),
        _("Đã lưu chủ đề và giai đoạn của năm %(year)s.") % {"year": year})


@login_required
@require_POST
def leadership_edit(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    units = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")
    form = LeadershipForm(request.POST, units=units, prefix="lead")
    return _apply_year_form(request, bloc_year, form, "leadership_form", lambda d: services.leadership_set(
        user=request.user, bloc_year=bloc_year, leader=d["leader"], deputy=d["deputy"], basis=d["leadership_basis"],
        basis_number=d["leadership_basis_number"], basis_date=d["leadership_basis_date"]),
        _("Đã lưu trưởng, phó năm %(year)s.") % {"year": year})


@login_required
@require_POST
def member_add(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    # Any unit in force may be posted; the service gives the reason a unit cannot join.
    form = MemberAddForm(request.POST, units=Unit.objects.all(), search_url=member_search_url(bloc_id, year), prefix="member")
    if service_applied(form, lambda d: services.member_add(user=request.user, bloc_year=bloc_year, unit=d["unit"])):
        messages.success(request, _("Đã thêm %(unit)s.") % {"unit": form.cleaned_data["unit"].name})
        return redirect("blocs:bloc_year_detail", bloc_id, year)
    form.fields["unit"].queryset = unit_candidates(bloc=bloc_year.bloc, year=year).exclude(memberships__bloc_year=bloc_year)
    return _render_year(request, bloc_year, member_form=form)


@login_required
@require_POST
def member_remove(request, bloc_id, year, member_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    member = get_object_or_404(BlocMember.objects.select_related("unit", "bloc_year"), pk=member_id, bloc_year=bloc_year)
    try:
        services.member_remove(user=request.user, member=member)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Đã bỏ %(unit)s khỏi danh sách năm %(year)s.") % {"unit": member.unit.name, "year": year})
    return redirect("blocs:bloc_year_detail", bloc_id, year)


@login_required
def bloc_year_start(request, bloc_id):
    """Start a new year from the last one: members carried forward, the policy's proposal to confirm."""
    bloc = get_bloc_for_user(request, bloc_id, EDIT)
    posting = request.method == "POST"
    # The page follows the year posted (the preview or a refused submit), or ``?year=``; typing in the
    # year box changes only the year shown (year-text.js): the members offered follow it on the preview.
    new = succession.new_year(bloc=bloc, posted_year=request.POST.get("year") if posting else request.GET.get("year"))
    form = StartYearForm(request.POST or None, units=new.candidates, members=new.members(request.POST.getlist("units")),
                         offered=new.offered_ids, marks={pk: _("(kế thừa)") for pk in new.inherited_ids},
                         search_url=member_search_url(bloc.pk, new.year),
                         initial={"year": new.year, "units": new.offered_ids, "leader": new.proposal.leader,
                                  "deputy": new.proposal.deputy})
    changes = None
    if posting and request.POST.get("action") == "preview":  # what changes against last year, nothing saved
        changes = succession.membership_changes(new, *form.units_for_preview())
    elif posting and service_applied(form, lambda d: services.bloc_year_start(
            user=request.user, bloc=bloc, year=d["year"], units=list(d["units"]), leader=d["leader"],
            deputy=d["deputy"], basis=d["leadership_basis"], basis_number=d["leadership_basis_number"],
            basis_date=d["leadership_basis_date"], theme=d["theme"])):
        year = form.cleaned_data["year"]
        messages.success(request, _("Đã mở năm %(year)s của %(bloc)s.") % {"year": year, "bloc": bloc.name})
        return redirect("blocs:bloc_year_detail", bloc.pk, year)
    return render(request, "blocs/bloc_year_start.html", {
        "bloc": bloc, "previous": new.previous, "year": new.year, "form": form, "proposal": new.proposal,
        "replacements": new.replacements, "changes": changes,
    }, status=400 if posting and changes is None else 200)


def _import_confirm(request, bloc_year):
    """The preview posted back: (rows, errors); with no error the units chosen are added and every row
    carries its status (added, already present, skipped by the user's choice)."""
    names = request.POST.getlist("name")
    typed = [request.POST.get(f"unit_text_{i}", "") for i in range(1, len(names) + 1)]
    rows, units, numbers, errors = member_import.confirmed_rows(bloc_year=bloc_year, names=names,
                                                                chosen=request.POST.getlist("unit"), typed=typed)
    if not errors and units:
        try:
            services.members_add_bulk(user=request.user, bloc_year=bloc_year, units=units, rows=numbers)
        except ValidationError as e:
            errors.extend(e.messages)
    return rows, errors


@login_required
def members_import(request, bloc_id, year):
    """Bulk add from a pasted list or an Excel file: preview (a clear match preselected), every row
    resolved or explicitly skipped by the user, confirm, then a report of every row (nothing written before)."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    form, rows, errors, counts = MemberImportForm(), None, [], None
    if request.method == "POST" and request.POST.get("step") == "confirm":
        rows, errors = _import_confirm(request, bloc_year)
        if not errors:
            counts = member_import.report_counts(rows)
            messages.success(request, _("Năm %(year)s: đã thêm %(added)s đơn vị; %(already)s dòng đã có trong danh sách; "
                                        "%(skipped)s dòng bỏ qua theo lựa chọn.") % {"year": year, **counts})
    elif request.method == "POST":
        form = MemberImportForm(request.POST, request.FILES)
        if form.is_valid():
            rows = member_import.matched_rows(bloc_year=bloc_year, names=form.cleaned_data["names"])
    return render(request, "blocs/members_import.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form, "rows": rows, "errors": errors, "counts": counts,
        "search_url": member_search_url(bloc_id, year), "skip": member_import.SKIP,
        "unmatched": sum(1 for r in rows or [] if r["unit"] is None and not r.get("skipped")),
    }, status=400 if errors or (request.method == "POST" and not form.is_valid() and rows is None) else 200)


@login_required
def members_export(request, bloc_id, year):
    """The members of a year as an Excel file (the same columns the bulk import reads first)."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    sheets.append_row(ws, [_("Tên đơn vị"), _("Vai trò"), _("Loại đơn vị"), _("Tỉnh, thành phố"), _("Chức danh người đứng đầu"), _("Hết hiệu lực")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for m in bloc_year.members.select_related("unit", "unit__province").in_display_order():
        u = m.unit
        sheets.append_row(ws, [u.name, m.get_role_display(), u.get_kind_display(), u.province.name if u.province else "",
                   u.head_title, u.valid_to.strftime("%d/%m/%Y") if u.valid_to else ""])
    for col, width in zip("ABCDEF", (48, 26, 30, 20, 30, 14), strict=True):
        ws.column_dimensions[col].width = width
    buf = BytesIO()
    wb.save(buf)
    name = slugify(ascii_key(bloc_year.bloc.name))[:60]  # like the other downloads: the bloc's name, not its id
    return download(buf.getvalue(), f"thanh-vien-{year}-{name}.xlsx", XLSX)
