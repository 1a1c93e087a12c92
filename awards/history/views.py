"""History of a bloc (years × leader, deputy, top unit, awards) and of a unit (every bloc and year)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from awards.proposals.models import Proposal
from awards.scoring.models import RankEntry
from blocs.access.scope import is_admin_user
from blocs.models import Bloc, BlocMember, Unit
from blocs.years.lookups import get_bloc_for_user
from blocs.years.selectors import bloc_years_with_leaders, deputy_of, leader_of
from emulation.lib.charts import line_chart


def _proposals_qs():
    return Proposal.objects.select_related("award_type", "unit").order_by("award_type__order", "rank", "pk")


@login_required
def bloc_history(request, bloc_id):
    bloc = get_bloc_for_user(request, bloc_id)
    years = list(
        bloc_years_with_leaders(bloc.years.all()).select_related("ranking").prefetch_related(
            Prefetch("ranking__entries", queryset=RankEntry.objects.select_related("unit").order_by("rank", "unit__sort_key"), to_attr="rank_list"),
            Prefetch("proposals", queryset=_proposals_qs(), to_attr="proposal_list"),
        ).order_by("year")
    )
    series = {}
    for by in years:
        by.leader, by.deputy = leader_of(by), deputy_of(by)
        ranking = getattr(by, "ranking", None)
        by.ranks = getattr(ranking, "rank_list", []) if ranking else []
        by.top = [e.unit for e in by.ranks if e.rank == 1]
        by.awards = by.proposal_list
        for e in by.ranks:
            series.setdefault(e.unit.name, []).append((by.year, e.rank))
    chart = line_chart(series, title=_("Thứ hạng các đơn vị qua các năm"), invert=True, y_label=_("Thứ hạng")) if series else None
    return render(request, "blocs/bloc_history.html", {"bloc": bloc, "years": list(reversed(years)), "chart": chart})


@login_required
def unit_history(request, unit_id):
    unit = get_object_or_404(Unit.objects.select_related("successor", "province"), pk=unit_id)
    lineage = [unit, *unit.predecessors.all()]
    visible = Bloc.objects.visible_to(request.user)
    memberships = list(
        BlocMember.objects.filter(unit__in=lineage, bloc_year__bloc__in=visible)
        .select_related("unit", "bloc_year", "bloc_year__bloc", "bloc_year__bloc__organizer")
        .order_by("-year", "bloc_year__bloc__sort_key")
    )
    if not memberships and not is_admin_user(request.user):
        raise Http404
    ids = [u.pk for u in lineage]
    year_ids = [m.bloc_year_id for m in memberships]
    ranks = {(e.ranking.bloc_year_id, e.unit_id): e for e in RankEntry.objects.filter(
        unit_id__in=ids, ranking__bloc_year_id__in=year_ids).select_related("ranking")}
    awards = {}
    for p in _proposals_qs().filter(unit_id__in=ids, bloc_year_id__in=year_ids):
        awards.setdefault((p.bloc_year_id, p.unit_id), []).append(p)
    series = {}
    for m in memberships:
        m.rank = ranks.get((m.bloc_year_id, m.unit_id))
        m.awards = awards.get((m.bloc_year_id, m.unit_id), [])
        if m.rank:
            series.setdefault(m.bloc_year.bloc.name, []).append((m.year, m.rank.rank))
    for points in series.values():
        points.sort()
    chart = line_chart(series, title=_("Thứ hạng của %(unit)s qua các năm") % {"unit": unit.name}, invert=True,
                       y_label=_("Thứ hạng")) if series else None
    related = [u for u in (unit.successor, *lineage[1:]) if u is not None]
    return render(request, "blocs/unit_history.html", {
        "unit": unit, "predecessors": lineage[1:], "memberships": memberships, "chart": chart,
        "linkable": _units_with_history_for(request.user, related, visible),
    })


def _units_with_history_for(user, units, visible_blocs):
    """Which of ``units`` have a history page the user may open (the page shows a unit with its
    predecessors, so a unit counts when it or a predecessor was a member of a bloc the user sees).
    Others are shown by name only: a link would answer 404. One query."""
    if is_admin_user(user):
        return {u.pk for u in units}
    ids = {u.pk for u in units}
    owners = {}  # a unit whose membership opens a page -> the pages it opens
    for pk, successor_id in Unit.objects.filter(Q(pk__in=ids) | Q(successor_id__in=ids)).values_list("pk", "successor_id"):
        if pk in ids:
            owners.setdefault(pk, set()).add(pk)
        if successor_id in ids:
            owners.setdefault(pk, set()).add(successor_id)
    seen = BlocMember.objects.filter(unit_id__in=owners, bloc_year__bloc__in=visible_blocs).values_list("unit_id", flat=True)
    return {page for unit_id in seen for page in owners[unit_id]}
