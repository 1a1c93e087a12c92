"""The work of the bloc-year each user is in the middle of, for the home page.

``attention_items`` (below) looks at the calendar year (a bloc that has not opened it, the
review queue). Here: the *current* year of each bloc the user works for — its latest year that is
not closed, whatever the calendar says (a year's work runs into January) — and what its phase asks
of the user:

* the bloc's secretary: the leader, the pledge and its signed copies, the criteria table, the scores
  still to verify, the ranking to approve, the draft proposals to finish;
* the representative of a member unit: its self score in the scoring phase; of the leader unit,
  also the pledge and the minutes to print and sign, the proposals to send to the emulation office.

Every item links to the page where the work is done. One query, whatever the data size.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.choices import CriterionKind, ProposalStatus, RankingStatus
from awards.models import Criterion, Proposal, Ranking, Score
from blocs.access.scope import is_admin_user, leader_unit_ids, reviewer_organizer_ids, secretary_bloc_ids
from blocs.choices import MeetingKind, MemberRole, Phase
from blocs.models import Bloc, BlocMember, BlocYear, Meeting, PledgeSignatory
from blocs.years.selectors import bloc_years_with_leaders, blocs_needing_reorganisation, leader_of


def _count(queryset):
    """A correlated COUNT(*) of ``queryset`` (already filtered on ``OuterRef``), 0 when empty."""
    return Coalesce(
        Subquery(queryset.order_by().values(_one=Value(1)).annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        0,
    )


def current_years(user):
    """The latest non-closed year of each bloc the user is secretary of, or that the user's unit is a
    member of; annotated with what the items need."""
    sec_ids = set(secretary_bloc_ids(user))
    unit_ids = set(leader_unit_ids(user))
    if not sec_ids and not unit_ids:
        return []
    latest = BlocYear.objects.filter(bloc=OuterRef("bloc")).order_by("-year").values("year")[:1]
    leader = BlocMember.objects.filter(bloc_year=OuterRef("pk"), role=MemberRole.LEADER).values("unit_id")[:1]
    scope = Q(bloc_id__in=sec_ids) | Q(members__unit_id__in=unit_ids)
    by_pk = OuterRef("pk")
    years = (
        BlocYear.objects.filter(scope, year=Subquery(latest), bloc__dissolved_on__isnull=True)
        .exclude(phase=Phase.CLOSED)
        .select_related("bloc")
        .annotate(
            leader_unit_id=Subquery(leader),
            n_members=_count(BlocMember.objects.filter(bloc_year=by_pk)),
            n_pledge=_count(BlocYear.objects.filter(pk=by_pk, pledge__isnull=False)),
            n_signatories=_count(PledgeSignatory.objects.filter(pledge__bloc_year=by_pk)),
            n_returned=_count(PledgeSignatory.objects.filter(pledge__bloc_year=by_pk, returned=True)),
            n_criteria=_count(Criterion.objects.filter(table__bloc_year=by_pk, kind=CriterionKind.CRITERION)),
            n_verified=_count(Score.objects.filter(criterion__table__bloc_year=by_pk, criterion__kind=CriterionKind.CRITERION,
                                                   verified_score__isnull=False)),
            n_ranking_approved=_count(Ranking.objects.filter(bloc_year=by_pk, status=RankingStatus.APPROVED)),
            n_own_self=_count(Score.objects.filter(criterion__table__bloc_year=by_pk, criterion__kind=CriterionKind.CRITERION,
                                                   member__unit_id__in=unit_ids, self_score__isnull=False)),
            own_unit=Subquery(BlocMember.objects.filter(bloc_year=by_pk, unit_id__in=unit_ids).values("unit_id")[:1]),
            n_drafts=_count(Proposal.objects.filter(bloc_year=by_pk, status=ProposalStatus.DRAFT)),
            n_to_send=_count(Proposal.objects.filter(bloc_year=by_pk, status__in=ProposalStatus.editable())),
            n_minutes=_count(Meeting.objects.filter(bloc_year=by_pk, kind__in=[MeetingKind.YEAR_END, MeetingKind.RANKING])),
        )
        .distinct()
        .order_by("bloc__sort_key")
    )
    result = []
    for by in years:
        by.as_secretary = by.bloc_id in sec_ids
        by.as_leader = by.leader_unit_id in unit_ids
        by.as_member = by.own_unit is not None
        if by.as_secretary or by.as_member:
            result.append(by)
    return result


def _phase_index(phase):
    return Phase.order().index(phase)


def _secretary_items(by, calendar_year):
    items = []
    args = [by.bloc_id, by.year]
    year_url = reverse("blocs:bloc_year_detail", args=args)
    label = str(by)
    phase = _phase_index(by.phase)
    following = Phase.order()[phase + 1] if phase + 1 < len(Phase.order()) else None
    text = _("%(by)s đang ở giai đoạn «%(phase)s».") % {"by": label, "phase": by.get_phase_display()}
    if following:
        text += " " + _("Bước tiếp theo: «%(next)s».") % {"next": Phase(following).label}
    items.append({"level": "info", "text": text, "url": year_url})
    # The calendar year's leader and pledge are already in attention_items.
    if by.year != calendar_year:
        if not by.leader_unit_id:
            items.append({"level": "danger", "text": _("%(by)s: chưa có đơn vị trưởng khối.") % {"by": label}, "url": year_url})
        if not by.n_pledge:
            items.append({"level": "warning", "text": _("%(by)s: chưa có bản giao ước thi đua.") % {"by": label},
                          "url": reverse("blocs:pledge_detail", args=args)})
    if by.n_pledge and by.n_returned < by.n_signatories and phase >= _phase_index(Phase.PLEDGE_SIGNED):
        items.append({
            "level": "warning",
            "text": _("%(by)s: %(n)s/%(total)s đơn vị chưa gửi lại bản giao ước đã ký.")
            % {"by": label, "n": by.n_signatories - by.n_returned, "total": by.n_signatories},
            "url": reverse("blocs:pledge_signatories", args=args),
        })
    if phase >= _phase_index(Phase.SCORING) and not by.n_criteria:
        items.append({"level": "warning", "text": _("%(by)s: chưa có bảng tiêu chí chấm điểm.") % {"by": label},
                      "url": reverse("awards:criteria_table", args=args)})
    missing = by.n_criteria * by.n_members - by.n_verified
    if by.phase in (Phase.SCORING, Phase.RANKING) and by.n_criteria and missing > 0:
        items.append({
            "level": "warning",
            "text": _("%(by)s: còn %(n)s ô điểm thẩm định chưa nhập (%(members)s đơn vị × %(criteria)s tiêu chí).")
            % {"by": label, "n": missing, "members": by.n_members, "criteria": by.n_criteria},
            "url": reverse("awards:score_grid", args=args),
        })
    if by.phase == Phase.RANKING and not by.n_ranking_approved:
        items.append({"level": "warning", "text": _("%(by)s: kết quả xếp hạng chưa được phê duyệt.") % {"by": label},
                      "url": reverse("awards:ranking", args=args)})
    if by.n_drafts:
        items.append({"level": "info", "text": _("%(by)s: %(n)s đề nghị khen thưởng còn là dự thảo, chưa gửi.")
                      % {"by": label, "n": by.n_drafts}, "url": reverse("awards:proposal_list", args=args)})
    return items


def _member_items(by):
    """The unit's own work: its self score in the scoring phase."""
    items = []
    missing = by.n_criteria - by.n_own_self
    if by.phase == Phase.SCORING and by.n_criteria and missing > 0:
        items.append({
            "level": "warning",
            "text": _("%(by)s: đơn vị còn %(n)s/%(total)s tiêu chí chưa tự chấm điểm.")
            % {"by": by, "n": missing, "total": by.n_criteria},
            "url": reverse("awards:score_grid", args=[by.bloc_id, by.year]),
        })
    return items


def _leader_items(by):
    items = []
    args = [by.bloc_id, by.year]
    label = str(by)
    documents = reverse("awards:documents_index", args=args)
    if by.n_pledge and by.n_returned < by.n_signatories:
        items.append({
            "level": "warning",
            "text": _("%(by)s: in bản giao ước để ký và gửi các đơn vị (%(n)s/%(total)s đơn vị đã gửi lại bản ký).")
            % {"by": label, "n": by.n_returned, "total": by.n_signatories},
            "url": documents,
        })
    if by.n_minutes and by.phase in (Phase.RANKING, Phase.PROPOSALS):
        items.append({
            "level": "info",
            "text": _("%(by)s: in và ký biên bản hội nghị tổng kết, bình xét.") % {"by": label},
            "url": documents,
        })
    if by.n_to_send:
        items.append({
            "level": "warning",
            "text": _("%(by)s: %(n)s đề nghị khen thưởng chờ đơn vị trưởng khối gửi Ban Thi đua - Khen thưởng.")
            % {"by": label, "n": by.n_to_send},
            "url": reverse("awards:proposal_list", args=args),
        })
    return items


def work_items(user, calendar_year):
    """Attention items (dicts with level, text, url) for the current year of each of the user's blocs."""
    items = []
    for by in current_years(user):
        if by.as_secretary:
            items += _secretary_items(by, calendar_year)
        else:
            items += _member_items(by)
            if by.as_leader:
                items += _leader_items(by)
    return items


def attention_items(user, year):
    """What needs the user's attention in ``year``: a list of dicts with text, url and level."""

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
