"""PDF figures for ``make bench`` (scripts/bench.py reads ``ACTIONS``).

Each action returns what ``Client.get`` returns: (status, headers, body, seconds); the server's own
time is in the ``X-Bench-Ms`` header. The in-process ones time WeasyPrint (and LibreOffice on the
same document as .docx, when it is installed) on a synthetic 40-member bloc (``emulation.devtools.documents_bench``).
"""

import time

from django.urls import reverse

from awards.documents.docx import build_docx
from blocs.models import Meeting
from emulation.devtools.documents_bench import (
    convert_with_libreoffice,
    libreoffice,
    render_weasyprint,
    synthetic_minutes,
    synthetic_pledge,
)


def _pledge(client, ctx):
    by = ctx["bloc_year"]
    return client.get(reverse("awards:pledge_pdf", args=[by.bloc_id, by.year]))


def _minutes(client, ctx):
    by = ctx["bloc_year"]
    meeting = Meeting.objects.filter(bloc_year=by).order_by("-date", "-pk").first()
    if meeting is None:
        return 404, {}, b"", 0.0
    return client.get(reverse("awards:minutes_pdf", args=[by.bloc_id, by.year, meeting.pk]))


def _in_process(make):
    def action(client, ctx):
        doc = make()
        started = time.perf_counter()
        render_weasyprint(doc)
        seconds = time.perf_counter() - started
        return 200, {"X-Bench-Ms": f"{seconds * 1000:.2f}"}, b"", seconds
    return action


def _libreoffice(make):
    def action(client, ctx):
        seconds = convert_with_libreoffice(build_docx(make()))
        return 200, {"X-Bench-Ms": f"{seconds * 1000:.2f}"}, b"", seconds
    return action


def _actions():
    actions = [
        ("Xuất PDF", _pledge),
        ("Xuất PDF biên bản", _minutes),
        ("PDF giao ước 40 đơn vị (WeasyPrint)", _in_process(synthetic_pledge)),
        ("PDF biên bản 40 đơn vị (WeasyPrint)", _in_process(synthetic_minutes)),
    ]
    if libreoffice():
        actions += [
            ("Giao ước 40 đơn vị .docx → PDF (LibreOffice)", _libreoffice(synthetic_pledge)),
            ("Biên bản 40 đơn vị .docx → PDF (LibreOffice)", _libreoffice(synthetic_minutes)),
        ]
    return actions


ACTIONS = _actions()
