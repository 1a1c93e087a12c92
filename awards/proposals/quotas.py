"""Quotas (chỉ tiêu) of an organiser's awards per year (audited)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.catalog.models import Quota
from awards.choices import ProposalStatus
from awards.proposals.models import Proposal
from awards.proposals.services import REFRESH_RELATED, proposals_refresh_checks
from blocs.audit.services import record


@transaction.atomic
def quota_save(*, user, organizer, year: int, award_type, max_count: int | None, max_percent: Decimal | None) -> Quota:
    """Set the quota of an organiser for an award type and year (a count, a percentage, or both).
    Side effects: audit entry; check results of the open proposals concerned refreshed."""
    if max_count is None and max_percent is None:
        raise ValidationError({"max_count": _("Nhập số lượng tối đa hoặc tỷ lệ tối đa.")}, code="quota_empty")
    if max_percent is not None and not (0 < max_percent <= 100):
        raise ValidationError({"max_percent": _("Tỷ lệ phải lớn hơn 0 và không quá 100%.")}, code="quota_percent")
    quota = Quota.objects.filter(organizer=organizer, year=year, award_type=award_type).first()
    old = (quota.max_count, quota.max_percent) if quota else (None, None)
    if quota is None:
        quota = Quota(organizer=organizer, year=year, award_type=award_type)
    quota.max_count, quota.max_percent = max_count, max_percent
    quota.save()
    record(user=user, action="quota_save", obj=quota, changes={
        "max_count": (old[0], max_count), "max_percent": (old[1], max_percent)})
    proposals_refresh_checks(Proposal.objects.filter(organizer=organizer, year=year, award_type=award_type).exclude(
        status__in=ProposalStatus.final()).select_related(*REFRESH_RELATED))
    return quota
