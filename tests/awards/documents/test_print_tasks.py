"""Batch printing as a task: progress in the database, failures recorded, a dead worker's job never left running."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from awards.documents import print_jobs
from awards.models import PrintJob
from emulation.lib import pdf
from tests.factories import BlocFactory

from .conftest import make_bloc_year

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_tasks(settings):
    """The database backend instead of the inline one (through the settings fixture, which restores it last)."""
    settings.TASKS = DB_TASKS


def _status_page(world, job):
    return world.client("reviewer_a").get(reverse("awards:pledge_batch_status", args=[job.pk])).content.decode()


def _stale_job(world, *, attempt, task_id=""):
    return PrintJob.objects.create(
        user=world.users["reviewer_a"], organizer=world.org_a, organizer_name=world.org_a.name, year=2026,
        blocs=["Cụm thi đua A"], total=1, done=0, status="running", attempt=attempt, task_id=task_id,
        heartbeat=timezone.now() - datetime.timedelta(hours=1))


def test_progress_is_written_to_the_database_while_the_worker_renders(world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_bloc_year(3, bloc=BlocFactory(organizer=world.org_a, name="Cụm thi đua B"), year=2026, prefix="TV B")
    seen = []

    def render(htmls, progress):
        for i in range(len(htmls)):
            progress(i + 1, len(htmls))
            job = PrintJob.objects.get()  # what another web process would read now
            seen.append((job.status, job.done, job.total))
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(pdf, "render_documents", render)
    job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, 2026)
    assert seen == [("running", 1, 2), ("running", 2, 2)]
    assert job.status == "done" and job.done == 2 and job.seconds is not None
    assert (tmp_path / job.file).read_bytes() == b"%PDF-1.7 fake"


def test_a_failed_render_is_recorded_with_a_vietnamese_message(world, monkeypatch):
    def broken(htmls, progress):
        raise OSError("hết bộ nhớ")

    monkeypatch.setattr(pdf, "render_documents", broken)
    job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, 2026)
    assert job.status == "failed" and job.file == ""
    page = _status_page(world, job)
    assert "Không tạo được tệp PDF. Vui lòng thử lại" in page and "every 1s" not in page
    assert world.client("reviewer_a").get(reverse("awards:pledge_batch_download", args=[job.pk])).status_code == 404


def test_a_job_whose_worker_died_is_queued_again_and_finishes(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOB_MAX_ATTEMPTS = 2
    job = _stale_job(world, attempt=1)
    page = _status_page(world, job)  # the poll notices the silent worker; the task runs inline here
    job.refresh_from_db()
    assert job.status == "done" and job.attempt == 2 and "Đã in xong 1 bản giao ước" in page


def test_a_job_whose_worker_died_too_often_fails_with_its_message(world, settings):
    settings.JOB_MAX_ATTEMPTS = 2
    job = _stale_job(world, attempt=2)
    page = _status_page(world, job)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Tiến trình in bị gián đoạn" in page and "every 1s" not in page


def test_a_run_that_lost_its_job_stops_without_writing(world):
    job = _stale_job(world, attempt=2)
    job.heartbeat = timezone.now()
    job.save()
    assert print_jobs.render_pledge_batch.call(job.pk, 1) == "skipped"
    job.refresh_from_db()
    assert job.status == "running" and job.attempt == 2


def test_a_running_job_with_a_recent_heartbeat_is_left_alone(world, settings):
    job = _stale_job(world, attempt=1)
    job.heartbeat = timezone.now()
    job.save()
    assert print_jobs.recover_stale() == 0
    assert "Đang in: 0/1" in _status_page(world, job)


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_job(world, settings, tmp_path, db_tasks):
    settings.MEDIA_ROOT = tmp_path
    job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, 2026)
    assert job.status == "queued" and job.task_id
    assert "Đang chờ tiến trình nền" in _status_page(world, job)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.done == 1
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL
    download = world.client("reviewer_a").get(reverse("awards:pledge_batch_download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_the_task_of_a_dead_worker_is_closed_when_its_job_is_queued_again(world, settings, db_tasks):
    settings.JOB_MAX_ATTEMPTS = 3
    job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, 2026)
    dead = job.task_id
    DBTaskResult.objects.filter(id=dead).update(status=TaskResultStatus.RUNNING)  # claimed, then SIGKILL
    PrintJob.objects.filter(pk=job.pk).update(status="running", heartbeat=timezone.now() - datetime.timedelta(hours=1))
    assert print_jobs.recover_stale() == 1
    job.refresh_from_db()
    assert job.status == "queued" and job.attempt == 2 and job.task_id != dead
    assert DBTaskResult.objects.get(id=dead).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_long_render_without_progress_still_beats_and_is_not_taken_for_dead(world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOB_STALE_SECONDS = 3  # a beat every 0.75 s from the worker's heartbeat thread
    observed = {}

    def slow_render(htmls, progress):  # one long step (as write_pdf of a large batch), no progress calls
        first = PrintJob.objects.get().heartbeat
        time.sleep(2.5)
        observed["advanced"] = PrintJob.objects.get().heartbeat > first
        observed["recovered"] = print_jobs.recover_stale()
        return b"%PDF-1.7 slow"

    monkeypatch.setattr(pdf, "render_documents", slow_render)
    job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, 2026)
    assert observed == {"advanced": True, "recovered": 0}, (job.status, job.error, job.total)
    assert job.status == "done" and job.attempt == 1
