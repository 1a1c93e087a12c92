"""Reads of the proposals area: quota usage (the checks and the quota page) and the office's review queue."""

from django.core.paginator import Paginator
from django.db.models import Count, F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.catalog.models import Quota
from awards.choices import ProposalStatus, Subject
from awards.proposals.models import Proposal, ProposalAttachment
from awards.scoring.models import Ranking
from blocs.access.scope import is_admin_user, reviewer_organizer_ids
from blocs.audit.selectors import changes_of
from blocs.models import AuditEntry, Bloc, Organizer

# Places are taken by what was sent to the office (submitted, in review, approved), not by drafts.
QUOTA_STATUSES = [ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW, ProposalStatus.APPROVED]


def quota_used(*, organizers, year, award_type=None, excluding=None):
    """{(organizer id, award type id): places used} by the proposals of ``organizers`` (ids or a
    queryset) in ``year``, optionally of one ``award_type`` (an id) and without the proposal whose pk
    is ``excluding``. Collectives count one, a group of individuals its headcount. One query."""
    qs = Proposal.objects.filter(organizer__in=organizers, year=year, status__in=QUOTA_STATUSES)
    if award_type is not None:
        qs = qs.filter(award_type_id=award_type)
    if excluding is not None:
        qs = qs.exclude(pk=excluding)
    rows = qs.values("organizer_id", "award_type_id").annotate(n=Sum("headcount"))
    return {(row["organizer_id"], row["award_type_id"]): row["n"] or 0 for row in rows}


def quotas_with_usage(organizers, year):
    """The quotas of ``organizers`` for ``year``, each with ``used`` (places the proposals take)."""
    quotas = list(Quota.objects.filter(organizer__in=organizers, year=year).select_related("organizer", "award_type").order_by(
        "organizer__sort_key", "award_type__order"))
    used = quota_used(organizers=organizers, year=year)
    for q in quotas:
        q.used = used.get((q.organizer_id, q.award_type_id), 0)
    return quotas


# --- a bloc-year's proposals and one proposal's history ---------------------------------------------

def bloc_year_proposals(bloc_year):
    """What the proposal list of ``bloc_year`` shows: its proposals (all, collectives, individuals, how
    many are editable) and its ranking with the entries."""
    proposals = list(bloc_year.proposals.select_related("award_type", "unit", "vote").order_by("award_type__order", "rank", "person_name", "pk"))
    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    entries = list(ranking.entries.select_related("unit").order_by("rank", "unit__sort_key")) if ranking else []
    return {
        "proposals": proposals, "ranking": ranking, "entries": entries,
        "collectives": [p for p in proposals if p.subject == Subject.COLLECTIVE],
        "individuals": [p for p in proposals if p.subject == Subject.INDIVIDUAL],
        "n_editable": sum(1 for p in proposals if p.is_editable),
    }


def proposal_history(proposal):
    """The audit entries of the proposal, each with ``fields``: (label, old, new) in Vietnamese (field
    names and choices by their labels, as on every history page: ``blocs.audit.selectors.changes_of``)."""
    rows = list(AuditEntry.objects.filter(object_type="awards.proposal", object_id=str(proposal.pk)).select_related("user")[:50])
    for row in rows:
        row.fields = [(c.field, c.old, c.new) for c in changes_of(row)]
    return rows


# --- the office's review queue ----------------------------------------------------------------------

QUEUE_SORTS = {
    "bloc": ["bloc_year__bloc__sort_key", "award_type__order", "rank", "pk"],
    "award": ["award_type__order", "bloc_year__bloc__sort_key", "rank", "pk"],
    "rank": [F("rank").asc(nulls_last=True), "bloc_year__bloc__sort_key", "pk"],
    "submitted": [F("submitted_at").desc(nulls_last=True), "pk"],
    "checks": ["-checks_blocking", "-checks_warning", "bloc_year__bloc__sort_key", "pk"],
}
QUEUE_PAGE_SIZE = 50


def reviewed_by(user):
    """Proposals the user reviews: those of the user's organisers that were sent at least once
    (a draft never submitted is the bloc's own work)."""
    qs = Proposal.objects.exclude(status=ProposalStatus.DRAFT)
    if not is_admin_user(user):
        qs = qs.filter(organizer_id__in=reviewer_organizer_ids(user))
    return qs


def default_queue_year(user):
    """The year the queue opens on: the latest year with proposals awaiting review (the review season
    runs from November to January, across the new year), else the current year."""
    latest = reviewed_by(user).filter(status__in=ProposalStatus.awaiting_review()).aggregate(y=Max("year"))["y"]
    return latest or timezone.localdate().year


def _filtered(qs, filters, status):
    if filters.get("khoi"):
        qs = qs.filter(bloc_year__bloc_id=filters["khoi"])
    if filters.get("hinh_thuc"):
        qs = qs.filter(award_type=filters["hinh_thuc"])
    if status == "awaiting":
        qs = qs.filter(status__in=ProposalStatus.awaiting_review())
    elif status in ProposalStatus.values:
        qs = qs.filter(status=status)
    checks = filters.get("kiem_tra")
    if checks == "blocking":
        qs = qs.filter(checks_blocking__gt=0)
    elif checks == "warning":
        qs = qs.filter(checks_warning__gt=0)
    elif checks == "ok":
        qs = qs.filter(checks_blocking=0, checks_warning=0)
    return qs


def review_queue(user, filters):
    """(queryset, year, status) of the proposals the user reviews, filtered and sorted by ``filters``
    (the cleaned data of ``QueueFilterForm``; empty: the latest year's proposals awaiting review)."""
    year = filters.get("nam") or default_queue_year(user)
    status = filters.get("trang_thai") or "awaiting"
    qs = _filtered(reviewed_by(user).filter(year=year), filters, status)
    # A correlated count, not JOIN + GROUP BY over five tables: PostgreSQL plans it in ~1.5 ms instead of 4–15 ms (make bench).
    attachments = ProposalAttachment.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal").annotate(n=Count("pk")).values("n")
    qs = qs.select_related("bloc_year__bloc", "award_type", "unit", "vote").annotate(n_attachments=Coalesce(Subquery(attachments), 0))
    qs = qs.order_by(*QUEUE_SORTS.get(filters.get("sap_xep") or "bloc", QUEUE_SORTS["bloc"]))
    return qs, year, status


def _url_of_pk(name):
    """pk -> the URL named ``name`` for that pk, reversed once: ``reverse`` costs about as much as
    rendering the rest of a row."""
    head, tail = reverse(name, args=[987654321]).split("987654321")
    return lambda pk: f"{head}{pk}{tail}"


def review_queue_page(qs, number):
    """Page ``number`` of the queue, each row with the texts its template shows beyond the model:
    ``detail_url``, ``failing`` (the failed checks), ``pick_label`` (the label of its bulk-selection
    box, empty when it cannot be picked), ``vote_label`` and ``threshold_label`` (with a vote) and
    ``files_label``, ``status_label``. They are made here, once per row, rather than by {% url %} and {% blocktranslate %}
    in the row: 50 rows a page, and those tags cost more than the rest of the row. No query per row."""
    page = Paginator(qs, QUEUE_PAGE_SIZE).get_page(number)
    detail_url = _url_of_pk("awards:proposal_detail")
    status_labels = {value: str(label) for value, label in ProposalStatus.choices}
    for p in page:
        p.detail_url = detail_url(p.pk)
        p.status_label = status_labels[p.status]
        p.failing = [c for c in p.checks if not c.get("ok")]
        pickable = p.status in (ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW)
        p.pick_label = _("Chọn %(n)s") % {"n": str(p.nominee)} if pickable else ""
        if p.vote:
            v = p.vote
            p.vote_label = f"{localize(v.votes_for)}/{localize(v.base_count)} ({localize(v.percent)}%)"
            p.threshold_label = _("ngưỡng %(t)s%%") % {"t": localize(p.bloc_year.threshold_percent())}
        p.files_label = ngettext("%(n)s tệp", "%(n)s tệp", p.n_attachments) % {"n": localize(p.n_attachments)}
    return page


def reviewer_bloc_choices(user):
    """The bloc filter's choices: every bloc for an admin, else the blocs of the user's organisers."""
    blocs = Bloc.objects.all() if is_admin_user(user) else Bloc.objects.filter(organizer_id__in=reviewer_organizer_ids(user))
    return [("", _("Tất cả"))] + list(blocs.order_by("sort_key").values_list("pk", "name"))


def reviewer_organizers(user):
    """The organisers whose quotas the user sets: every organiser with blocs for an admin, else the user's."""
    organizers = Organizer.objects.all() if is_admin_user(user) else Organizer.objects.filter(pk__in=reviewer_organizer_ids(user))
    return organizers.filter(blocs__isnull=False).distinct().order_by("sort_key")
