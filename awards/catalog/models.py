"""Award types, legal bases and their rule parameters (data, versioned by dates), and quotas."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.choices import AwardCategory, AwardLevel, Subject
from blocs.models import Organizer
from emulation.lib.bounds import COUNT, PERCENT, YEARS, range_checks
from emulation.lib.models import InForce, InForceQuerySet, validity_dates


class LegalBasis(InForce, models.Model):
    """A law, decree or circular with the dates it is in force."""

    code = models.CharField(_("số hiệu"), max_length=60, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=500)
    valid_from, valid_to = validity_dates()
    confirmed = models.BooleanField(_("đã xác nhận"), default=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from", "code"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self):
        return f"{self.code} – {self.title}"


class AwardType(models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    category = models.CharField(_("loại"), max_length=10, choices=AwardCategory.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices, blank=True, help_text=_("Để trống nếu dùng cho cả tập thể và cá nhân."))
    level = models.CharField(_("cấp"), max_length=10, choices=AwardLevel.choices)
    authority = models.CharField(_("thẩm quyền quyết định"), max_length=255)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self):
        return self.name

    def allows(self, subject):
        return not self.subject or self.subject == subject


class AwardRule(InForce, models.Model):
    """Rule parameters of an award type under one legal basis, for a period.

    ``params`` keys used by the checks: ``top_rank_only`` (int rank), ``bloc_leader_only`` (bool),
    ``legal`` (bool: hard stop; false: a convention the secretary may override with a reason),
    ``article`` (text quoted in messages).
    """

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="rules")
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, related_name="rules")
    valid_from, valid_to = validity_dates(_("áp dụng từ"), _("áp dụng đến"))
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    confirmed = models.BooleanField(_("đã xác nhận"), default=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["award_type", "valid_from"]
        verbose_name = _("quy định áp dụng")
        verbose_name_plural = _("quy định áp dụng")

    def __str__(self):
        return f"{self.award_type} – {self.legal_basis.code}"


class Quota(models.Model):
    """How many of an award type an organiser's blocs may propose in a year (a count or a percentage)."""

    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEARS.validators())
    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="quotas")
    max_count = models.PositiveIntegerField(_("số lượng tối đa"), null=True, blank=True, validators=COUNT.validators())
    max_percent = models.DecimalField(_("tỷ lệ tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT.validators())

    class Meta:
        verbose_name = _("chỉ tiêu khen thưởng")
        verbose_name_plural = _("chỉ tiêu khen thưởng")
        constraints = [
            *range_checks("quota", year=YEARS, max_count=COUNT, max_percent=PERCENT),
            models.UniqueConstraint(fields=["organizer", "year", "award_type"], name="quota_unique"),
            models.CheckConstraint(condition=Q(max_count__isnull=False) | Q(max_percent__isnull=False), name="quota_has_limit"),
        ]

    def __str__(self):
        return f"{self.organizer} {self.year}: {self.award_type}"
