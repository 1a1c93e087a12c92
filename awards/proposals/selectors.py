"""Reads of the proposals area shared by the checks and the office's pages."""

from django.db.models import Sum

from awards.catalog.models import Quota
from awards.choices import ProposalStatus
from awards.proposals.models import Proposal

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
