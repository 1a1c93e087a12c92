"""The pledge (giao ước thi đua) of a bloc-year: bases, commitments, signatories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.units.models import UnitRow
from blocs.years.models import BlocYear


class Pledge(models.Model):
    bloc_year = models.OneToOneField(BlocYear, verbose_name=_("năm của khối"), on_delete=models.PROTECT, related_name="pledge")
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True, help_text=_("Để trống: Bản giao ước thi đua năm …"))
    goals = models.TextField(_("mục tiêu"), blank=True)
    implementation = models.TextField(_("tổ chức thực hiện"), blank=True)
    signing_place = models.CharField(_("địa điểm ký"), max_length=120, blank=True)
    signing_date = models.DateField(_("ngày ký"), null=True, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("bản giao ước thi đua")
        verbose_name_plural = _("bản giao ước thi đua")

    def __str__(self):
        return _("Giao ước thi đua %(bloc_year)s") % {"bloc_year": self.bloc_year}


class PledgeParagraph(models.Model):
    """A numbered paragraph of the pledge (a basis or a commitment), in ``order`` and shown as its
    ``text``. Children add the pledge, ``text`` and ``class Meta(PledgeParagraph.Meta)``."""

    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class PledgeBasis(PledgeParagraph):
    """A legal or planning basis (căn cứ) quoted at the top of the pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="bases")
    text = models.TextField(_("căn cứ"))

    class Meta(PledgeParagraph.Meta):
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")


class PledgeCommitment(PledgeParagraph):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("nội dung giao ước"))

    class Meta(PledgeParagraph.Meta):
        verbose_name = _("nội dung giao ước")
        verbose_name_plural = _("nội dung giao ước")


class PledgeSignatory(UnitRow):
    """One signatory per member unit; ``returned`` says whether the signed copy came back."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatories")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ"), max_length=160, blank=True)
    signing_formula = models.CharField(_("thể thức ký"), max_length=160, blank=True)
    returned = models.BooleanField(_("đã nhận bản ký"), default=False)
    absent_signed_later = models.BooleanField(_("vắng, ký sau"), default=False)

    class Meta(UnitRow.Meta):
        verbose_name = _("người ký giao ước")
        verbose_name_plural = _("người ký giao ước")
        constraints = [models.UniqueConstraint(fields=["pledge", "unit"], name="one_signatory_per_unit")]

    def __str__(self):
        return f"{self.unit}: {self.signer_name}"
