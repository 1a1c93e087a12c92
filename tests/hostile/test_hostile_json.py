"""The score grid's JSON endpoint with hostile values: a 4xx with a Vietnamese message, nothing saved."""

import json

import pytest
from django.urls import reverse

from awards.models import Score
from blocs.audit.models import AuditEntry
from tests.awards.scoring.helpers import leaves, make_table

from .test_hostile_input import HOSTILE

pytestmark = pytest.mark.django_db


def test_hostile_cells_are_refused_and_nothing_is_saved(world):
    table = make_table(world.by_a, sections=1, per_section=2, bonus=(), penalty=())
    member = world.by_a.members.order_by("pk").first()
    leaf = leaves(table)[0]
    url = reverse("awards:score_save", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    client = world.client("secretary_a")
    good = {"m": member.pk, "c": leaf.pk, "v": "5", "ver": 0}
    bad_cells = [{**good, "v": v} for v in HOSTILE if v.strip() not in ("", "-1")]
    bad_cells += [{**good, key: v} for key in ("m", "c", "ver") for v in ("9" * 400, "abc", -5, 1.5, None, [], {})]
    bad_cells += [{**good, "n": "a\x00b"}, {**good, "n": "x" * 10_000}]
    before = (Score.objects.count(), AuditEntry.objects.count())
    for cell in bad_cells:
        for payload in ({"cells": [cell]}, {"cells": [good], "table_version": cell.get("v")}):
            answer = client.post(url, json.dumps(payload), content_type="application/json")
            assert 400 <= answer.status_code < 500, (cell, answer.status_code)
            assert answer.json()["message"], cell
    for raw in (b"{", b"[]", b'"x"', b"null", b'{"cells": 5}', b'{"cells": [5]}'):
        answer = client.post(url, raw, content_type="application/json")
        assert answer.status_code == 400 and "không đúng định dạng" in answer.json()["message"]
    assert (Score.objects.count(), AuditEntry.objects.count()) == before
