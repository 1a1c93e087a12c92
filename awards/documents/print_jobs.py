"""Batch print: all the pledges of an organiser's year as one PDF, rendered in a background thread.

The request composes every document (the database work, a fixed number of queries) and hands the
HTML to a thread that only runs WeasyPrint, so the thread never touches the database. The job's
state lives in a small JSON file in ``settings.DOCUMENT_JOBS_DIR`` (any worker process can answer the
progress polls); the finished PDF sits next to it. Jobs older than a day are removed when a new one
starts. Only the user who started a job may see it.
"""

import datetime
import json
import logging
import os
import re
import threading
import time
import uuid

from django.template.loader import render_to_string
from django.utils import timezone

from awards.documents.pledge_doc import compose_pledge, pledge_bloc_years
from blocs.models import BlocYear
from emulation.lib import pdf

logger = logging.getLogger(__name__)

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
KEEP_FOR = datetime.timedelta(days=1)
# A running job whose state has not moved for this long lost its thread (worker restarted).
STALE_AFTER = datetime.timedelta(minutes=10)
RUNNING, DONE, FAILED = "running", "done", "failed"
_threads = {}
_lock = threading.Lock()


class NoDocuments(ValueError):
    pass


def _status_path(job_id):
    return pdf.jobs_dir() / f"{job_id}.json"


def pdf_path(job_id):
    return pdf.jobs_dir() / f"{job_id}.pdf"


def _write(job):
    path = _status_path(job["id"])
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def read(job_id, user):
    """The job's state if it exists and belongs to ``user``; else None."""
    if not JOB_ID.match(job_id or ""):
        return None
    try:
        job = json.loads(_status_path(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if job.get("user_id") != user.pk:
        return None
    if job["status"] == RUNNING:
        age = time.time() - _status_path(job_id).stat().st_mtime
        if age > STALE_AFTER.total_seconds():
            job["status"] = FAILED
            job["error"] = "Tiến trình in bị gián đoạn (máy chủ khởi động lại). Vui lòng in lại."
    return job


def _cleanup():
    limit = time.time() - KEEP_FOR.total_seconds()
    for path in pdf.jobs_dir().glob("*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def start_pledge_batch(user, organizer, year):
    """Compose the pledges of every bloc of ``organizer`` in ``year`` and start rendering them."""
    bloc_years = list(pledge_bloc_years(
        BlocYear.objects.filter(bloc__organizer=organizer, year=year).order_by("bloc__sort_key", "bloc__pk")
    ))
    if not bloc_years:
        raise NoDocuments(f"{organizer.name} không có khối, cụm nào trong năm {year}.")
    cache = {}
    htmls = [render_to_string("pdf/document.html", {"doc": compose_pledge(by, legal_bases=cache)}) for by in bloc_years]
    _cleanup()
    job = {
        "id": uuid.uuid4().hex,
        "user_id": user.pk,
        "kind": "pledges",
        "organizer_id": organizer.pk,
        "organizer": organizer.name,
        "year": year,
        "blocs": [by.bloc.name for by in bloc_years],
        "total": len(htmls),
        "done": 0,
        "status": RUNNING,
        "error": "",
        "created": timezone.now().isoformat(),
        "seconds": None,
    }
    _write(job)
    thread = threading.Thread(target=_run, args=(dict(job), htmls), name=f"print-{job['id'][:8]}", daemon=True)
    with _lock:
        _threads[job["id"]] = thread
    thread.start()
    return job


def _run(job, htmls):
    started = time.perf_counter()
    try:
        def progress(done, total):
            job["done"] = done
            _write(job)

        data = pdf.render_documents(htmls, progress=progress)
        target = pdf_path(job["id"])
        tmp = target.with_suffix(".pdf.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        job["status"] = DONE
    except Exception:  # noqa: BLE001 - the job records the failure for the user; the log keeps the trace
        logger.exception("In hàng loạt %s thất bại", job["id"])
        job["status"] = FAILED
        job["error"] = "Không tạo được tệp PDF. Vui lòng thử lại hoặc báo quản trị hệ thống."
    job["seconds"] = round(time.perf_counter() - started, 2)
    _write(job)
    with _lock:
        _threads.pop(job["id"], None)


def wait(job_id, timeout=60):
    """Wait for a job's thread (tests and the benchmark)."""
    with _lock:
        thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)
