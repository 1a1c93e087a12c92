"""Reads of the blocs app, named for what they return."""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from blocs.choices import MemberRole
from blocs.units.models import Unit
from blocs.years.models import Bloc, BlocMember, BlocYear


def bloc_years_with_leaders(queryset):
    """Bloc-years with their leader and deputy memberships prefetched (``leader_members``)."""
    return queryset.select_related("bloc", "bloc__organizer").prefetch_related(
        Prefetch(
            "members",
            queryset=BlocMember.objects.filter(role__in=[MemberRole.LEADER, MemberRole.DEPUTY]).select_related("unit"),
            to_attr="leader_members",
        )
    ).annotate(member_count=Count("members", distinct=True))


def leader_of(bloc_year):
    for m in getattr(bloc_year, "leader_members", []):
        if m.role == MemberRole.LEADER:
            return m.unit
    return None


def deputy_of(bloc_year):
    for m in getattr(bloc_year, "leader_members", []):
        if m.role == MemberRole.DEPUTY:
            return m.unit
    return None


def blocs_for_user(user):
    return Bloc.objects.visible_to(user).select_related("organizer", "province")


# Reads of the blocs area (bloc-year page, new year, history, reorganisation) ------------------


def organizer_scope_q(bloc):
    """The one rule of which units a bloc may hold: when its organiser is a province, the units of that
    province (or of its predecessors or successor); otherwise any unit. A Q on Unit."""
    province_id = bloc.organizer.province_id
    if not province_id:
        return Q()
    return Q(province_id=province_id) | Q(province__successor_id=province_id) | Q(province__predecessors__id=province_id)


def units_in_scope(*, bloc, unit_ids) -> set:
    """The ids among ``unit_ids`` of units ``bloc`` may hold (``organizer_scope_q``), in one query."""
    q = organizer_scope_q(bloc)
    if not q:
        return set(unit_ids)
    return set(Unit.objects.filter(q, pk__in=unit_ids).values_list("pk", flat=True))


def unit_candidates(*, bloc, year):
    """Units that may be offered for ``bloc`` in ``year``: in force on 1 January of the year and within
    the organiser's scope (``organizer_scope_q``)."""
    units = Unit.objects.valid_on(datetime.date(year, 1, 1)).filter(organizer_scope_q(bloc))
    return units.distinct().select_related("province").order_by("sort_key", "pk")


def previous_year(bloc_year):
    return BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year__lt=bloc_year.year).order_by("-year").first()


def membership_changes(*, members, previous):
    """(added units, dropped units) of a year compared with ``previous`` (one query)."""
    if previous is None:
        return [], []
    before = {m.unit_id: m.unit for m in previous.members.select_related("unit")}
    now = {m.unit_id for m in members}
    added = [m.unit for m in members if m.unit_id not in before]
    dropped = [u for pk, u in before.items() if pk not in now]
    return added, sorted(dropped, key=lambda u: u.sort_key)


def ended_members(members, year):
    """Members (with ``unit`` loaded) whose unit ceases before 1 January of ``year``."""

    day = datetime.date(year, 1, 1)
    return [m for m in members if m.unit.valid_to and m.unit.valid_to < day]


def blocs_needing_reorganisation(*, bloc_ids=None):
    """Active blocs whose latest year has a member unit that ceased before the bloc's next year
    (1 January after its latest year, or today if that is later).

    Returns (bloc_year, [members]) pairs; two queries whatever the number of blocs.
    """


    latest = BlocYear.objects.filter(bloc_id=OuterRef("bloc_year__bloc_id")).order_by("-year").values("year")[:1]
    members = (
        BlocMember.objects.filter(bloc_year__year=Subquery(latest), bloc_year__bloc__dissolved_on__isnull=True,
                                  unit__valid_to__isnull=False)
        .select_related("unit", "unit__successor", "bloc_year__bloc")
        .order_by("bloc_year__bloc__sort_key", "unit__sort_key")
    )
    if bloc_ids is not None:
        members = members.filter(bloc_year__bloc_id__in=bloc_ids)

    today = timezone.localdate()
    flagged = {}
    for m in members:
        # The next year starts on 1 January after the latest year, or later if the bloc is behind.
        if m.unit.valid_to < max(datetime.date(m.bloc_year.year + 1, 1, 1), today):
            flagged.setdefault(m.bloc_year_id, (m.bloc_year, []))[1].append(m)
    return list(flagged.values())
