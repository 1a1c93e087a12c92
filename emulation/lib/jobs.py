"""Jobs that a task worker runs for a user: their state in the database, never left "running".

A concrete job model inherits ``BackgroundJob``; its task claims the job for one attempt, beats while it
works (``beat`` also writes progress) and finishes or fails it. Every write is conditional on the attempt,
so a run that was thought dead and replaced cannot overwrite its successor. ``recover_stale`` queues
again (or fails, after ``max_attempts`` runs) the running jobs whose worker stopped beating: a worker
killed with SIGKILL, a host that lost power.
"""

import datetime
import logging
import threading
import uuid
from contextlib import contextmanager

from django.db import DatabaseError, connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("đang chờ")
    RUNNING = "running", _("đang chạy")
    DONE = "done", _("đã xong")
    FAILED = "failed", _("thất bại")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def new_job_id():
    """A job's id: unguessable, 32 hex digits (the URLs check the shape)."""
    return uuid.uuid4().hex


class JobTakenAway(Exception):
    """The job was queued again (its run was thought dead) or removed: this run stops quietly."""


class BackgroundJob(models.Model):
    """Do not change ``status``, ``attempt`` or ``heartbeat`` directly: use the functions of this module."""

    status = models.CharField(_("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    # Each run of the task carries its attempt number: a run that lost the job (re-queued) stops writing.
    attempt = models.PositiveSmallIntegerField(_("lần chạy"), default=1)
    task_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    created = models.DateTimeField(_("lúc tạo"), auto_now_add=True)
    heartbeat = models.DateTimeField(_("lần báo gần nhất"), null=True, blank=True)
    seconds = models.FloatField(_("số giây"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def active(self):
        return self.status in ACTIVE


def enqueue(job, task, *args):
    """Enqueue ``task(job.pk, job.attempt, *args)`` and remember its id (an inline backend has run it already)."""
    result = task.enqueue(job.pk, job.attempt, *args)
    type(job).objects.filter(pk=job.pk, attempt=job.attempt, task_id="").update(task_id=str(result.id))


def claim(model, job_id, attempt, **fields) -> bool:
    """Mark the job running for this attempt (and write ``fields``); False when it is no longer this run's."""
    return model.objects.filter(pk=job_id, attempt=attempt, status__in=ACTIVE).update(
        status=JobStatus.RUNNING, heartbeat=timezone.now(), error="", **fields) == 1


def _touch(model, job_id, attempt, **fields) -> bool:
    """Write the heartbeat (and ``fields``) if this run still holds the job."""
    return model.objects.filter(pk=job_id, attempt=attempt, status=JobStatus.RUNNING).update(
        heartbeat=timezone.now(), **fields) == 1


def beat(model, job_id, attempt, **fields):
    """Tell that this run is alive (and write ``fields``, e.g. progress); JobTakenAway if it lost the job."""
    if not _touch(model, job_id, attempt, **fields):
        raise JobTakenAway(job_id)


@contextmanager
def beating(model, job_id, attempt, *, every):
    """Beat every ``every`` seconds from a worker-side thread while a long step runs (one WeasyPrint
    ``write_pdf``, one import transaction), so a slow step is not taken for a dead worker. The thread
    dies with its process: a killed worker still stops beating."""
    stop = threading.Event()

    def run():
        try:
            while not stop.wait(every):
                try:
                    if not _touch(model, job_id, attempt):
                        return
                except DatabaseError:  # SQLite busy with the task's own transaction: try again later
                    logger.warning("%s %s: không ghi được nhịp tim", model.__name__, job_id)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=f"beat-{job_id[:8]}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def finish(model, job_id, attempt, *, status=JobStatus.DONE, **fields) -> bool:
    """Record the outcome of this run; False when the job was taken away meanwhile."""
    return model.objects.filter(pk=job_id, attempt=attempt, status=JobStatus.RUNNING).update(
        status=status, heartbeat=timezone.now(), **fields) == 1


def recover_stale(queryset, *, stale_seconds, max_attempts, requeue, interrupted) -> int:
    """Queue again (``requeue(job)`` with its new attempt) or fail with ``interrupted`` the running jobs of
    ``queryset`` that have not beaten for ``stale_seconds``. Returns how many were recovered."""
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    recovered = 0
    for job in queryset.filter(status=JobStatus.RUNNING, heartbeat__lt=cutoff):
        # The worker that died left its task "running": close it so the task list tells the truth.
        DBTaskResult.objects.filter(id=job.task_id or None, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now())
        mine = type(job).objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempt=job.attempt)
        if job.attempt < max_attempts:
            if mine.update(status=JobStatus.QUEUED, attempt=job.attempt + 1, task_id="", heartbeat=None):
                logger.warning("%s %s: tiến trình nền dừng đột ngột, xếp hàng lại (lần %s)",
                               type(job).__name__, job.pk, job.attempt + 1)
                job.attempt += 1
                requeue(job)
                recovered += 1
        elif mine.update(status=JobStatus.FAILED, error=str(interrupted)):
            recovered += 1
    return recovered
