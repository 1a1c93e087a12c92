"""Batch print: all the pledges of an organiser's year as one PDF, rendered by a task worker.

The web request records a ``PrintJob`` row and enqueues ``render_pledge_batch`` (Django's Tasks API, the
database backend: ``manage.py db_worker`` runs it, on any host); it starts no thread. The worker composes
the documents, runs WeasyPrint one document at a time and writes its progress and a heartbeat to the row,
so any web process answers the progress polls; the finished PDF goes to ``default_storage``. At most one
WeasyPrint run per worker process: the number of workers bounds them.

A job whose worker was killed stops beating: the first poll (or the next batch started) after
``JOB_STALE_SECONDS`` queues it again, up to ``JOB_MAX_ATTEMPTS`` runs, then marks it failed
with a Vietnamese message; it is never left running. Jobs older than a day are removed with their PDF.
Only the user who started a job may see it.
"""

import datetime
import logging
import re
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from awards.documents.models import PrintJob
from awards.documents.pledge_doc import compose_pledge, pledge_bloc_years
from blocs.models import BlocYear
from emulation.lib import jobs, pdf

logger = logging.getLogger(__name__)

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
KEEP_FOR = datetime.timedelta(days=1)
QUEUED, RUNNING, DONE, FAILED = PrintJob.Status.values
FOLDER = "print-jobs"


class NoDocuments(ValueError):
    pass


def _batch(organizer_id, year):
    """The bloc-years of the batch, in the order of the printed PDF."""
    return BlocYear.objects.filter(bloc__organizer_id=organizer_id, year=year).order_by("bloc__sort_key", "bloc__pk")


def start_pledge_batch(user, organizer, year) -> PrintJob:
    """Record a batch print of every pledge of ``organizer`` in ``year`` and enqueue its rendering."""
    names = list(_batch(organizer.pk, year).values_list("bloc__name", flat=True))
    if not names:
        raise NoDocuments(_("%(org)s không có khối, cụm nào trong năm %(year)s.") % {"org": organizer.name, "year": year})
    _cleanup()
    recover_stale()
    job = PrintJob.objects.create(user=user, organizer=organizer, organizer_name=organizer.name, year=year,
                                  blocs=names, total=len(names))
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job):
    jobs.enqueue(job, render_pledge_batch)


def read(job_id, user):
    """The job if it exists and belongs to ``user`` (a stale one re-queued or failed first); else None."""
    if not JOB_ID.match(job_id or ""):
        return None
    job = PrintJob.objects.filter(pk=job_id, user=user).first()
    if job is not None and job.status == RUNNING and recover_stale(job_id=job.pk):
        job.refresh_from_db()
    return job


def _requeue(job):
    PrintJob.objects.filter(pk=job.pk).update(done=0)
    _enqueue(job)


def recover_stale(*, job_id=None) -> int:
    """Queue again, or mark failed, the running jobs whose worker stopped beating. Returns how many."""
    return jobs.recover_stale(
        PrintJob.objects.filter(pk=job_id) if job_id else PrintJob.objects.all(),
        stale_seconds=settings.JOB_STALE_SECONDS, max_attempts=settings.JOB_MAX_ATTEMPTS,
        requeue=_requeue, interrupted=_("Tiến trình in bị gián đoạn (tiến trình nền dừng đột ngột). Vui lòng in lại."))


def _cleanup():
    for job in PrintJob.objects.filter(created__lt=timezone.now() - KEEP_FOR).exclude(status__in=[QUEUED, RUNNING]):
        if job.file:
            default_storage.delete(job.file)
        job.delete()


@task()
def render_pledge_batch(job_id: str, attempt: int) -> str:
    """The task: compose and render the pledges of the job, store the PDF, record the outcome."""
    if not jobs.claim(PrintJob, job_id, attempt, done=0):
        return "skipped"
    job = PrintJob.objects.get(pk=job_id)
    started = time.perf_counter()
    try:
        cache = {}
        htmls = []
        for bloc_year in pledge_bloc_years(_batch(job.organizer_id, job.year)):
            htmls.append(render_to_string("pdf/document.html", {"doc": compose_pledge(bloc_year, legal_bases=cache)}))
            jobs.beat(PrintJob, job_id, attempt)
        if not htmls:
            raise NoDocuments(job_id)
        with jobs.beating(PrintJob, job_id, attempt, every=settings.JOB_STALE_SECONDS / 4):
            data = pdf.render_documents(
                htmls, progress=lambda done, total: jobs.beat(PrintJob, job_id, attempt, done=done, total=total))
        name = default_storage.save(f"{FOLDER}/{job_id}.pdf", ContentFile(data))
    except jobs.JobTakenAway:
        return "taken-away"
    except Exception:  # noqa: BLE001 - the job records the failure for the user; the log keeps the trace
        logger.exception("In hàng loạt %s thất bại", job_id)
        jobs.finish(PrintJob, job_id, attempt, status=FAILED, seconds=round(time.perf_counter() - started, 2),
                    error=_("Không tạo được tệp PDF. Vui lòng thử lại hoặc báo quản trị hệ thống."))
        raise
    if not jobs.finish(PrintJob, job_id, attempt, file=name, done=F("total"), seconds=round(time.perf_counter() - started, 2)):
        default_storage.delete(name)  # queued again meanwhile: the newer run writes its own
        return "taken-away"
    return name


def open_pdf(job):
    """The finished PDF of ``job`` from default_storage, or None."""
    if job.status != DONE or not job.file or not default_storage.exists(job.file):
        return None
    return default_storage.open(job.file, "rb")
