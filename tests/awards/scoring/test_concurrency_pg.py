"""Two secretaries save the same grid at the same moment (two sessions, two database connections):
one save wins, the other is told which cells the other changed; nothing is silently overwritten."""

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from awards.models import Score
from blocs.choices import Role
from tests.factories import UserFactory, grant

from .helpers import leaves, make_table

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_sessions_saving_the_same_cells(world):
    table = make_table(world.by_a, sections=1, per_section=3, bonus=(), penalty=())
    second = grant(UserFactory(username="secretary_a2", first_name="Thư ký thứ hai"), Role.SECRETARY, bloc=world.bloc_a)
    members = list(world.by_a.members.order_by("pk"))
    c1, c2, c3 = leaves(table)
    url = reverse("awards:score_save", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    # Both opened the grid while it was empty (version 0 everywhere).
    payloads = {
        "secretary_a": [{"m": members[0].pk, "c": c1.pk, "v": "7", "ver": 0}, {"m": members[0].pk, "c": c2.pk, "v": "6", "ver": 0}],
        "secretary_a2": [{"m": members[0].pk, "c": c1.pk, "v": "9", "ver": 0}, {"m": members[1].pk, "c": c3.pk, "v": "5", "ver": 0}],
    }
    users = {"secretary_a": world.users["secretary_a"], "secretary_a2": second}
    barrier = threading.Barrier(2)
    answers = {}

    def session(who):
        client = Client()
        client.force_login(users[who])
        barrier.wait()
        try:
            r = client.post(url, json.dumps({"cells": payloads[who]}), content_type="application/json")
            answers[who] = (r.status_code, r.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=session, args=(who,)) for who in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    statuses = sorted(code for code, _ in answers.values())
    assert statuses == [200, 409], answers
    winner = next(who for who, (code, _) in answers.items() if code == 200)
    loser = next(who for who in answers if who != winner)
    conflicts = answers[loser][1]["conflicts"]
    assert [(c["member_id"], c["criterion_id"]) for c in conflicts] == [(members[0].pk, c1.pk)]
    expected_by = "Thư ký thứ hai" if winner == "secretary_a2" else "secretary_a"
    assert conflicts[0]["by"] == expected_by
    # Only the winner's batch is stored; the loser's other cell was not written either.
    stored = {(s.member_id, s.criterion_id): str(s.verified_score) for s in Score.objects.all()}
    assert stored == {(p["m"], p["c"]): f"{p['v']}.00" for p in payloads[winner]}
