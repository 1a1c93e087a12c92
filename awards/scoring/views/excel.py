"""Excel in and out: the grid template, the upload with preview and confirmation, ranking exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.excel import exports as xl_exports
from awards.scoring.excel import template as xl_template
from awards.scoring.excel import upload as xl_upload
from awards.scoring.excel.common import workbook_bytes
from awards.scoring.forms import UploadForm
from blocs.staging import services as staging
from blocs.years.lookups import get_bloc_year_for_user
from emulation.lib.downloads import CSV, XLSX, download


def _base_name(bloc_year, what):
    return f"{what}-{slugify(bloc_year.bloc.code or bloc_year.bloc.name_ascii or bloc_year.bloc.pk)}-{bloc_year.year}"


@login_required
def scores_template(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    if selectors.table_of(bloc_year) is None:
        raise Http404
    if request.GET.get("dang") == "danh-sach":
        content = workbook_bytes(xl_template.list_template_workbook(bloc_year))
        return download(content, _base_name(bloc_year, "cham-diem-danh-sach") + ".xlsx", XLSX)
    content = workbook_bytes(xl_template.template_workbook(bloc_year))
    return download(content, _base_name(bloc_year, "cham-diem") + ".xlsx", XLSX)


def _session_key(bloc_year):
    return f"score_import_{bloc_year.pk}"


@login_required
def scores_import(request, bloc_id, year):
    """Upload: check every row and show the changes; confirm: write them all or nothing."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.verify_scores")
    key = _session_key(bloc_year)
    result, form = None, UploadForm()
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = staging.take(request.user, key)
        if not pending:
            messages.error(request, _("Không còn bản xem trước để ghi; hãy tải tệp lên lại."))
            return redirect("awards:scores_import", bloc_id, year)
        try:
            saved = xl_upload.apply_changes(bloc_year=bloc_year, user=request.user, changes=pending["changes"],
                                          access=selectors.grid_access(request.user, bloc_year))
        except svc.ScoreSaveError as exc:
            details = [f"{c['unit']} – {c['criterion']}: {c['by']}" for c in exc.conflicts] + list(exc.errors.values())
            messages.error(request, exc.message + (" " + "; ".join(details[:10]) if details else ""))
            return redirect("awards:scores_import", bloc_id, year)
        messages.success(request, _("Đã nhập %(n)s ô điểm từ tệp %(f)s.") % {"n": len(saved), "f": pending["name"]})
        return redirect("awards:ranking", bloc_id, year)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        staging.drop(request.user, key)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = xl_upload.read_upload(bloc_year, upload)
            if result.ok and result.changes:
                staging.stage(request.user, key, {"name": upload.name, "changes": result.changes})
    return render(request, "awards/scoring/import.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form, "result": result,
        "has_table": selectors.table_of(bloc_year) is not None,
    })


def _export(request, bloc_id, year, fmt, what):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    if what == "ranking":
        header, rows = xl_exports.ranking_rows(bloc_year)
        title, base = _("Xếp hạng"), _base_name(bloc_year, "xep-hang")
    else:
        if selectors.table_of(bloc_year) is None:
            raise Http404
        header, rows = xl_exports.breakdown_rows(bloc_year)
        title, base = _("Chi tiết điểm"), _base_name(bloc_year, "chi-tiet-diem")
    if fmt == "csv":
        return download(xl_exports.as_csv(header, rows), base + ".csv", CSV)
    return download(xl_exports.as_xlsx(title, header, rows), base + ".xlsx", XLSX)


@login_required
def ranking_export(request, bloc_id, year, fmt):
    return _export(request, bloc_id, year, fmt, "ranking")


@login_required
def breakdown_export(request, bloc_id, year, fmt):
    return _export(request, bloc_id, year, fmt, "breakdown")
