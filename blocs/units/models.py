"""Reference data: provinces (with the 2025 merges), organisers and units, all time-versioned."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.choices import OrganizerKind, ProvinceKind, UnitKind
from emulation.lib.models import (
    InForce,
    NamedModel,
    ValidityQuerySet,
    validity_dates,
    validity_order_constraint,
)


class Validity(InForce, models.Model):
    """Named reference data dated by ``valid_from`` / ``valid_to``: ``objects.valid_on(day)`` and
    ``is_valid_on(day)`` (``InForce``) say whether a record is in force."""

    valid_from, valid_to = validity_dates()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_in_year(self, year):
        """True if the record exists on some day of ``year`` (joins and ends are checked on 1 January)."""
        return self.is_valid_on(datetime.date(year, 1, 1))

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})


class Province(Validity, NamedModel):
    """A provincial-level unit. The 63 before 01/07/2025 and the 34 since, linked by ``successor``."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=ProvinceKind.choices, default=ProvinceKind.PROVINCE)
    seat = models.CharField(_("trụ sở"), max_length=120, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("sáp nhập vào"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="predecessors",
    )

    class Meta:
        ordering = ["sort_key", "valid_from"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        constraints = [validity_order_constraint("province_validity_order")]

    def __str__(self):
        if self.valid_to:
            return _("%(name)s (đến %(date)s)") % {"name": self.name, "date": self.valid_to.strftime("%d/%m/%Y")}
        return self.name


class Organizer(Validity, NamedModel):
    """Who organises blocs: the Central council, a ministry, a province, an enterprise group, a front."""

    kind = models.CharField(_("loại"), max_length=20, choices=OrganizerKind.choices)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), null=True, blank=True, on_delete=models.PROTECT, related_name="organizers"
    )
    office_name = models.CharField(
        _("cơ quan thẩm định"), max_length=255, blank=True,
        help_text=_("Ví dụ: Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)."),
    )
    successor = models.ForeignKey(
        "self", verbose_name=_("kế thừa bởi"), null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("cơ quan tổ chức")
        verbose_name_plural = _("cơ quan tổ chức")


class Unit(Validity, NamedModel):
    """A member unit (đơn vị): a province, a department, a Party body, an enterprise...

    A unit that merged keeps its record and name; ``valid_to`` and ``successor`` say when and into
    what. Change those only through ``blocs.years.services.unit_merge``.
    """

    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="units",
        help_text=_("Tỉnh mà đơn vị là (đơn vị cấp tỉnh) hoặc trực thuộc."),
    )
    head_title = models.CharField(
        _("chức danh người đứng đầu"), max_length=120, blank=True, help_text=_("Ví dụ: Chủ tịch UBND tỉnh.")
    )
    signing_formula = models.CharField(
        _("thể thức ký"), max_length=160, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH.")
    )
    successor = models.ForeignKey(
        "self", verbose_name=_("sáp nhập vào"), null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [validity_order_constraint("unit_validity_order")]
        indexes = [models.Index(fields=["province", "sort_key"])]

    def __str__(self):
        return self.name


class UnitRow(models.Model):
    """A row per member unit of a parent record (a meeting's attendance, a pledge's signatories), listed
    in the units' order. Children add the parent, their fields and ``class Meta(UnitRow.Meta)``."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
        ordering = ["unit__sort_key"]
