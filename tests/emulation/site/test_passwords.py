"""Every user changes their own password; a forgotten one is reset through a link sent by e-mail."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_signed_in_user_changes_their_password(client):
    client.force_login(UserFactory(username="an"))
    page = client.get(reverse("password_change")).content.decode()
    assert "Đổi mật khẩu" in page and "Mật khẩu cũ" in page
    response = client.post(reverse("password_change"), {
        "old_password": "pw-12345", "new_password1": "cay-xanh-2026", "new_password2": "cay-xanh-2026",
    }, follow=True)
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    assert "Đã đổi mật khẩu" in response.content.decode()
    client.logout()
    assert _login(client, "an", "pw-12345").status_code == 200
    assert _login(client, "an", "cay-xanh-2026").status_code == 302


def test_a_wrong_current_password_is_refused_in_vietnamese(client):
    client.force_login(UserFactory(username="an"))
    response = client.post(reverse("password_change"), {
        "old_password": "sai", "new_password1": "cay-xanh-2026", "new_password2": "cay-xanh-2026",
    })
    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.content.decode()


def test_the_menu_offers_the_password_change(client):
    client.force_login(UserFactory(username="an"))
    assert reverse("password_change") in client.get(reverse("home")).content.decode()


def _reset_link(client, email):
    response = client.post(reverse("password_reset"), {"email": email}, follow=True)
    assert "Đã gửi thư" in response.content.decode()
    return response


def test_a_forgotten_password_is_reset_through_the_emailed_link(client):
    UserFactory(username="an", email="an@example.vn")
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    _reset_link(client, "an@example.vn")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.vn"] and "Đặt lại mật khẩu" in message.subject
    assert "Tên đăng nhập của bạn: an" in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "cay-xanh-2026", "new_password2": "cay-xanh-2026",
    }, follow=True)
    assert "Bạn có thể đăng nhập bằng mật khẩu mới." in done.content.decode()
    assert _login(client, "an", "cay-xanh-2026").status_code == 302
    # The link works once.
    assert "không hợp lệ" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    _reset_link(client, "nobody@example.vn")
    assert mail.outbox == []


def test_a_password_reset_lifts_the_lock_of_that_user(client):
    UserFactory(username="an", email="an@example.vn")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "an", "sai")
    assert _login(client, "an", "pw-12345").status_code == 429
    _reset_link(client, "an@example.vn")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "cay-xanh-2026", "new_password2": "cay-xanh-2026"})
    assert _login(client, "an", "cay-xanh-2026").status_code == 302
