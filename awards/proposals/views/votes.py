"""Votes of the ranking meeting of a bloc-year, and the user's notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.proposals import votes as vote_services
from awards.proposals.checks import _num
from awards.proposals.forms import VoteForm
from awards.proposals.models import Notification
from awards.proposals.views.helpers import save_form
from awards.votes.models import Vote
from blocs.models import Bloc
from blocs.years.lookups import get_bloc_year_for_user


def _vote_rows(bloc_year):
    threshold = bloc_year.threshold_percent()
    votes = list(bloc_year.votes.select_related("unit", "award_type", "meeting").order_by("award_type__order", "-votes_for", "pk"))
    for v in votes:
        v.passed = v.passes(threshold)
    return votes, threshold


@login_required
def vote_list(request, bloc_id, year):
    """The vote results of the bloc-year with their percentages; the secretary adds one here (POST)."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    can_vote = request.user.has_perm("awards.record_vote", bloc_year)
    form = None
    if can_vote:
        form = VoteForm(request.POST or None, bloc_year=bloc_year)
        saved, vote = save_form(request, form, vote_services.vote_save, bloc_year=bloc_year)
        if saved:
            messages.success(request, _("Đã ghi kết quả bỏ phiếu cho %(c)s: %(v)s/%(b)s phiếu (%(p)s%%).") % {
                "c": vote.candidate, "v": vote.votes_for, "b": vote.base_count, "p": _num(vote.percent)})
            return redirect("awards:vote_list", bloc_id=bloc_id, year=year)
    elif request.method == "POST":
        raise PermissionDenied
    votes, threshold = _vote_rows(bloc_year)
    return render(request, "awards/vote_list.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "votes": votes, "threshold": threshold,
        "quorum": bloc_year.quorum(), "member_count": bloc_year.members.count(), "form": form, "can_vote": can_vote,
    })


@login_required
def vote_edit(request, pk):
    vote = get_object_or_404(Vote.objects.filter(bloc_year__bloc__in=Bloc.objects.visible_to(request.user)).select_related(
        "bloc_year__bloc"), pk=pk)
    bloc_year = vote.bloc_year
    if not request.user.has_perm("awards.record_vote", bloc_year):
        raise PermissionDenied
    form = VoteForm(request.POST or None, instance=vote, bloc_year=bloc_year)
    if save_form(request, form, vote_services.vote_save, refresh=vote, bloc_year=bloc_year, vote=vote)[0]:
        messages.success(request, _("Đã sửa kết quả bỏ phiếu."))
        return redirect("awards:vote_list", bloc_id=bloc_year.bloc_id, year=bloc_year.year)
    return render(request, "awards/vote_form.html", {"bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form, "vote": vote})


@login_required
def notification_list(request):
    notes = Notification.objects.filter(user=request.user)
    page = Paginator(notes, 50).get_page(request.GET.get("page"))
    return render(request, "awards/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return redirect("awards:notification_list")


@login_required
def notification_badge(request):
    """The unread count in the navigation (loaded by htmx so other pages pay no query for it)."""
    n = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "awards/_notification_badge.html", {"unread": n})
