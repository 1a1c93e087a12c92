"""Blocs, their years and the members of each year (with the leader and deputy as a role)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from blocs.access.scope import bloc_scope_q
from blocs.choices import BlocKind, MemberRole, Phase, SuccessionPolicy
from blocs.units.models import Organizer, Province, Unit
from emulation.lib.bounds import PERCENT, SMALL, YEARS, range_checks
from emulation.lib.models import NamedModel, NamedQuerySet


class BlocQuerySet(NamedQuerySet):
    def visible_to(self, user):
        """The blocs a user may see: see ``blocs.access.scope.bloc_scope_q``."""
        return self.filter(bloc_scope_q(user)).distinct()


class Bloc(NamedModel):
    """A khối or cụm thi đua of one organiser."""

    kind = models.CharField(_("loại"), max_length=10, choices=BlocKind.choices, default=BlocKind.BLOC)
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("cơ quan tổ chức"), on_delete=models.PROTECT, related_name="blocs"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="blocs", help_text=_("Tỉnh nơi khối hoạt động (để lọc); để trống với khối liên tỉnh."),
    )
    code = models.CharField(_("mã viết tắt"), max_length=40, blank=True)
    founding_decision_number = models.CharField(_("số quyết định thành lập"), max_length=60, blank=True)
    founding_decision_date = models.DateField(_("ngày quyết định thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    succession_policy = models.CharField(
        _("cách chọn trưởng, phó"), max_length=20, choices=SuccessionPolicy.choices, default=SuccessionPolicy.ELECTED
    )
    rotation_order = models.JSONField(
        _("thứ tự luân phiên"), default=list, blank=True, help_text=_("Danh sách mã đơn vị theo thứ tự luân phiên.")
    )
    min_members = models.PositiveSmallIntegerField(_("số thành viên tối thiểu"), null=True, blank=True, validators=SMALL.validators())
    note = models.TextField(_("ghi chú"), blank=True)

    objects = BlocQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        constraints = [
            *range_checks("bloc", min_members=SMALL),
            models.UniqueConstraint(fields=["organizer", "name_key"], name="bloc_unique_name_per_organizer"),
        ]

    @property
    def is_active(self):
        return self.dissolved_on is None

    def min_members_or_default(self):
        return self.min_members or settings.THIDUA["BLOC_MIN_MEMBERS"]


class BlocYearQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def visible_to(self, user):
        return self.filter(bloc__in=Bloc.objects.filter(bloc_scope_q(user)))

    def with_member_count(self):
        return self.annotate(member_count=Count("members", distinct=True))


class VoteBase(models.TextChoices):
    MEMBERS = "members", _("Tổng số thành viên")
    PRESENT = "present", _("Số thành viên có mặt")
    VALID = "valid", _("Số phiếu hợp lệ")


class BlocYear(models.Model):
    """One year of a bloc: members, leader and deputy, theme, phase and the rules of that year."""

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEARS.validators())
    theme = models.CharField(_("chủ đề thi đua"), max_length=500, blank=True)
    phase = models.CharField(_("giai đoạn"), max_length=20, choices=Phase.choices, default=Phase.SETUP)
    # The decision or minutes that chose the leader and deputy of this year.
    leadership_basis = models.CharField(
        _("căn cứ chọn trưởng, phó"), max_length=255, blank=True,
        help_text=_("Ví dụ: Biên bản Hội nghị tổng kết năm 2017 của Cụm."),
    )
    leadership_basis_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    leadership_basis_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    # Vote rules of the year (NOT CONFIRMED in law: data, per bloc-year).
    vote_threshold_percent = models.DecimalField(
        _("ngưỡng phiếu đồng ý (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=PERCENT.validators(),
    )
    vote_base = models.CharField(_("cơ sở tính tỷ lệ"), max_length=10, choices=VoteBase.choices, default=VoteBase.MEMBERS)
    quorum_percent = models.DecimalField(_("tỷ lệ có mặt tối thiểu (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT.validators())
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlocYearQuerySet.as_manager()

    class Meta:
        ordering = ["bloc__sort_key", "-year"]
        verbose_name = _("năm thi đua của khối")
        verbose_name_plural = _("năm thi đua của khối")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="blocyear_unique"),
            *range_checks("blocyear", year=YEARS, vote_threshold_percent=PERCENT, quorum_percent=PERCENT),
        ]

    def __str__(self):
        return f"{self.bloc.name} – {self.year}"

    def threshold_percent(self):
        return self.vote_threshold_percent if self.vote_threshold_percent is not None else settings.THIDUA["VOTE_THRESHOLD_PERCENT"]

    def quorum(self):
        return self.quorum_percent if self.quorum_percent is not None else settings.THIDUA["QUORUM_PERCENT"]


class BlocMemberQuerySet(models.QuerySet):
    def leaders(self):
        return self.filter(role=MemberRole.LEADER)

    def in_display_order(self):
        """Leader first, deputy second, then the members in Vietnamese order."""
        return self.annotate(
            role_order=models.Case(
                models.When(role=MemberRole.LEADER, then=0),
                models.When(role=MemberRole.DEPUTY, then=1),
                default=2,
            )
        ).order_by("role_order", "unit__sort_key")


class BlocMember(models.Model):
    """A unit's membership of a bloc in one year, with its role (leader, deputy or member).

    ``organizer`` and ``year`` copy the bloc-year's so that the database itself refuses a unit in
    two blocs of the same organiser in the same year. Change memberships through ``blocs.years.services``.
    """

    bloc_year = models.ForeignKey(BlocYear, verbose_name=_("năm của khối"), on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    women_share = models.DecimalField(
        _("tỷ lệ nữ (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Dùng khi xét ưu tiên tập thể có từ 70% nữ (Nghị định 152/2025, Điều 4)."),
        validators=PERCENT.validators(),
    )

    objects = BlocMemberQuerySet.as_manager()

    class Meta:
        ordering = ["unit__sort_key"]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        constraints = [
            *range_checks("blocmember", women_share=PERCENT),
            models.UniqueConstraint(fields=["bloc_year", "unit"], name="member_once_per_blocyear"),
            models.UniqueConstraint(fields=["organizer", "year", "unit"], name="member_one_bloc_per_organizer_year"),
            models.UniqueConstraint(
                fields=["bloc_year"], condition=Q(role=MemberRole.LEADER), name="one_leader_per_blocyear"
            ),
            models.UniqueConstraint(
                fields=["bloc_year"], condition=Q(role=MemberRole.DEPUTY), name="one_deputy_per_blocyear"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def save(self, *args, **kwargs):
        if self.bloc_year_id and (not self.organizer_id or not self.year):
            bloc_year = self.bloc_year
            self.organizer_id = bloc_year.bloc.organizer_id
            self.year = bloc_year.year
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"
