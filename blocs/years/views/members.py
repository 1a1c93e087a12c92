"""Changing a bloc-year: theme and phase, leader and deputy, members, a new year, bulk members."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from blocs.units.models import Unit
from blocs.years import services
from blocs.years.forms import BlocYearForm, LeadershipForm, MemberAddForm, MemberImportForm, StartYearForm
from blocs.years.lookups import get_bloc_for_user, get_bloc_year_for_user
from blocs.years.models import BlocMember
from blocs.years.selectors import unit_candidates
from blocs.years.views.blocs import bloc_year_context, member_search_url
from emulation.lib.downloads import XLSX, download
from emulation.lib.forms import add_service_errors
from emulation.lib.text import ascii_key, has_diacritics, nfc, search_key

EDIT = "blocs.edit_bloc_year"


def _render_year(request, bloc_year, status=400, **forms):
    return render(request, "blocs/bloc_year_detail.html", bloc_year_context(request, bloc_year, **forms), status=status)


@login_required
@require_POST
def bloc_year_update(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    form = BlocYearForm(request.POST, prefix="year")
    if form.is_valid():
        try:
            services.bloc_year_update(user=request.user, bloc_year=bloc_year, theme=form.cleaned_data["theme"],
                                      phase=form.cleaned_data["phase"], reason=form.cleaned_data["reason"])
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Đã lưu chủ đề và giai đoạn của năm %(year)s.") % {"year": year})
            return redirect("blocs:bloc_year_detail", bloc_id, year)
    bloc_year.refresh_from_db()
    return _render_year(request, bloc_year, year_form=form)


@login_required
@require_POST
def leadership_edit(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    units = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")
    form = LeadershipForm(request.POST, units=units, prefix="lead")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.leadership_set(user=request.user, bloc_year=bloc_year, leader=d["leader"], deputy=d["deputy"],
                                    basis=d["leadership_basis"], basis_number=d["leadership_basis_number"],
                                    basis_date=d["leadership_basis_date"])
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Đã lưu trưởng, phó năm %(year)s.") % {"year": year})
            return redirect("blocs:bloc_year_detail", bloc_id, year)
    bloc_year.refresh_from_db()
    return _render_year(request, bloc_year, leadership_form=form)


@login_required
@require_POST
def member_add(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    # Any unit in force may be posted; the service gives the reason a unit cannot join.
    form = MemberAddForm(request.POST, units=Unit.objects.all(), search_url=member_search_url(bloc_year), prefix="member")
    if form.is_valid():
        try:
            services.member_add(user=request.user, bloc_year=bloc_year, unit=form.cleaned_data["unit"])
        except ValidationError as e:
            add_service_errors(form, e)
        else:
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


def _start_year_units(bloc, previous, year):
    """The units offered for a new year: last year's (successors instead of units that ceased) and
    every unit the organiser may add. Returns (queryset, initial ids, replacements)."""
    candidates = unit_candidates(bloc=bloc, year=year)
    initial, replacements = [], []
    if previous is not None:
        for m in previous.members.select_related("unit", "unit__successor"):
            unit = m.unit
            if unit.is_valid_in_year(year):
                initial.append(unit.pk)
            elif unit.successor_id and unit.successor.is_valid_in_year(year):
                replacements.append((unit, unit.successor))
                initial.append(unit.successor_id)
            else:
                replacements.append((unit, None))
    return candidates, list(dict.fromkeys(initial)), replacements


@login_required
def bloc_year_start(request, bloc_id):
    """Start a new year from the last one: members carried forward, the policy's proposal to confirm."""
    bloc = get_bloc_for_user(request, bloc_id, EDIT)
    previous = bloc.years.order_by("-year").first()
    year = previous.year + 1 if previous else None
    if request.method == "POST":
        try:
            year = int(request.POST.get("year") or year or 0) or None
        except ValueError:
            pass
    year = year or timezone.localdate().year
    units, initial_ids, replacements = _start_year_units(bloc, previous, year)
    carried = list(Unit.objects.filter(pk__in=initial_ids).order_by("sort_key"))
    proposal = services.succession_proposal(bloc=bloc, previous=previous, units=carried, year=year)
    previous_ids = set(previous.members.values_list("unit_id", flat=True)) if previous else set()
    posted = [int(v) for v in request.POST.getlist("units") if v.isdigit()]
    extra = [pk for pk in posted if pk not in initial_ids]
    members = sorted([*carried, *units.filter(pk__in=extra)], key=lambda u: (u.sort_key, u.pk)) if extra else carried
    form = StartYearForm(request.POST or None, units=units, members=members, offered=initial_ids,
                         marks={pk: _("(kế thừa)") for pk in initial_ids if previous and pk not in previous_ids},
                         search_url=f"{reverse('blocs:unit_search', args=[bloc.pk])}?year={year}&free=1",
                         initial={"year": year, "units": initial_ids, "leader": proposal.leader, "deputy": proposal.deputy})
    changes = None
    if request.method == "POST" and request.POST.get("action") == "preview":
        # Show what changes against last year without saving anything.
        field = form.fields["units"]
        try:  # names typed without JavaScript are resolved as on submit
            chosen_units = {u.pk: u for u in field.clean(field.widget.value_from_datadict(request.POST, request.FILES, "units"))}
            preview_errors = []
        except ValidationError as e:
            chosen_units, preview_errors = {u.pk: u for u in units.filter(pk__in=posted)}, e.messages
        chosen = set(chosen_units)
        prev_units = {m.unit_id: m.unit for m in previous.members.select_related("unit")} if previous else {}
        changes = {
            "errors": preview_errors,
            "added": [u for pk, u in chosen_units.items() if pk not in prev_units],
            "dropped": sorted((u for pk, u in prev_units.items() if pk not in chosen), key=lambda u: u.sort_key),
            "kept": len([pk for pk in chosen_units if pk in prev_units]),
        }
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.bloc_year_start(
                user=request.user, bloc=bloc, year=d["year"], units=list(d["units"]), leader=d["leader"],
                deputy=d["deputy"], basis=d["leadership_basis"], basis_number=d["leadership_basis_number"],
                basis_date=d["leadership_basis_date"], theme=d["theme"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Đã mở năm %(year)s của %(bloc)s.") % {"year": d["year"], "bloc": bloc.name})
            return redirect("blocs:bloc_year_detail", bloc.pk, d["year"])
    return render(request, "blocs/bloc_year_start.html", {
        "bloc": bloc, "previous": previous, "year": year, "form": form, "proposal": proposal,
        "replacements": replacements, "changes": changes,
    }, status=400 if request.method == "POST" and changes is None else 200)


def match_unit_names(names, candidates):
    """Match each name tone-mark-insensitively against ``candidates`` (one query).

    Returns rows: dicts with ``row`` (1-based), ``name``, ``unit`` (or None) and ``choices`` (the
    ambiguous matches)."""
    by_key = {}
    for unit in candidates:
        by_key.setdefault(unit.name_key, []).append(unit)
        if unit.short_name:
            by_key.setdefault(search_key(unit.short_name), []).append(unit)
    rows = []
    for i, name in enumerate(names, start=1):
        found = list({u.pk: u for u in by_key.get(search_key(name), [])}.values())
        if not found:
            # No exact match: suggest units whose name contains the typed text without diacritics.
            loose = ascii_key(name)
            found = [u for u in candidates if loose and loose in u.name_ascii][:10] or []
            rows.append({"row": i, "name": name, "unit": None, "choices": found, "suggested": bool(found)})
            continue
        rows.append({"row": i, "name": name, "unit": found[0] if len(found) == 1 else None,
                     "choices": found if len(found) > 1 else [], "suggested": False})
    return rows


@login_required
def members_import(request, bloc_id, year):
    """Bulk add from a pasted list or an Excel file: preview, resolve, confirm (nothing written before)."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    candidates = list(unit_candidates(bloc=bloc_year.bloc, year=year))
    by_pk = {u.pk: u for u in candidates}
    member_ids = set(bloc_year.members.values_list("unit_id", flat=True))
    form, rows, errors = MemberImportForm(), None, []
    if request.method == "POST" and request.POST.get("step") == "confirm":
        # The preview posted back: one chosen unit (or nothing to skip) per row.
        names = request.POST.getlist("name")
        chosen = request.POST.getlist("unit")
        rows, units = [], []
        for i, (name, pk) in enumerate(zip(names, chosen, strict=False), start=1):
            unit = by_pk.get(int(pk)) if pk.isdigit() else None
            typed = " ".join(nfc(request.POST.get(f"unit_text_{i}", "")).split())
            if typed:  # a name typed in the row's search box without JavaScript
                unit = match_unit_names([typed], candidates)[0]["unit"]
                if unit is None and not has_diacritics(typed):
                    loose = [u for u in candidates if u.name_ascii == ascii_key(typed)]
                    unit = loose[0] if len(loose) == 1 else None
                if unit is None:
                    errors.append(_("Dòng %(row)s: không tìm thấy đơn vị “%(name)s”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý.")
                                  % {"row": i, "name": typed})
            elif pk and unit is None:
                errors.append(_("Dòng %(row)s: đơn vị đã chọn không hợp lệ.") % {"row": i})
            rows.append({"row": i, "name": name, "unit": unit, "choices": [], "suggested": False, "typed": typed if unit is None else ""})
            if unit is not None:
                units.append(unit)
        if not errors:
            try:
                services.members_add_bulk(user=request.user, bloc_year=bloc_year, units=units)
            except ValidationError as e:
                errors.extend(e.messages)
            else:
                messages.success(request, _("Đã thêm %(n)s đơn vị vào năm %(year)s.") % {"n": len(units), "year": year})
                return redirect("blocs:bloc_year_detail", bloc_id, year)
    elif request.method == "POST":
        form = MemberImportForm(request.POST, request.FILES)
        if form.is_valid():
            rows = match_unit_names(form.cleaned_data["names"], candidates)
    if rows is not None:
        for r in rows:
            r["already"] = r["unit"] is not None and r["unit"].pk in member_ids
    return render(request, "blocs/members_import.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form, "rows": rows, "errors": errors,
        "search_url": member_search_url(bloc_year), "unmatched": sum(1 for r in rows or [] if r["unit"] is None),
    }, status=400 if errors or (request.method == "POST" and not form.is_valid() and rows is None) else 200)



@login_required
def members_export(request, bloc_id, year):
    """The members of a year as an Excel file (the same columns the bulk import reads first)."""


    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    ws.append([_("Tên đơn vị"), _("Vai trò"), _("Loại đơn vị"), _("Tỉnh, thành phố"), _("Chức danh người đứng đầu"), _("Hết hiệu lực")])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for m in bloc_year.members.select_related("unit", "unit__province").in_display_order():
        u = m.unit
        ws.append([u.name, m.get_role_display(), u.get_kind_display(), u.province.name if u.province else "",
                   u.head_title, u.valid_to.strftime("%d/%m/%Y") if u.valid_to else ""])
    for col, width in zip("ABCDEF", (48, 26, 30, 20, 30, 14), strict=True):
        ws.column_dimensions[col].width = width
    buf = BytesIO()
    wb.save(buf)
    name = slugify(ascii_key(bloc_year.bloc.name))[:60]  # like the other downloads: the bloc's name, not its id
    return download(buf.getvalue(), f"thanh-vien-{year}-{name}.xlsx", XLSX)
