"""The secretary's free paragraphs of the minutes, and the batch print of an organiser's pledges."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.documents import print_jobs
from awards.models import PrintJob
from blocs.models import AuditEntry, Meeting
from tests.factories import BlocFactory

from .conftest import flat, make_bloc_year, pdf_page_sizes, pdf_text


@pytest.fixture
def meeting(world):
    return Meeting.objects.create(bloc_year=world.by_a, kind="year_end", date=datetime.date(2026, 12, 18), place="Hà Nội")


def _edit_url(world, meeting):
    return reverse("awards:minutes_edit", args=[world.bloc_a.pk, 2026, meeting.pk])


def test_secretary_adds_paragraphs_that_print_in_the_minutes(world, meeting):
    client = world.client("secretary_a")
    page = client.get(_edit_url(world, meeting)).content.decode()
    assert "Các đoạn bổ sung vào biên bản" in page and "THÀNH PHẦN THAM DỰ" in page
    decomposed = unicodedata.normalize("NFD", "Đồng chí Hòa phát biểu về chuyển đổi số.")
    response = client.post(_edit_url(world, meeting), {"number": "05/BB-CTĐ", "extra_paragraphs": f"{decomposed}\r\n\r\nĐoạn hai."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.extra_paragraphs == "Đồng chí Hòa phát biểu về chuyển đổi số.\n\nĐoạn hai."
    entry = AuditEntry.objects.get(action="minutes_text", object_id=str(meeting.pk))
    assert entry.user == world.users["secretary_a"] and entry.bloc_year == world.by_a
    assert entry.changes["number"] == ["", "05/BB-CTĐ"]
    text = flat(pdf_text(client.get(reverse("awards:minutes_pdf", args=[world.bloc_a.pk, 2026, meeting.pk])).content))
    assert "Số: 05/BB-CTĐ" in text
    assert "Đồng chí Hòa phát biểu về chuyển đổi số. Đoạn hai." in text


def test_saving_unchanged_text_records_no_audit_entry(world, meeting):
    client = world.client("secretary_a")
    client.post(_edit_url(world, meeting), {"number": "", "extra_paragraphs": ""})
    assert not AuditEntry.objects.filter(action="minutes_text").exists()


def test_too_long_text_gets_a_vietnamese_error_naming_the_field(world, meeting):
    client = world.client("secretary_a")
    response = client.post(_edit_url(world, meeting), {"number": "", "extra_paragraphs": "a" * 20001})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Các đoạn bổ sung dài 20001 ký tự, vượt quá 20000 ký tự." in page
    meeting.refresh_from_db()
    assert meeting.extra_paragraphs == ""


def test_leader_may_print_but_not_edit_the_minutes(world, meeting):
    client = world.client("leader_a")
    assert client.get(reverse("awards:minutes_pdf", args=[world.bloc_a.pk, 2026, meeting.pk])).status_code == 200
    assert client.post(_edit_url(world, meeting), {"extra_paragraphs": "x"}).status_code == 403


def test_meeting_of_another_bloc_is_not_found(world):
    other = Meeting.objects.create(bloc_year=world.by_b, kind="year_end", date=datetime.date(2026, 12, 18))
    response = world.client("secretary_a").get(reverse("awards:minutes_pdf", args=[world.bloc_a.pk, 2026, other.pk]))
    assert response.status_code == 404


def test_batch_prints_every_pledge_of_the_organiser_in_one_pdf(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_bloc_year(6, year=2026, prefix="Thành viên khối hai")

    second = BlocFactory(organizer=world.org_a, name="Cụm thi đua Z")
    make_bloc_year(3, bloc=second, year=2026, prefix="Thành viên cụm Z")
    client = world.client("reviewer_a")
    form = client.get(reverse("awards:pledge_batch"))
    assert world.org_a.name in form.content.decode() and world.org_b.name not in form.content.decode()
    response = client.post(reverse("awards:pledge_batch"), {"organizer": world.org_a.pk, "year": 2026})
    assert response.status_code == 302
    job_id = response["Location"].rstrip("/").split("/")[-1]
    assert list((tmp_path / "print-jobs").glob("*.pdf"))  # through default_storage
    status = client.get(reverse("awards:pledge_batch_status", args=[job_id]), HTTP_HX_REQUEST="true")
    fragment = status.content.decode()
    assert "Đã in xong 2 bản giao ước" in fragment and "hx-trigger" not in fragment and "<html" not in fragment
    download = client.get(reverse("awards:pledge_batch_download", args=[job_id]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content)
    text = flat(pdf_text(data))
    assert "CỤM THI ĐUA A" in text and "CỤM THI ĐUA Z" in text
    assert "Thành viên cụm Z 03" in text
    assert "Thành viên khối hai" not in text  # another organiser's bloc
    assert len(pdf_page_sizes(data)) >= 4
    # Another user cannot see the job, even a reviewer of the same organiser.
    from tests.factories import UserFactory, grant

    other = grant(UserFactory(username="reviewer_a2"), "reviewer", organizer=world.org_a)
    from django.test import Client

    c = Client()
    c.force_login(other)
    assert c.get(reverse("awards:pledge_batch_status", args=[job_id])).status_code == 404
    assert c.get(reverse("awards:pledge_batch_download", args=[job_id])).status_code == 404


def test_batch_progress_polls_while_running(world):
    job = PrintJob.objects.create(user=world.users["reviewer_a"], organizer=world.org_a, organizer_name="X", year=2026,
                                  blocs=["K"], total=4, done=1, status="running", heartbeat=timezone.now())
    client = world.client("reviewer_a")
    page = client.get(reverse("awards:pledge_batch_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Đang in: 1/4 bản giao ước" in page and 'value="1"' in page
    assert client.get(reverse("awards:pledge_batch_download", args=[job.pk])).status_code == 404


def test_batch_for_a_year_without_blocs_says_so(world):
    response = world.client("reviewer_a").post(reverse("awards:pledge_batch"), {"organizer": world.org_a.pk, "year": 1999})
    assert response.status_code == 200
    assert "không có khối, cụm nào trong năm 1999" in response.content.decode()


def test_batch_of_another_organiser_is_refused(world):
    response = world.client("reviewer_a").post(reverse("awards:pledge_batch"), {"organizer": world.org_b.pk, "year": 2026})
    assert response.status_code == 404
    assert not PrintJob.objects.exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_batch_start_query_count_does_not_grow_with_blocs(world):
    """The request only records and enqueues the job (the worker composes): its queries do not grow."""
    counts = []
    for year, blocs in ((2060, 2), (2061, 8)):
        for i in range(blocs):
            make_bloc_year(5, bloc=BlocFactory(organizer=world.org_a, name=f"Khối {year}-{i}"), year=year,
                           prefix=f"TV {year}-{i}")
        with CaptureQueriesContext(connection) as ctx:
            job = print_jobs.start_pledge_batch(world.users["reviewer_a"], world.org_a, year)
        assert job.status == "queued" and job.total == blocs
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
