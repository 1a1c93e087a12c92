"""The benchmark's timing middleware and trivial page (emulation/bench.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def bench_on(settings):
    settings.BENCH_TIMING = True
    settings.MIDDLEWARE = ["emulation.devtools.bench_views.TimingMiddleware", *settings.MIDDLEWARE]


def test_ping_is_a_404_unless_benchmarking(db):
    client = Client()
    client.force_login(UserFactory())
    response = client.get(reverse("bench_ping"))
    assert response.status_code == 404
    assert "X-Bench-Ms" not in response


def test_ping_needs_a_login(db, bench_on):
    response = Client().get(reverse("bench_ping"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_headers_give_time_cpu_and_the_real_query_count(world, bench_on):
    client = world.client("reviewer_a")
    response = client.get(reverse("bench_ping"))
    assert response.status_code == 200 and response.content == b"ok"
    assert float(response["X-Bench-Ms"]) > 0 and float(response["X-Bench-Cpu-Ms"]) >= 0
    assert response["X-Bench-Queries"] == "2"  # session and user
    url = reverse("blocs:bloc_year_detail", args=[world.bloc_a.pk, 2026])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert int(response["X-Bench-Queries"]) == len(ctx) > 2
