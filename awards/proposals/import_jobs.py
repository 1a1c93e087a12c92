"""A large Excel import of individuals runs as a task: the request stores the file and returns at once.

Above ``settings.IMPORT_TASK_MIN_BYTES`` the upload goes to ``default_storage`` and ``run_individuals_import``
(a task of the database queue, run by ``manage.py db_worker`` on any host) imports it with the same
all-or-nothing rule as a small file (``imports.individuals_import``); the bad rows are kept on the job for
the status page. The import and the job's outcome commit together, so a run that was thought dead and
replaced rolls its import back instead of importing twice. Only the user who started a job may see it.
"""

import logging
import re
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from awards.proposals import imports
from awards.proposals.models import ImportJob
from emulation.lib import jobs, sheets
from emulation.lib.text import nfc

logger = logging.getLogger(__name__)

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
FOLDER = "imports"


def runs_in_background(upload) -> bool:
    return upload.size > settings.IMPORT_TASK_MIN_BYTES


def individuals_import_start(*, bloc_year, user, upload) -> ImportJob:
    """Store the upload and enqueue its import. Side effects: a file in default_storage, an ImportJob row.

    The file's bounds (size, zip expansion, rows) are checked here, in the request, by the same bounded
    reader the import uses: a hostile file is refused at once (``ValidationError``) and never queued."""
    sheets.open_workbook(upload, max_rows=imports.IMPORT_MAX_ROWS, header_rows=1)
    upload.seek(0)
    job = ImportJob(bloc_year=bloc_year, user=user, original_name=nfc(upload.name or "")[:255])
    job.file = default_storage.save(f"{FOLDER}/{job.pk}.xlsx", upload)
    job.save()
    jobs.enqueue(job, run_individuals_import)
    job.refresh_from_db()
    return job


def recent_import_jobs(*, bloc_year, user, limit=5):
    """The latest background imports of ``user`` on ``bloc_year`` (the import page links their status pages)."""
    return list(ImportJob.objects.filter(bloc_year=bloc_year, user=user).order_by("-created")[:limit])


def import_job_for(*, bloc_year, user, job_id):
    """The job of ``user`` on ``bloc_year`` (a stale one re-queued or failed first), or None."""
    if not JOB_ID.match(job_id or ""):
        return None
    job = ImportJob.objects.filter(pk=job_id, bloc_year=bloc_year, user=user).first()
    if job is not None and job.status == jobs.JobStatus.RUNNING and jobs.recover_stale(
            ImportJob.objects.filter(pk=job.pk), stale_seconds=settings.JOB_STALE_SECONDS,
            max_attempts=settings.JOB_MAX_ATTEMPTS, requeue=lambda j: jobs.enqueue(j, run_individuals_import),
            interrupted=_("Việc nhập bị gián đoạn (tiến trình nền dừng đột ngột); chưa dòng nào được nhập. Vui lòng nhập lại.")):
        job.refresh_from_db()
    return job


@task()
def run_individuals_import(job_id: str, attempt: int) -> int:
    """The task: import the stored file, record how many proposals were created or which rows were bad."""
    if not jobs.claim(ImportJob, job_id, attempt):
        return 0
    job = ImportJob.objects.select_related("bloc_year", "user").get(pk=job_id)
    started = time.perf_counter()
    created = []
    try:
        with (jobs.beating(ImportJob, job_id, attempt, every=settings.JOB_STALE_SECONDS / 4),
              transaction.atomic(), default_storage.open(job.file, "rb") as stored):
            created = imports.individuals_import(bloc_year=job.bloc_year, user=job.user, upload=stored)
            if not jobs.finish(ImportJob, job_id, attempt, created_count=len(created),
                               seconds=round(time.perf_counter() - started, 2)):
                raise jobs.JobTakenAway(job_id)  # rolls the import back: the newer run imports
    except jobs.JobTakenAway:
        return 0
    except ValidationError as exc:
        jobs.finish(ImportJob, job_id, attempt, status=jobs.JobStatus.FAILED, row_errors=exc.messages[:500],
                    error=_("Chưa nhập: tệp có lỗi"), seconds=round(time.perf_counter() - started, 2))
    except Exception:  # noqa: BLE001 - the job records the failure for the user; the log keeps the trace
        logger.exception("Nhập Excel %s thất bại", job_id)
        jobs.finish(ImportJob, job_id, attempt, status=jobs.JobStatus.FAILED,
                    error=_("Không nhập được tệp. Vui lòng thử lại hoặc báo quản trị hệ thống."))
        raise
    finally:
        if ImportJob.objects.filter(pk=job_id, status__in=[jobs.JobStatus.DONE, jobs.JobStatus.FAILED]).exists():
            default_storage.delete(job.file)
    return len(created)
