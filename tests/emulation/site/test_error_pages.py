"""Error pages speak Vietnamese, in the app's layout: a user who follows an old link, or opens a page
outside their scope, is told what happened and how to go on."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory
from django.views import defaults

from blocs.models import Bloc


def _client(username, **kwargs):
    client = Client(**kwargs)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _assert_vietnamese_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="vi">' in html
    assert f"<h1>{heading}</h1>" in html
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF"):
        assert english not in html
    return html


@pytest.mark.parametrize("url", ["/khong-co-trang-nay/", "/khoi/999999/"])
def test_a_missing_page_is_a_vietnamese_404_with_the_navigation(demo, url):
    html = _assert_vietnamese_page(_client("thuky").get(url), 404, "Không tìm thấy trang")
    assert 'class="mainnav"' in html and 'href="/"' in html


def test_a_bloc_outside_the_users_scope_is_the_same_404(demo):
    from emulation.devtools.demo.core import SEVEN

    other = Bloc.objects.exclude(name=SEVEN).first()
    _assert_vietnamese_page(_client("thuky").get(f"/khoi/{other.pk}/"), 404, "Không tìm thấy trang")


def test_a_page_the_user_may_not_open_is_a_vietnamese_403(demo):
    _assert_vietnamese_page(_client("thuky").get("/khoi/sap-xep-2025/"), 403, "Không có quyền truy cập")
    _assert_vietnamese_page(_client("truongkhoi").get("/khen-thuong/tham-dinh/"), 403, "Không có quyền truy cập")


def test_an_expired_form_is_explained_in_vietnamese(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "thuky", "password": "demo-2026"})
    _assert_vietnamese_page(response, 403, "Phiên làm việc đã hết hạn")


def test_server_and_request_errors_are_vietnamese(db):
    request = RequestFactory().get("/")
    _assert_vietnamese_page(defaults.server_error(request), 500, "Lỗi hệ thống")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    _assert_vietnamese_page(defaults.bad_request(request, BadRequest()), 400, "Yêu cầu không hợp lệ")


def test_a_nul_character_is_a_vietnamese_400_in_the_users_layout(demo):
    """The NUL refusal (emulation/site/middleware.py) answers inside the signed-in user's layout, with the
    headers of every page of theirs: no-store and the Content-Security-Policy."""
    response = _client("thuky").get("/khoi/", {"q": "a\x00b"})
    html = _assert_vietnamese_page(response, 400, "Yêu cầu không hợp lệ")
    assert "(NUL)" in html and 'class="mainnav"' in html
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
