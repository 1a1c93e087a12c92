"""Login throttling shared by every process and host: wrong passwords sent alternately to web servers A
and B lock the account after the configured number in total (5), and do not lock another user signing in
from the same address."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes on one PostgreSQL"),
]

PASSWORD = "mot-mat-khau-dai-2026"


def test_wrong_passwords_on_two_servers_count_together(world, settings, cluster):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers check
    for who in ("secretary_a", "secretary_b"):
        user = world.users[who]
        user.set_password(PASSWORD)
        user.save()
    for attempt in range(4):  # two on each server: no server alone has seen five
        base = cluster.a if attempt % 2 == 0 else cluster.b
        _, status, url, body = cluster.login(base, "secretary_a", "sai-mat-khau")
        assert status == 200 and "/dang-nhap/" in url and "khóa" not in body.lower(), (attempt, status, cluster.logs())
    _, status, _, body = cluster.login(cluster.b, "secretary_a", "sai-mat-khau")  # the fifth, in total
    assert status == 429 and "khóa" in body.lower()
    _, status, _, body = cluster.login(cluster.a, "secretary_a", PASSWORD)  # even the right password, on A
    assert status == 429, cluster.logs()
    _, status, url, _ = cluster.login(cluster.b, "secretary_b", PASSWORD)  # another user, same address
    assert status == 200 and "/dang-nhap/" not in url, cluster.logs()
