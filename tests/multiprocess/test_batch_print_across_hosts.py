"""A batch print started on web server A is followed and downloaded on web server B, rendered by a task
worker that is killed in the middle of the job and restarted: the job finishes, it never hangs."""

import time

import pytest
from django.db import connection

from awards.models import PrintJob
from tests.awards.documents.conftest import flat, make_bloc_year, pdf_text
from tests.factories import BlocFactory

from .conftest import state_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes on one PostgreSQL"),
]

PLEDGES = 30
PASSWORD = "mot-mat-khau-dai-2026"


def _poll(cluster, session, url, until, timeout=240):
    """Poll the progress fragment through one server until ``until(state)``; the states seen on the way."""
    seen = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status, _, body = session.request(url, headers={"HX-Request": "true"})
        assert status == 200, body[:500]
        seen.append(state_of(body.decode()))
        if until(seen[-1]):
            return seen
        time.sleep(0.3)
    pytest.fail(f"Lượt in không xong sau {timeout} giây: {seen[-5:]}\n{cluster.logs()}")


def test_batch_print_survives_a_killed_worker_and_is_read_on_another_server(world, settings, cluster):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers check
    reviewer = world.users["reviewer_a"]
    reviewer.set_password(PASSWORD)
    reviewer.save()
    for i in range(PLEDGES - 1):  # the world's own bloc is the 30th
        make_bloc_year(3, bloc=BlocFactory(organizer=world.org_a, name=f"Cụm thi đua số {i + 1:02d}"), year=2026,
                       prefix=f"Đơn vị cụm {i + 1:02d}")

    session, status, url, _ = cluster.login(cluster.a, "reviewer_a", PASSWORD)
    assert status == 200 and "/dang-nhap/" not in url, cluster.logs()
    status, url, body = session.request(f"{cluster.a}/khoi/van-ban/in-giao-uoc/",
                                        {"organizer": world.org_a.pk, "year": 2026, "csrfmiddlewaretoken": session.csrf()})
    assert status == 200 and "/in-giao-uoc/" in url, body[:500]
    job_id = url.rstrip("/").split("/")[-1]
    progress_on_b = f"{cluster.b}/khoi/van-ban/in-giao-uoc/{job_id}/"

    # Server B shows the worker's progress; the worker dies mid-job (SIGKILL) and another one starts.
    seen = _poll(cluster, session, progress_on_b, lambda s: s[0] == "running" and s[1] >= 2)
    cluster.kill_worker()
    assert PrintJob.objects.get(pk=job_id).done < PLEDGES
    cluster.start_worker()
    seen += _poll(cluster, session, progress_on_b, lambda s: s[0] in ("done", "failed"))
    job = PrintJob.objects.get(pk=job_id)
    assert job.status == "done", (job.error, seen[-5:], cluster.logs())
    assert job.attempt == 2  # queued again after its worker went silent
    assert ("queued", 0, PLEDGES) in seen  # B showed it waiting for a worker again

    status, _, data = session.request(f"{progress_on_b}tai-ve/")
    assert status == 200 and data.startswith(b"%PDF")
    text = flat(pdf_text(data))
    assert "CỤM THI ĐUA A" in text and "CỤM THI ĐUA SỐ 29" in text
    for process in cluster.processes.values():
        assert process.poll() is None  # both servers and the new worker still up
