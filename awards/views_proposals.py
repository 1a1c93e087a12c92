from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from blocs.permissions import is_admin_user, reviewer_organizer_ids

from .choices import ProposalStatus
from .models import Proposal


@login_required
def review_queue(request):
    """The emulation office's queue: proposals of its organisers awaiting review in a year."""
    if not (is_admin_user(request.user) or reviewer_organizer_ids(request.user)):
        raise PermissionDenied
    year = request.GET.get("nam")
    year = int(year) if (year or "").isdigit() else timezone.localdate().year
    proposals = Proposal.objects.select_related("bloc_year__bloc", "award_type", "unit").filter(year=year)
    if not is_admin_user(request.user):
        proposals = proposals.filter(organizer_id__in=reviewer_organizer_ids(request.user))
    status = request.GET.get("trang_thai") or "awaiting"
    if status == "awaiting":
        proposals = proposals.filter(status__in=ProposalStatus.awaiting_review())
    elif status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    page = Paginator(proposals.order_by("bloc_year__bloc__sort_key", "award_type__order", "rank", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "awards/review_queue.html", {
        "page": page, "year": year, "status": status, "statuses": ProposalStatus.choices,
    })
