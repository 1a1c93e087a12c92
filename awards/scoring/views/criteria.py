"""Views of criteria tables and the ranking (the score grid is in ``grid``, Excel in ``excel``)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.choices import CriterionKind
from awards.scoring import criteria as criteria_services
from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.eligibility import eligibility
from awards.scoring.excel.common import workbook_bytes
from awards.scoring.excel.criteria_sheet import criteria_workbook, read_criteria
from awards.scoring.forms import CopyTableForm, CriterionForm, ReopenForm, TableSettingsForm, UploadForm
from awards.scoring.models import CriteriaTable, Criterion, RankEntry, Ranking
from awards.scoring.views.excel import _base_name
from blocs.audit.services import user_name
from blocs.models import AuditEntry, BlocMember, BlocYear, Unit
from blocs.staging import services as staging
from blocs.years.lookups import get_bloc_for_user, get_bloc_year_for_user
from emulation.lib.charts import bar_chart, line_chart
from emulation.lib.downloads import XLSX, download


def _ranking_of(bloc_year):
    return Ranking.objects.filter(bloc_year=bloc_year).select_related("approved_by").first()


# ---- criteria table --------------------------------------------------------------------------


@dataclass
class _TableForms:
    """The forms of the criteria table page, the one named by the POST ``action`` bound."""

    settings: TableSettingsForm
    criterion: CriterionForm | None
    copy: CopyTableForm
    upload: UploadForm
    sources: object = None  # the tables the user may copy from (a queryset)

    @classmethod
    def bind(cls, request, bloc_year, table, criteria, action):
        data = request.POST
        sections = [c for c in criteria if c.kind == CriterionKind.SECTION]
        sources = (CriteriaTable.objects.filter(bloc_year__in=BlocYear.objects.visible_to(request.user))
                   .exclude(bloc_year=bloc_year).select_related("bloc_year__bloc")
                   .order_by("-bloc_year__year", "bloc_year__bloc__sort_key"))
        forms = cls(
            sources=sources,
            settings=TableSettingsForm(data if action == "settings" else None, sections=sections, table=table),
            criterion=CriterionForm(data if action == "add" else None, table=table, prefix="new") if table else None,
            copy=CopyTableForm(data if action == "copy" else None, sources=sources),
            upload=UploadForm(data if action == "import" else None, request.FILES if action == "import" else None),
        )
        last_year = sources.filter(bloc_year__bloc=bloc_year.bloc, bloc_year__year__lt=bloc_year.year).first()
        if last_year and action != "copy":
            forms.copy.initial["source"] = last_year.pk
        return forms

    def of(self, action):
        """The form an action reads ("settings", "add", "copy"), or None."""
        return {"settings": self.settings, "add": self.criterion, "copy": self.copy}.get(action)


def _import_session_key(bloc_year):
    return f"criteria_import_{bloc_year.pk}"


def _import_preview(request, bloc_year, upload_form):
    """Check an uploaded criteria sheet: (rows, errors); valid rows wait (``blocs.staging``) for the confirmation."""
    if not upload_form.is_valid():
        return None, []
    rows, errors = read_criteria(upload_form.cleaned_data["file"])
    if errors:
        staging.drop(request.user, _import_session_key(bloc_year))
        return None, errors
    staging.stage(request.user, _import_session_key(bloc_year), rows)
    return rows, errors


def _run_table_action(request, bloc_year, table, action, forms):
    """One change of the table through ``criteria.table_action``: a redirect when it is done, None to show
    the page again (with the form's errors or the refusal as a message)."""
    form = forms.of(action)
    if action == "import_confirm":
        data = staging.take(request.user, _import_session_key(bloc_year))
        if not data:
            messages.error(request, _("Không còn bản xem trước để ghi; hãy tải tệp lên lại."))
            return redirect("awards:criteria_table", bloc_year.bloc_id, bloc_year.year)
    elif (action in ("settings", "add") and table is None) or (form is not None and not form.is_valid()):
        return None  # the page again, with the form's errors
    else:
        data = form.cleaned_data if form is not None else None
    try:
        message, criterion = criteria_services.table_action(action, bloc_year=bloc_year, table=table,
                                                            user=request.user, data=data)
    except ValidationError as exc:
        if action in ("settings", "add") and hasattr(exc, "error_dict"):
            for f, errs in exc.message_dict.items():
                form.add_error(f if f in form.fields else None, errs)
        else:
            messages.error(request, " ".join(exc.messages))
        return None
    messages.success(request, message)
    anchor = f"#c{criterion.pk}" if criterion is not None else ""
    return redirect(reverse("awards:criteria_table", args=[bloc_year.bloc_id, bloc_year.year]) + anchor)


@login_required
def criteria_table(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    can_edit = request.user.has_perm("awards.edit_criteria", bloc_year)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    table = selectors.table_of(bloc_year)
    criteria = selectors.criteria_in_tree_order(table)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _TableForms.bind(request, bloc_year, table, criteria, action)
    import_rows, import_errors = _import_preview(request, bloc_year, forms.upload) if action == "import" else (None, [])
    if action in criteria_services.TABLE_ACTIONS:
        response = _run_table_action(request, bloc_year, table, action, forms)
        if response is not None:
            return response
    ranking = _ranking_of(bloc_year)
    frozen = bool(ranking and ranking.is_frozen)
    spec = selectors.criteria_with_counts(table, criteria)
    return render(request, "awards/scoring/criteria_table.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "table": table, "criteria": criteria, "spec": spec,
        "can_edit": can_edit and not frozen, "frozen": frozen, "settings_form": forms.settings,
        "criterion_form": forms.criterion, "copy_form": forms.copy, "has_sources": forms.sources.exists(),
        "max_total": scoring.fmt(spec.max_total()), "bonus_max": scoring.fmt(spec.bonus_max()) if spec.bonus_max() else "",
        "penalty_max": scoring.fmt(spec.penalty_max()) if spec.penalty_max() else "",
        "upload_form": forms.upload, "import_rows": import_rows, "import_errors": import_errors,
        "kind_labels": dict(CriterionKind.choices),
        "tiebreak_labels": [scoring.tiebreak_label(r, spec) for r in scoring.valid_tiebreaks(table.tiebreaks, spec)] if table else [],
    })


@login_required
def criteria_export(request, bloc_id, year):
    """The criteria table as .xlsx (also the template for an import)."""

    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    return download(workbook_bytes(criteria_workbook(bloc_year)), _base_name(bloc_year, "tieu-chi") + ".xlsx", XLSX)


def _criterion(request, bloc_id, year, criterion_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.edit_criteria")
    criterion = get_object_or_404(Criterion.objects.select_related("table", "parent"), pk=criterion_id,
                                  table__bloc_year=bloc_year)
    return bloc_year, criterion


@login_required
def criterion_edit(request, bloc_id, year, criterion_id):
    bloc_year, criterion = _criterion(request, bloc_id, year, criterion_id)
    initial = {"parent": criterion.parent, "kind": criterion.kind, "code": criterion.code, "title": criterion.title,
               "max_points": criterion.max_points, "order": criterion.order}
    form = CriterionForm(request.POST or None, table=criterion.table, exclude_id=criterion.pk, initial=initial)
    needs_confirm = False
    if request.method == "POST" and form.is_valid():
        try:
            criteria_services.criterion_save(table=criterion.table, user=request.user, criterion=criterion, data=form.cleaned_data,
                               confirm=form.cleaned_data["confirm"])
            messages.success(request, _("Đã lưu “%(c)s”.") % {"c": criterion})
            return redirect(reverse("awards:criteria_table", args=[bloc_id, year]) + f"#c{criterion.pk}")
        except ValidationError as exc:
            needs_confirm = getattr(exc, "code", None) == "needs_confirm"
            if hasattr(exc, "error_dict"):
                for f, errs in exc.message_dict.items():
                    form.add_error(f if f in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
    return render(request, "awards/scoring/criterion_edit.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "criterion": criterion, "form": form,
        "needs_confirm": needs_confirm, "n_scores": criterion.scores.count(),
    })


@login_required
@require_POST
def criterion_delete(request, bloc_id, year, criterion_id):
    bloc_year, criterion = _criterion(request, bloc_id, year, criterion_id)
    try:
        criteria_services.criterion_delete(criterion=criterion, user=request.user, confirm=request.POST.get("confirm") == "1")
        messages.success(request, _("Đã xóa “%(c)s”.") % {"c": criterion})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if getattr(exc, "code", None) == "needs_confirm":
            return redirect(reverse("awards:criterion_edit", args=[bloc_id, year, criterion.pk]) + "?xoa=1")
    return redirect("awards:criteria_table", bloc_id, year)


# ---- ranking ---------------------------------------------------------------------------------


@login_required
def ranking(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    ranking = _ranking_of(bloc_year)
    table = selectors.table_of(bloc_year)
    entries = list(ranking.entries.select_related("unit").order_by("rank", "unit__sort_key")) if ranking else []
    spec, rows, placed = selectors.computed_ranking(bloc_year, table) if table else (None, [], [])
    by_unit = {r.member.unit_id: r for r in rows}
    top_sections = [n for n in spec.sections if n.depth == 0] if spec else []
    for e in entries:
        e.standing = st = by_unit.get(e.unit_id)
        e.total_text = scoring.fmt(e.total) if e.total is not None else "—"
        e.section_texts = [scoring.fmt(st.totals.sections.get(n.id)) if st else "" for n in top_sections]
        e.bonus_text = scoring.fmt(st.totals.bonus) if st and st.totals.bonus else ""
        e.penalty_text = "−" + scoring.fmt(st.totals.penalty) if st and st.totals.penalty else ""
    computed_rows = []
    if ranking and ranking.source != "computed" and table and spec.leaves:
        for p in placed:
            st = by_unit[p.unit_id]
            computed_rows.append({"rank": p.rank, "unit": st.member.unit, "total": scoring.fmt(p.total),
                                  "classification": st.classification, "note": p.tiebreak_note})
    stale = selectors.ranking_is_stale(ranking, placed if table else None, entries)
    chart = bar_chart(
        [(f"{e.rank}. {e.unit.name}", e.total) for e in entries if e.total is not None],
        title=_("Tổng điểm theo thứ hạng"), max_value=spec.max_total() + spec.bonus_max() if spec and spec.leaves else None,
        highlight=[f"{e.rank}. {e.unit.name}" for e in entries if e.rank == 1 and e.total is not None],
    ) if any(e.total is not None for e in entries) else ""
    audit = list(AuditEntry.objects.filter(bloc_year=bloc_year, action__startswith="ranking")[:20])
    return render(request, "awards/scoring/ranking.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "ranking": ranking, "entries": entries, "table": table,
        "spec": spec, "stale": stale, "top_sections": top_sections, "computed_rows": computed_rows,
        "approver": user_name(ranking.approved_by) if ranking and ranking.approved_by else "—", "chart": chart, "eligibility": eligibility(bloc_year, entries),
        "can_compute": request.user.has_perm("awards.verify_scores", bloc_year) and table is not None,
        "can_approve": request.user.has_perm("awards.approve_ranking", bloc_year),
        "can_reopen": request.user.has_perm("awards.reopen_ranking", bloc_year),
        "reopen_form": ReopenForm(), "audit": audit,
        "tiebreak_labels": [scoring.tiebreak_label(r, spec) for r in scoring.valid_tiebreaks(table.tiebreaks, spec)] if table else [],
    })


@login_required
@require_POST
def ranking_compute(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.verify_scores")
    return _ranking_action(request, bloc_year, lambda: svc.ranking_compute(bloc_year=bloc_year, user=request.user),
                           _("Đã tính lại xếp hạng từ điểm."))


def _ranking_action(request, bloc_year, action, success):
    """Run one ranking service; its refusal becomes a message; back to the ranking page."""
    try:
        action()
        messages.success(request, success)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("awards:ranking", bloc_year.bloc_id, bloc_year.year)


@login_required
@require_POST
def ranking_approve(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.approve_ranking")
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Hãy đánh dấu xác nhận trước khi phê duyệt: sau khi phê duyệt, điểm bị khóa."))
        return redirect("awards:ranking", bloc_id, year)
    return _ranking_action(request, bloc_year, lambda: svc.ranking_approve(bloc_year=bloc_year, user=request.user),
                           _("Đã phê duyệt kết quả xếp hạng; điểm đã được khóa."))


@login_required
@require_POST
def ranking_reopen(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.reopen_ranking")
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            svc.ranking_reopen(bloc_year=bloc_year, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Đã mở lại kết quả xếp hạng; điểm có thể sửa."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("awards:ranking", bloc_id, year)


# ---- a unit over the years -------------------------------------------------------------------


@login_required
def unit_scores(request, bloc_id, unit_id):
    bloc = get_bloc_for_user(request, bloc_id)
    unit = get_object_or_404(Unit.objects.filter(memberships__bloc_year__bloc=bloc).distinct(), pk=unit_id)
    years = list(bloc.years.order_by("year").prefetch_related(
        Prefetch("members", queryset=BlocMember.objects.filter(unit=unit), to_attr="unit_members")))
    entries = {e.ranking.bloc_year_id: e for e in RankEntry.objects.filter(ranking__bloc_year__bloc=bloc, unit=unit)
               .select_related("ranking")}
    sizes = {}

    for row in RankEntry.objects.filter(ranking__bloc_year__bloc=bloc).values("ranking__bloc_year_id").annotate(n=Count("pk")):
        sizes[row["ranking__bloc_year_id"]] = row["n"]
    rows = []
    for by in years:
        if not by.unit_members:
            continue
        e = entries.get(by.pk)
        rows.append({"year": by.year, "bloc_year": by, "entry": e, "size": sizes.get(by.pk), "role": by.unit_members[0],
                     "total": scoring.fmt(e.total) if e and e.total is not None else "—"})
    points = [(r["year"], r["entry"].total) for r in rows if r["entry"] and r["entry"].total is not None]
    rank_points = [(r["year"], r["entry"].rank) for r in rows if r["entry"]]
    chart = line_chart({unit.name: points}, title=_("Tổng điểm qua các năm"), y_label=_("điểm")) if points else ""
    rank_chart = line_chart({unit.name: rank_points}, title=_("Thứ hạng qua các năm (1 là cao nhất)"),
                            y_label=_("hạng"), invert=True) if rank_points else ""
    return render(request, "awards/scoring/unit_scores.html", {
        "bloc": bloc, "unit": unit, "rows": rows, "chart": chart, "rank_chart": rank_chart,
    })
