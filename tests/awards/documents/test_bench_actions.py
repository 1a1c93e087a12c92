"""The PDF figures ``make bench`` collects (emulation.devtools.bench_documents) work against a real server's URLs."""

import datetime

from blocs.models import Meeting

from .conftest import make_bloc_year


class _Adapter:
    """The bench's tiny HTTP client interface on top of Django's test client."""

    def __init__(self, client):
        self.client = client

    def get(self, path):
        response = self.client.get(path)
        return response.status_code, response.headers, response.content, 0.0


def test_bench_actions_render_pdfs(world):
    from emulation.devtools.bench_documents import ACTIONS

    actions = dict(ACTIONS)
    assert "Xuất PDF" in actions and "PDF giao ước 40 đơn vị (WeasyPrint)" in actions
    by = make_bloc_year(12, bloc=world.bloc_a, year=2033)
    Meeting.objects.create(bloc_year=by, kind="ranking", date=datetime.date(2033, 12, 1))
    client = _Adapter(world.client("admin"))
    for label in ("Xuất PDF", "Xuất PDF biên bản"):
        status, headers, body, _ = actions[label](client, {"bloc_year": by})
        assert status == 200 and body.startswith(b"%PDF"), label
    status, headers, _, seconds = actions["PDF giao ước 40 đơn vị (WeasyPrint)"](client, {"bloc_year": by})
    assert status == 200 and float(headers["X-Bench-Ms"]) > 0


def test_synthetic_pledge_has_forty_signatures_three_per_row():
    from emulation.devtools.documents_bench import synthetic_pledge

    doc = synthetic_pledge(40)
    assert sum(len(row) for row in doc.grid) == 40 and {len(row) for row in doc.grid[:-1]} == {3}
