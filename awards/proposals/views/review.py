"""The emulation office's review queue: filters, sorting, checks and evidence per row, bulk approve
or return (htmx), and the export to .xlsx. The number of queries does not depend on the rows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.choices import ProposalStatus
from awards.proposals import quotas as quota_services
from awards.proposals import selectors, services
from awards.proposals.forms import BulkForm, QueueFilterForm, QuotaForm
from awards.proposals.queue_export import queue_workbook
from awards.proposals.views.helpers import report_bulk, show_form_errors
from blocs.access.scope import is_admin_user, reviewer_organizer_ids
from emulation.lib.downloads import XLSX, download
from emulation.lib.forms import as_year


def _require_reviewer(user):
    if not (is_admin_user(user) or reviewer_organizer_ids(user)):
        raise PermissionDenied


def queue_queryset(user, params):
    """(form, queryset, year, status) of the proposals the user reviews, filtered and sorted by ``params``."""
    form = QueueFilterForm(params or None)
    qs, year, status = selectors.review_queue(user, form.cleaned_data if form.is_valid() else {})
    form.fields["nam"].initial = year  # shown in the filter when the queue opens without one
    return form, qs, year, status


def _context(request, params):
    form, qs, year, status = queue_queryset(request.user, params)
    form.fields["khoi"].widget.choices = selectors.reviewer_bloc_choices(request.user)
    return {"form": form, "page": selectors.review_queue_page(qs, params.get("page")), "year": year, "status": status,
            "query": params.urlencode() if hasattr(params, "urlencode") else ""}


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
    allowed = list(selectors.reviewed_by(request.user).filter(status__in=ProposalStatus.awaiting_review()).values_list("pk", flat=True))
    form = BulkForm(request.POST, allowed_ids=allowed)
    if form.is_valid():
        data = form.cleaned_data
        proposals = list(selectors.reviewed_by(request.user).filter(pk__in=data["ids"]).select_related("bloc_year__bloc", "award_type", "unit", "vote", "organizer"))
        done, errors = services.proposals_bulk(
            proposals=proposals, user=request.user, action=data["action"], reason=data.get("reason") or "",
            decision_number=data.get("decision_number") or "", decision_date=data.get("decision_date"),
        )
        report_bulk(request, done, errors,
                    _("Đã duyệt %(n)s đề nghị.") if data["action"] == "approve" else _("Đã trả lại %(n)s đề nghị."))
    else:
        show_form_errors(request, form)
    params = request.GET.copy()
    if getattr(request, "htmx", False):
        return render(request, "awards/_review_table.html", {**_context(request, params), "oob_messages": True})
    return redirect(f"{reverse('awards:review_queue')}?{params.urlencode()}")


@login_required
def review_export(request):
    """The filtered queue as an .xlsx file (all rows, not only the page shown)."""
    _require_reviewer(request.user)
    form, qs, year, status = queue_queryset(request.user, request.GET)
    return download(queue_workbook(qs, year), f"de-nghi-khen-thuong-{year}.xlsx", XLSX)


@login_required
def quota_list(request):
    """Quotas of the reviewer's organisers for a year, with how many places the proposals use; the
    office sets a quota here (POST)."""
    _require_reviewer(request.user)
    organizers = selectors.reviewer_organizers(request.user)
    year = as_year(request.GET.get("nam"), timezone.localdate().year)
    form = QuotaForm(request.POST or None, organizers=organizers, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            quota_services.quota_save(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect(f"{request.path}?nam={form.cleaned_data['year']}")
    return render(request, "awards/quota_list.html", {"form": form, "quotas": selectors.quotas_with_usage(organizers, year), "year": year})
