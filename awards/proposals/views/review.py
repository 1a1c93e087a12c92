"""The emulation office's review queue: filters, sorting, checks and evidence per row, bulk approve
or return (htmx), and the export to .xlsx. The number of queries does not depend on the rows."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from awards.choices import ProposalStatus
from awards.proposals import quotas as quota_services
from awards.proposals import services
from awards.proposals.forms import BulkForm, QueueFilterForm, QuotaForm
from awards.proposals.models import Proposal, ProposalAttachment
from awards.proposals.selectors import quotas_with_usage
from blocs.access.scope import is_admin_user, reviewer_organizer_ids
from blocs.models import Bloc, Organizer
from emulation.lib.downloads import XLSX, download

SORTS = {
    "bloc": ["bloc_year__bloc__sort_key", "award_type__order", "rank", "pk"],
    "award": ["award_type__order", "bloc_year__bloc__sort_key", "rank", "pk"],
    "rank": [F("rank").asc(nulls_last=True), "bloc_year__bloc__sort_key", "pk"],
    "submitted": [F("submitted_at").desc(nulls_last=True), "pk"],
    "checks": ["-checks_blocking", "-checks_warning", "bloc_year__bloc__sort_key", "pk"],
}


def _require_reviewer(user):
    if not (is_admin_user(user) or reviewer_organizer_ids(user)):
        raise PermissionDenied


def _scoped(user):
    """Proposals the user reviews: those of the user's organisers that were sent at least once
    (a draft never submitted is the bloc's own work)."""
    qs = Proposal.objects.exclude(status=ProposalStatus.DRAFT)
    if not is_admin_user(user):
        qs = qs.filter(organizer_id__in=reviewer_organizer_ids(user))
    return qs


def default_queue_year(user):
    """The year the queue opens on: the latest year with proposals awaiting review (the review season
    runs from November to January, across the new year), else the current year."""
    latest = _scoped(user).filter(status__in=ProposalStatus.awaiting_review()).aggregate(y=Max("year"))["y"]
    return latest or timezone.localdate().year


def queue_queryset(user, params):
    """(form, queryset) of the proposals the user reviews, filtered and sorted by ``params``."""
    form = QueueFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("nam") or default_queue_year(user)
    form.fields["nam"].initial = year  # shown in the filter when the queue opens without one
    qs = _scoped(user).filter(year=year)
    if data.get("khoi"):
        qs = qs.filter(bloc_year__bloc_id=data["khoi"])
    if data.get("hinh_thuc"):
        qs = qs.filter(award_type=data["hinh_thuc"])
    status = data.get("trang_thai") or "awaiting"
    if status == "awaiting":
        qs = qs.filter(status__in=ProposalStatus.awaiting_review())
    elif status in ProposalStatus.values:
        qs = qs.filter(status=status)
    checks = data.get("kiem_tra")
    if checks == "blocking":
        qs = qs.filter(checks_blocking__gt=0)
    elif checks == "warning":
        qs = qs.filter(checks_warning__gt=0)
    elif checks == "ok":
        qs = qs.filter(checks_blocking=0, checks_warning=0)
    # A correlated count, not JOIN + GROUP BY over five tables: PostgreSQL plans it in ~1.5 ms instead of 4–15 ms (make bench).
    attachments = ProposalAttachment.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal").annotate(n=Count("pk")).values("n")
    qs = qs.select_related("bloc_year__bloc", "award_type", "unit", "vote").annotate(n_attachments=Coalesce(Subquery(attachments), 0))
    qs = qs.order_by(*SORTS.get(data.get("sap_xep") or "bloc", SORTS["bloc"]))
    return form, qs, year, status


def _bloc_choices(user):
    blocs = Bloc.objects.all() if is_admin_user(user) else Bloc.objects.filter(organizer_id__in=reviewer_organizer_ids(user))
    return [("", _("Tất cả"))] + list(blocs.order_by("sort_key").values_list("pk", "name"))


def _row_labels():
    """The fixed texts of the queue's rows, translated once per page instead of once per row."""
    return {"explained": escape(_("Giải trình")), "passed": escape(_("Đạt")), "unchecked": escape(_("Chưa kiểm tra")),
            "status": {value: escape(str(label)) for value, label in ProposalStatus.choices}}


def _row_html(p, labels, detail_url):
    """One <tr> of the queue, built here rather than by per-row includes and {% blocktranslate %} tags (50 rows
    a page: the template spent about half of the page's time on them). Every text is escaped."""
    nominee = escape(str(p.nominee))
    pick = ""
    if p.status in (ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW):
        pick = f'<input type="checkbox" name="ids" value="{p.pk}" aria-label="{escape(_("Chọn %(n)s") % {"n": str(p.nominee)})}">'
    person = f'<br><small class="muted">{escape(p.person_unit)}</small>' if p.person_unit else ""
    if p.vote:
        v = p.vote
        vote = (f"{localize(v.votes_for)}/{localize(v.base_count)} ({localize(v.percent)}%)<br><small class=\"muted\">"
                f"{escape(_('ngưỡng %(t)s%%') % {'t': localize(p.threshold)})}</small>")
    else:
        vote = "—"
    checks = ""
    if p.checks_blocking:
        n = p.checks_blocking
        checks += f'<span class="badge status-rejected">{escape(ngettext("%(n)s lỗi", "%(n)s lỗi", n) % {"n": localize(n)})}</span> '
    if p.checks_warning:
        n = p.checks_warning
        checks += f'<span class="badge badge-warn">{escape(ngettext("%(n)s cảnh báo", "%(n)s cảnh báo", n) % {"n": localize(n)})}</span>'
    if not p.checks_blocking and not p.checks_warning:
        checks = (f'<span class="badge badge-ok">{labels["passed"]}</span>' if p.checks_at
                  else f'<span class="badge badge-muted">{labels["unchecked"]}</span>')
    if p.failing:
        checks += '<ul class="attention">' + "".join(
            f'<li class="{"attention-danger" if c.get("level") == "legal" else "attention-warning"}">{escape(c.get("message", ""))}</li>'
            for c in p.failing) + "</ul>"
    if p.override_reason:
        checks += f'<small class="muted">{labels["explained"]}: {escape(p.override_reason)}</small>'
    n = p.n_attachments
    files = escape(ngettext("%(n)s tệp", "%(n)s tệp", n) % {"n": localize(n)})
    decision = f"<br><small>{escape(p.decision_number)}</small>" if p.decision_number else ""
    return mark_safe(  # noqa: S308 - every text above is escaped; the rest are ids and numbers
        f'<tr data-id="{p.pk}">\n      <td>{pick}</td>\n      <td>{escape(p.bloc_year.bloc.name)}</td>\n'
        f'      <td><a href="{detail_url[0]}{p.pk}{detail_url[1]}">{nominee}</a>{person}</td>\n      <td>{escape(p.award_type.name)}</td>\n'
        f'      <td>{localize(p.rank) if p.rank else "—"}</td>\n      <td>{vote}</td>\n      <td>{checks}</td>\n'
        f'      <td>{files}</td>\n      <td><span class="badge status-{p.status}">{labels["status"].get(p.status) or escape(p.get_status_display())}</span>{decision}</td>\n'
        f'    </tr>')


def _context(request, params):
    form, qs, year, status = queue_queryset(request.user, params)
    form.fields["khoi"].widget.choices = _bloc_choices(request.user)
    page = Paginator(qs, 50).get_page(params.get("page"))
    labels = _row_labels()
    detail_url = reverse("awards:proposal_detail", args=[987654321]).split("987654321")  # reversed once, not per row
    for p in page:
        p.failing = [c for c in p.checks if not c.get("ok")]
        p.threshold = p.bloc_year.threshold_percent()
        p.row_html = _row_html(p, labels, detail_url)
    return {"form": form, "page": page, "year": year, "status": status, "query": params.urlencode() if hasattr(params, "urlencode") else ""}


@login_required
def review_queue(request):
    """The emulation office's queue: proposals of its organisers in a year, awaiting review by default."""
    _require_reviewer(request.user)
    return render(request, "awards/review_queue.html", _context(request, request.GET))


@login_required
@require_POST
def review_bulk(request):
    """Approve or return the selected rows. With htmx, answers the table fragment only."""
    _require_reviewer(request.user)
    allowed = list(_scoped(request.user).filter(status__in=ProposalStatus.awaiting_review()).values_list("pk", flat=True))
    form = BulkForm(request.POST, allowed_ids=allowed)
    if form.is_valid():
        data = form.cleaned_data
        proposals = list(_scoped(request.user).filter(pk__in=data["ids"]).select_related("bloc_year__bloc", "award_type", "unit", "vote", "organizer"))
        done, errors = services.proposals_bulk(
            proposals=proposals, user=request.user, action=data["action"], reason=data.get("reason") or "",
            decision_number=data.get("decision_number") or "", decision_date=data.get("decision_date"),
        )
        if done:
            label = _("Đã duyệt %(n)s đề nghị.") if data["action"] == "approve" else _("Đã trả lại %(n)s đề nghị.")
            messages.success(request, label % {"n": len(done)})
        for proposal, error in errors:
            messages.error(request, f"{proposal.nominee} – {proposal.award_type.name}: {error}")
    else:
        for errs in form.errors.values():
            for err in errs:
                messages.error(request, err)
    params = request.GET.copy()
    if getattr(request, "htmx", False):
        return render(request, "awards/_review_table.html", {**_context(request, params), "oob_messages": True})
    return redirect(f"{reverse('awards:review_queue')}?{params.urlencode()}")


@login_required
def review_export(request):
    """The filtered queue as an .xlsx file (all rows, not only the page shown)."""

    _require_reviewer(request.user)
    form, qs, year, status = queue_queryset(request.user, request.GET)
    wb = Workbook()
    ws = wb.active
    ws.title = f"De nghi {year}"
    header = [_("STT"), _("Khối, cụm"), _("Đối tượng"), _("Chức vụ, đơn vị"), _("Hình thức"), _("Thứ hạng"), _("Phiếu đồng ý"),
              _("Tỷ lệ (%)"), _("Trạng thái"), _("Lỗi bắt buộc"), _("Cảnh báo"), _("Kết quả kiểm tra"), _("Căn cứ"),
              _("Số quyết định"), _("Ngày quyết định"), _("Lý do")]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, p in enumerate(qs.iterator(chunk_size=500), start=1):
        person = ", ".join(x for x in [p.person_title, p.person_unit] if x)
        failing = "; ".join(c["message"] for c in p.checks if not c.get("ok"))
        ws.append([
            i, p.bloc_year.bloc.name, str(p.nominee), person, p.award_type.name, p.rank,
            f"{p.vote.votes_for}/{p.vote.base_count}" if p.vote else "", float(p.vote.percent) if p.vote else None,
            p.get_status_display(), p.checks_blocking, p.checks_warning, failing or _("Đạt"), p.rule_set,
            p.decision_number, p.decision_date, p.status_reason or p.override_reason,
        ])
    for col, width in zip("ABCDEFGHIJKLMNOP", [5, 40, 30, 30, 32, 8, 10, 9, 14, 8, 8, 60, 30, 16, 14, 40], strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return download(out.getvalue(), f"de-nghi-khen-thuong-{year}.xlsx", XLSX)


@login_required
def quota_list(request):
    """Quotas of the reviewer's organisers for a year, with how many places the proposals use; the
    office sets a quota here (POST)."""


    _require_reviewer(request.user)
    organizers = Organizer.objects.all() if is_admin_user(request.user) else Organizer.objects.filter(pk__in=reviewer_organizer_ids(request.user))
    organizers = organizers.filter(blocs__isnull=False).distinct().order_by("sort_key")
    year = request.GET.get("nam")
    year = int(year) if (year or "").isdigit() else timezone.localdate().year
    form = QuotaForm(request.POST or None, organizers=organizers, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            quota_services.quota_save(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect(f"{request.path}?nam={form.cleaned_data['year']}")
    return render(request, "awards/quota_list.html", {"form": form, "quotas": quotas_with_usage(organizers, year), "year": year})
