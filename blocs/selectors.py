"""Reads of the blocs app, named for what they return."""

from django.db.models import Count, Prefetch, Q

from .choices import MemberRole
from .models import Bloc, BlocMember, BlocYear


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


def attention_items(user, year):
    """What needs the user's attention in ``year``: a list of dicts with text, url and level."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from awards.choices import ProposalStatus
    from awards.models import Proposal

    from .permissions import is_admin_user, reviewer_organizer_ids, secretary_bloc_ids

    items = []
    sec_ids = secretary_bloc_ids(user)
    if sec_ids:
        blocs = Bloc.objects.filter(pk__in=sec_ids, dissolved_on__isnull=True).annotate(
            has_year=Count("years", filter=Q(years__year=year))
        )
        for bloc in blocs:
            if not bloc.has_year:
                items.append({
                    "level": "warning",
                    "text": _("%(bloc)s chưa mở năm %(year)s.") % {"bloc": bloc.name, "year": year},
                    "url": reverse("blocs:bloc_detail", args=[bloc.pk]),
                })
        years = bloc_years_with_leaders(BlocYear.objects.filter(bloc_id__in=sec_ids, year=year)).annotate(
            has_pledge=Count("pledge"),
        )
        for by in years:
            url = reverse("blocs:bloc_year_detail", args=[by.bloc_id, by.year])
            if not leader_of(by):
                items.append({"level": "danger", "text": _("%(by)s: chưa có đơn vị trưởng khối.") % {"by": by}, "url": url})
            if not by.has_pledge:
                items.append({"level": "warning", "text": _("%(by)s: chưa có bản giao ước thi đua.") % {"by": by}, "url": url})
        for by, members in blocs_needing_reorganisation(bloc_ids=sec_ids):
            items.append({
                "level": "warning",
                "text": _("%(bloc)s: %(n)s đơn vị thành viên không còn tồn tại (sáp nhập, giải thể); cần kiện toàn trước khi mở năm mới.")
                % {"bloc": by.bloc.name, "n": len(members)},
                "url": reverse("blocs:bloc_year_detail", args=[by.bloc_id, by.year]),
            })
        returned = (
            Proposal.objects.filter(bloc_year__bloc_id__in=sec_ids, status=ProposalStatus.RETURNED)
            .values("bloc_year__bloc_id", "bloc_year__year", "bloc_year__bloc__name")
            .annotate(n=Count("pk"))
        )
        for row in returned:
            items.append({
                "level": "danger",
                "text": _("%(bloc)s năm %(year)s: %(n)s đề nghị bị trả lại cần sửa.") % {
                    "bloc": row["bloc_year__bloc__name"], "year": row["bloc_year__year"], "n": row["n"]},
                "url": reverse("blocs:bloc_year_detail", args=[row["bloc_year__bloc_id"], row["bloc_year__year"]]),
            })
    org_ids = reviewer_organizer_ids(user)
    if org_ids or is_admin_user(user):
        qs = Proposal.objects.awaiting_review()
        if not is_admin_user(user):
            qs = qs.filter(organizer_id__in=org_ids)
        waiting = qs.count()
        if waiting:
            items.append({
                "level": "info",
                "text": _("%(n)s đề nghị khen thưởng đang chờ thẩm định.") % {"n": waiting},
                "url": reverse("awards:review_queue"),
            })
    return items


# Reads of the blocs area (bloc-year page, new year, history, reorganisation) ------------------


def unit_candidates(*, bloc, year):
    """Units that may be offered for ``bloc`` in ``year``: in force on 1 January of the year and, when
    the organiser is a province, of that province (or its predecessors/successor)."""
    import datetime

    from .models import Unit

    units = Unit.objects.valid_on(datetime.date(year, 1, 1))
    province_id = bloc.organizer.province_id
    if province_id:
        units = units.filter(
            Q(province_id=province_id) | Q(province__successor_id=province_id) | Q(province__predecessors__id=province_id)
        )
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
    import datetime

    day = datetime.date(year, 1, 1)
    return [m for m in members if m.unit.valid_to and m.unit.valid_to < day]


def blocs_needing_reorganisation(*, bloc_ids=None):
    """Active blocs whose latest year has a member unit that ceased before the bloc's next year
    (1 January after its latest year, or today if that is later).

    Returns (bloc_year, [members]) pairs; two queries whatever the number of blocs.
    """
    import datetime

    from django.db.models import OuterRef, Subquery

    latest = BlocYear.objects.filter(bloc_id=OuterRef("bloc_year__bloc_id")).order_by("-year").values("year")[:1]
    members = (
        BlocMember.objects.filter(bloc_year__year=Subquery(latest), bloc_year__bloc__dissolved_on__isnull=True,
                                  unit__valid_to__isnull=False)
        .select_related("unit", "unit__successor", "bloc_year__bloc")
        .order_by("bloc_year__bloc__sort_key", "unit__sort_key")
    )
    if bloc_ids is not None:
        members = members.filter(bloc_year__bloc_id__in=bloc_ids)
    from django.utils import timezone

    today = timezone.localdate()
    flagged = {}
    for m in members:
        # The next year starts on 1 January after the latest year, or later if the bloc is behind.
        if m.unit.valid_to < max(datetime.date(m.bloc_year.year + 1, 1, 1), today):
            flagged.setdefault(m.bloc_year_id, (m.bloc_year, []))[1].append(m)
    return list(flagged.values())
