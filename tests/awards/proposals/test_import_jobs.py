"""A large Excel import runs as a task: the request stores the file and returns; the status page follows it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards.choices import Subject
from awards.models import ImportJob, Proposal

from .test_prepare import _by_url, _xlsx

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_tasks(settings):
    """The database backend instead of the inline one (through the settings fixture, which restores it last)."""
    settings.TASKS = DB_TASKS


def _rows(n):
    return [[f"Nguyễn Văn Cá Nhân {i}", "Chuyên viên", "Sở Nội vụ tỉnh Tuyên Quang", "Nam", 1975 + i,
             "Bằng khen của Chủ tịch UBND tỉnh", "Thành tích xuất sắc năm 2026"] for i in range(n)]


@pytest.fixture
def large(settings, tmp_path):
    settings.IMPORT_TASK_MIN_BYTES = 0  # every file is "large"
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_large_import_runs_as_a_task_and_its_page_reports_it(world, large):
    client = world.client("secretary_a")
    response = client.post(_by_url(world, "proposal_import"), {"file": _xlsx(_rows(12))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/nhap-excel/{job.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập 12 cá nhân được đề nghị." in page and "every 1s" not in page
    assert Proposal.objects.filter(bloc_year=world.by_a, subject=Subject.INDIVIDUAL).count() == 12
    assert not list((large / "imports").iterdir())  # the stored upload is removed once read


def test_a_large_import_with_bad_rows_creates_nothing_and_lists_them(world, large):
    rows = _rows(3) + [["", "Chuyên viên", "Sở Nội vụ", "Nam", 1980, "Bằng khen của Chủ tịch UBND tỉnh", ""]]
    response = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(rows)})
    page = world.client("secretary_a").get(response["Location"]).content.decode()
    assert "Chưa nhập: tệp có lỗi" in page and "Dòng 5: thiếu họ và tên." in page
    assert not Proposal.objects.exists()


def test_another_user_cannot_follow_the_import(world, large):
    response = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(_rows(1))})
    assert world.client("admin").get(response["Location"]).status_code == 404


def test_a_small_import_stays_in_the_request(world, settings):
    settings.IMPORT_TASK_MIN_BYTES = 10 * 1024 * 1024
    response = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(_rows(2))})
    assert response.status_code == 302 and not ImportJob.objects.exists()


def test_an_import_whose_worker_died_too_often_fails_with_its_message(world, settings):
    settings.JOB_MAX_ATTEMPTS = 1
    job = ImportJob.objects.create(bloc_year=world.by_a, user=world.users["secretary_a"], original_name="ds.xlsx",
                                   status="running", heartbeat=timezone.now() - datetime.timedelta(hours=1))
    url = reverse("awards:proposal_import_status", args=[world.bloc_a.pk, 2026, job.pk])
    page = world.client("secretary_a").get(url).content.decode()
    assert "Việc nhập bị gián đoạn" in page and "every 1s" not in page


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_import(world, large, db_tasks):
    client = world.client("secretary_a")
    response = client.post(_by_url(world, "proposal_import"), {"file": _xlsx(_rows(5))})
    assert "Đang chờ tiến trình nền" in client.get(response["Location"]).content.decode()
    assert not Proposal.objects.exists()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    assert "Đã nhập 5 cá nhân" in client.get(response["Location"]).content.decode()
    assert Proposal.objects.count() == 5


def test_the_import_page_links_the_users_recent_background_imports(world, large):
    client = world.client("secretary_a")
    response = client.post(_by_url(world, "proposal_import"), {"file": _xlsx(_rows(2))})
    page = client.get(_by_url(world, "proposal_import")).content.decode()
    assert f'href="{response["Location"]}"' in page and "ds.xlsx" in page and "đã xong (2 đề nghị)" in page
    assert "ds.xlsx" not in world.client("admin").get(_by_url(world, "proposal_import")).content.decode()
