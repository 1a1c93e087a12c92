"""Votes of a ranking meeting: raw counts and the declared base, never only pass/fail."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalog.models import AwardType
from blocs.models import BlocYear, Meeting, Unit, VoteBase
from emulation.lib.bounds import SMALL, range_checks


class Vote(models.Model):
    bloc_year = models.ForeignKey(BlocYear, on_delete=models.PROTECT, related_name="votes")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes")
    award_type = models.ForeignKey(AwardType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị được bình xét"), null=True, blank=True, on_delete=models.PROTECT, related_name="votes")
    candidate_name = models.CharField(_("cá nhân được bình xét"), max_length=160, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), validators=SMALL.validators())
    base = models.CharField(_("cơ sở tính tỷ lệ"), max_length=10, choices=VoteBase.choices, default=VoteBase.MEMBERS)
    base_count = models.PositiveSmallIntegerField(_("số lượng cơ sở"), validators=SMALL.validators())
    present_count = models.PositiveSmallIntegerField(_("số thành viên có mặt"), null=True, blank=True, validators=SMALL.validators())
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    is_illustrative = models.BooleanField(
        _("số liệu minh họa"), default=False,
        help_text=_("Số phiếu không có trong báo cáo nguồn, chỉ để minh họa (dữ liệu mẫu)."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["bloc_year", "-votes_for"]
        verbose_name = _("kết quả bỏ phiếu")
        verbose_name_plural = _("kết quả bỏ phiếu")
        constraints = [
            *range_checks("vote", votes_for=SMALL, base_count=SMALL, present_count=SMALL),
            models.CheckConstraint(condition=Q(base_count__gt=0), name="vote_base_positive"),
            models.CheckConstraint(condition=Q(votes_for__lte=models.F("base_count")), name="vote_for_within_base"),
        ]

    def __str__(self):
        return f"{self.candidate}: {self.votes_for}/{self.base_count}"

    @property
    def candidate(self):
        return self.unit or self.candidate_name

    @property
    def percent(self):
        return (Decimal(self.votes_for) * 100 / Decimal(self.base_count)).quantize(Decimal("0.01"))

    def passes(self, threshold_percent):
        return self.percent >= Decimal(threshold_percent)
