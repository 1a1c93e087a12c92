"""The ranking of a bloc-year: stored when approved (frozen) or as recorded at the meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, Unit

from ..choices import RankingSource, RankingStatus


class Ranking(models.Model):
    """``status`` changes only through ``awards.services.ranking_approve`` / ``ranking_reopen``."""

    bloc_year = models.OneToOneField(BlocYear, on_delete=models.CASCADE, related_name="ranking")
    status = models.CharField(_("trạng thái"), max_length=10, choices=RankingStatus.choices, default=RankingStatus.DRAFT)
    source = models.CharField(_("nguồn"), max_length=10, choices=RankingSource.choices, default=RankingSource.COMPUTED)
    approved_at = models.DateTimeField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("kết quả xếp hạng")
        verbose_name_plural = _("kết quả xếp hạng")

    def __str__(self):
        return _("Xếp hạng %(bloc_year)s") % {"bloc_year": self.bloc_year}

    @property
    def is_frozen(self):
        return self.status == RankingStatus.APPROVED


class RankEntry(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="rank_entries")
    rank = models.PositiveSmallIntegerField(_("thứ hạng"))
    total = models.DecimalField(_("tổng điểm"), max_digits=9, decimal_places=2, null=True, blank=True)
    classification = models.CharField(_("xếp loại"), max_length=60, blank=True)
    tiebreak_note = models.CharField(_("tiêu chí phụ đã dùng"), max_length=255, blank=True)

    class Meta:
        ordering = ["rank", "unit__sort_key"]
        verbose_name = _("thứ hạng")
        verbose_name_plural = _("thứ hạng")
        constraints = [models.UniqueConstraint(fields=["ranking", "unit"], name="rank_once_per_unit")]
        indexes = [models.Index(fields=["unit", "rank"])]

    def __str__(self):
        return f"{self.rank}. {self.unit}"
