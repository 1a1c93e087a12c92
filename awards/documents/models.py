"""A batch print job: its state lives in the database so that every web process and host reads it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_job_id():
    return uuid.uuid4().hex


class PrintJob(models.Model):
    """One batch print (all the pledges of an organiser's year as one PDF), rendered by a task worker.

    Do not change ``status``, ``done``, ``attempt`` or ``heartbeat`` directly: ``awards.documents.print_jobs``
    moves a job from queued to running to done or failed, and re-queues one whose worker died.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang in")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("thất bại")

    id = models.CharField(primary_key=True, max_length=32, default=new_job_id, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organizer = models.ForeignKey("blocs.Organizer", on_delete=models.CASCADE, related_name="+")
    organizer_name = models.CharField(max_length=255)
    year = models.PositiveIntegerField()
    blocs = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Each run of the task carries its attempt number: a run that lost the job (re-queued) stops writing.
    attempt = models.PositiveSmallIntegerField(default=1)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=500, blank=True)
    file = models.CharField(max_length=255, blank=True)  # name in default_storage
    created = models.DateTimeField(auto_now_add=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "heartbeat"], name="printjob_status_heartbeat")]
        verbose_name = _("lượt in hàng loạt")
        verbose_name_plural = _("lượt in hàng loạt")

    def __str__(self):
        return f"{self.organizer_name} {self.year}"

    @property
    def active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self):
        return int(self.done * 100 / self.total) if self.total else 100
