"""Hostile-file figures for ``make bench`` (scripts/bench.py reads ``ACTIONS``): the time the running
server takes to refuse a zip bomb and a 100,000-row workbook posted to the score import (target: < 2 s;
both are refused from the zip directory and the first rows, never inflated)."""

import re

from django.urls import reverse

from emulation.devtools.bench_scoring import (
    IMPORT_CRITERIA,
    IMPORT_UNITS,
    _bench_bloc_year,
    _multipart,
    _secretary_client,
)
from emulation.devtools.hostile_files import many_rows, zip_bomb

_files = {}


def _refusal(make, marker):
    def action(client, ctx):
        if marker not in _files:
            _files[marker] = make().getvalue()
        by = _bench_bloc_year(ctx["bloc_year"], "Khối thử tải nhập Excel", IMPORT_UNITS, IMPORT_CRITERIA)
        other = _secretary_client(client, by.bloc)
        url = reverse("awards:scores_import", kwargs={"bloc_id": by.bloc_id, "year": by.year})
        _status, _headers, page, _seconds = other.get(url)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body, content_type = _multipart("file", "hostile.xlsx", _files[marker])
        status, headers, content, seconds = other.request(
            url, data=body, headers={"Content-Type": content_type, "X-CSRFToken": token.group(1).decode() if token else ""})
        refused = marker.encode() in content
        return (status if status >= 400 or refused else 500), headers, content, seconds
    return action


ACTIONS = [
    ("Từ chối tệp zip bomb (1 GB giải nén)", _refusal(lambda: zip_bomb(1000), "vượt giới hạn")),
    ("Từ chối tệp 100.000 dòng", _refusal(lambda: many_rows(100_000), "dòng mỗi lần")),
]
