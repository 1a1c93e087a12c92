"""Wrong passwords lock one username from one address (django-axes, counted in the database)."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from blocs.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/dang-nhap/"


def _login(client, username, password, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _fail_until_locked(client, username, **headers):
    responses = [_login(client, username, "sai", **headers) for _ in range(settings.LOGIN_MAX_FAILURES)]
    return responses[:-1], responses[-1]


def test_the_limit_is_the_projects_setting():
    assert settings.AXES_FAILURE_LIMIT == settings.LOGIN_MAX_FAILURES
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_wrong_passwords_lock_the_account_after_the_configured_number(client):
    UserFactory(username="an")
    before, last = _fail_until_locked(client, "an")
    assert all(r.status_code == 200 and "mật khẩu không đúng" in r.content.decode() for r in before)
    assert last.status_code == 429
    # Locked: even the right password is refused now.
    response = _login(client, "an", "pw-12345")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_is_vietnamese(client):
    UserFactory(username="an")
    _, last = _fail_until_locked(client, "an")
    page = last.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert f"sai mật khẩu {settings.LOGIN_MAX_FAILURES} lần" in page
    assert f"{settings.LOGIN_LOCKOUT_SECONDS // 60} phút" in page
    assert last["Content-Language"] == "vi"


def test_another_user_from_the_same_address_is_not_locked(client):
    UserFactory(username="an")
    UserFactory(username="binh")
    _fail_until_locked(client, "an")
    response = _login(client, "binh", "pw-12345")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_forwarded_for_header_is_ignored_unless_configured(client):
    # By default the address is REMOTE_ADDR: a client cannot dodge the lock by inventing addresses.
    UserFactory(username="an")
    _fail_until_locked(client, "an", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert _login(client, "an", "pw-12345", HTTP_X_FORWARDED_FOR="10.2.2.2").status_code == 429


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_the_trusted_proxy_header_gives_the_address(client):
    # Behind the proxy every request comes from one REMOTE_ADDR; the proxy's right-most entry tells them apart.
    UserFactory(username="an")
    _fail_until_locked(client, "an", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1")
    assert _login(client, "an", "pw-12345", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1").status_code == 429
    # Same user from another office: not locked; a forged left-hand entry does not matter.
    response = _login(client, "an", "pw-12345", HTTP_X_FORWARDED_FOR="10.0.0.1, 10.0.0.2")
    assert response.status_code == 302


def test_the_administrator_sees_and_unlocks_a_locked_login(client):
    UserFactory(username="an")
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    _fail_until_locked(client, "an")
    admin_client = type(client)()
    admin_client.force_login(admin)
    page = admin_client.get(reverse("locked_logins"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "an</td><td>127.0.0.1</td>" in html and "Mở khóa" in html
    attempt_id = page.context["locks"][0].attempt_id
    response = admin_client.post(reverse("unlock_login", args=[attempt_id]), follow=True)
    assert "Đã mở khóa đăng nhập." in response.content.decode()
    assert "Không có tài khoản nào đang bị khóa." in response.content.decode()
    assert AuditEntry.objects.filter(action="login_unlock", object_repr="an", user=admin).exists()
    assert _login(client, "an", "pw-12345").status_code == 302


def test_the_locked_logins_page_reads_in_few_queries(client, django_assert_max_num_queries):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    for name in ("an", "binh", "chi"):
        UserFactory(username=name)
        _fail_until_locked(client, name)
    client.force_login(admin)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("locked_logins"))
    assert len(page.context["locks"]) == 3


def test_only_administrators_reach_the_unlock_pages(client):
    UserFactory(username="an")
    _fail_until_locked(client, "an")
    client.force_login(UserFactory(username="thuky"))
    assert client.get(reverse("locked_logins")).status_code == 403
    assert client.post(reverse("unlock_login", args=[1])).status_code == 403
    client.logout()
    assert _login(client, "an", "pw-12345").status_code == 429
