"""Meetings of a bloc-year (launch, mid-year, year-end, ranking) with attendance."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.choices import Attendance, MeetingKind
from blocs.units.models import UnitRow
from blocs.years.models import BlocYear
from emulation.lib.bounds import SMALL, range_checks


class Meeting(models.Model):
    bloc_year = models.ForeignKey(BlocYear, verbose_name=_("năm của khối"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("loại hội nghị"), max_length=20, choices=MeetingKind.choices)
    date = models.DateField(_("ngày"))
    start_time = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chairs = models.TextField(_("chủ trì"), blank=True, help_text=_("Mỗi người một dòng: họ tên, chức vụ."))
    secretary = models.CharField(_("thư ký"), max_length=255, blank=True)
    guests = models.TextField(_("khách mời"), blank=True)
    agenda = models.TextField(_("nội dung"), blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True)
    vote_method = models.CharField(
        _("hình thức biểu quyết"), max_length=20, blank=True,
        choices=[("secret", _("Bỏ phiếu kín")), ("show_of_hands", _("Biểu quyết giơ tay"))],
    )
    ballots_issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"), null=True, blank=True, validators=SMALL.validators())
    ballots_returned = models.PositiveSmallIntegerField(_("số phiếu thu về"), null=True, blank=True, validators=SMALL.validators())
    ballots_valid = models.PositiveSmallIntegerField(_("số phiếu hợp lệ"), null=True, blank=True, validators=SMALL.validators())
    extra_paragraphs = models.TextField(_("đoạn bổ sung vào biên bản"), blank=True)
    number = models.CharField(_("số biên bản"), max_length=60, blank=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        constraints = [
            *range_checks("meeting", ballots_issued=SMALL, ballots_returned=SMALL, ballots_valid=SMALL),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MeetingAttendance(UnitRow):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("tình trạng"), max_length=12, choices=Attendance.choices, default=Attendance.PRESENT)
    representative = models.CharField(_("người dự"), max_length=160, blank=True)
    representative_title = models.CharField(_("chức vụ"), max_length=160, blank=True)
    absence_reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)

    class Meta(UnitRow.Meta):
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="attendance_once_per_unit")]

    def __str__(self):
        return f"{self.unit}: {self.get_status_display()}"
