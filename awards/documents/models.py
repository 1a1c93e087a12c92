"""A batch print job: its state lives in the database so that every web process and host reads it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.lib.jobs import BackgroundJob, JobStatus, new_job_id


class PrintJob(BackgroundJob):
    """One batch print (all the pledges of an organiser's year as one PDF), rendered by a task worker.

    ``awards.documents.print_jobs`` moves it from queued to running to done or failed (emulation/lib/jobs.py).
    """

    Status = JobStatus

    id = models.CharField(_("mã"), primary_key=True, max_length=32, default=new_job_id, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người dùng"))
    organizer = models.ForeignKey("blocs.Organizer", on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan tổ chức"))
    organizer_name = models.CharField(_("tên cơ quan tổ chức"), max_length=255)
    year = models.PositiveIntegerField(_("năm"))
    blocs = models.JSONField(_("khối, cụm"), default=list)
    total = models.PositiveIntegerField(_("tổng số bản"), default=0)
    done = models.PositiveIntegerField(_("số bản đã in"), default=0)
    file = models.CharField(_("tệp"), max_length=255, blank=True)  # name in default_storage

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "heartbeat"], name="printjob_status_heartbeat")]
        verbose_name = _("lượt in hàng loạt")
        verbose_name_plural = _("lượt in hàng loạt")

    def __str__(self):
        return f"{self.organizer_name} {self.year}"

    @property
    def percent(self):
        return int(self.done * 100 / self.total) if self.total else 100
