"""Criteria tables (bảng tiêu chí) of a bloc-year, the scores of each member and the ranking."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.choices import CriterionKind, RankingSource, RankingStatus
from blocs.models import BlocMember, BlocYear, Unit
from emulation.lib.bounds import POINTS, POSITIVE_POINTS, SMALL, range_checks


class CriteriaTable(models.Model):
    """The criteria tree of one bloc-year. ``tiebreaks`` is an ordered list of rules, e.g.
    ``["section:<criterion id>", "fewer_penalty", "vote"]``."""

    bloc_year = models.OneToOneField(BlocYear, on_delete=models.PROTECT, related_name="criteria_table")
    title = models.CharField(_("tên bảng tiêu chí"), max_length=255, blank=True)
    allow_self_fallback = models.BooleanField(_("dùng điểm tự chấm khi chưa thẩm định"), default=False)
    tiebreaks = models.JSONField(_("tiêu chí phụ khi bằng điểm"), default=list, blank=True)
    classification = models.JSONField(
        _("xếp loại theo điểm"), default=list, blank=True,
        help_text=_('Ví dụ: [{"min": 95, "label": "Xuất sắc"}, {"min": 85, "label": "Tốt"}]'),
    )
    version = models.PositiveIntegerField(default=1)
    bonus_cap = models.DecimalField(
        _("tổng điểm cộng tối đa"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Để trống nếu chỉ giới hạn từng mục điểm cộng."),
        validators=POSITIVE_POINTS.validators(),
    )
    penalty_cap = models.DecimalField(
        _("tổng điểm trừ tối đa"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Để trống nếu chỉ giới hạn từng mục điểm trừ."),
        validators=POSITIVE_POINTS.validators(),
    )

    class Meta:
        verbose_name = _("bảng tiêu chí")
        verbose_name_plural = _("bảng tiêu chí")
        constraints = [
            *range_checks("criteriatable", bonus_cap=POSITIVE_POINTS, penalty_cap=POSITIVE_POINTS),
        ]

    def __str__(self):
        return self.title or _("Bảng tiêu chí %(bloc_year)s") % {"bloc_year": self.bloc_year}


class Criterion(models.Model):
    table = models.ForeignKey(CriteriaTable, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.CRITERION)
    code = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    title = models.CharField(_("nội dung"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2, default=0, validators=POSITIVE_POINTS.validators())
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criterion_max_nonnegative"),
            *range_checks("criterion", max_points=POSITIVE_POINTS),
        ]
        indexes = [models.Index(fields=["table", "order"])]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def is_leaf(self):
        return self.kind != CriterionKind.SECTION


class Score(models.Model):
    """Self score and verified score of a member for one leaf criterion (or bonus/penalty item).

    ``version`` increases on every save; a save with an older version is refused (two secretaries).
    Change scores through ``awards.scoring.services.scores_save``.
    """

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(BlocMember, on_delete=models.PROTECT, related_name="scores")
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=8, decimal_places=2, null=True, blank=True, validators=POINTS.validators())
    verified_score = models.DecimalField(_("điểm thẩm định"), max_digits=8, decimal_places=2, null=True, blank=True, validators=POINTS.validators())
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        constraints = [
            *range_checks("score", self_score=POINTS, verified_score=POINTS),
            models.UniqueConstraint(fields=["criterion", "member"], name="score_once_per_cell"),
            models.CheckConstraint(condition=Q(self_score__isnull=True) | Q(self_score__gte=0), name="self_score_nonnegative"),
            models.CheckConstraint(condition=Q(verified_score__isnull=True) | Q(verified_score__gte=0), name="verified_score_nonnegative"),
        ]
        indexes = [models.Index(fields=["member", "criterion"])]

    def __str__(self):
        return f"{self.member.unit} / {self.criterion}: {self.final}"

    @property
    def final(self):
        return self.verified_score if self.verified_score is not None else self.self_score



class Ranking(models.Model):
    """``status`` changes only through ``awards.scoring.services.ranking_approve`` / ``ranking_reopen``."""

    bloc_year = models.OneToOneField(BlocYear, on_delete=models.PROTECT, related_name="ranking")
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
    rank = models.PositiveSmallIntegerField(_("thứ hạng"), validators=SMALL.validators())
    total = models.DecimalField(_("tổng điểm"), max_digits=9, decimal_places=2, null=True, blank=True)
    classification = models.CharField(_("xếp loại"), max_length=60, blank=True)
    tiebreak_note = models.CharField(_("tiêu chí phụ đã dùng"), max_length=255, blank=True)

    class Meta:
        ordering = ["rank", "unit__sort_key"]
        verbose_name = _("thứ hạng")
        verbose_name_plural = _("thứ hạng")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "unit"], name="rank_once_per_unit"),
            *range_checks("rankentry", rank=SMALL),
        ]
        indexes = [models.Index(fields=["unit", "rank"])]

    def __str__(self):
        return f"{self.rank}. {self.unit}"
