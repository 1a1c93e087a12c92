from django.urls import reverse

from tests.factories import UserFactory


def test_login_page_is_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_wrong_password_shows_a_vietnamese_error(client, db):
    UserFactory(username="an")
    response = client.post(reverse("login"), {"username": "an", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_successful_login_lands_on_home_with_a_greeting(client, db):
    UserFactory(username="cuc")
    response = client.post(reverse("login"), {"username": "cuc", "password": "pw-12345"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Xin chào" in response.content.decode()


def test_top_menu_opens_the_latest_year_of_the_users_blocs(client, demo):
    # The cluster's last recorded year is 2018: the menu must not open an empty list of this year.
    client.post(reverse("login"), {"username": "thuky", "password": "demo-2026"})
    page = client.get(reverse("home")).content.decode()
    assert f'{reverse("blocs:bloc_list")}?year=2018">Năm 2018<' in page


def test_a_user_without_blocs_gets_this_years_menu(client, db):
    from django.utils import timezone

    UserFactory(username="chi", password="pw-12345")
    client.post(reverse("login"), {"username": "chi", "password": "pw-12345"})
    year = timezone.localdate().year
    assert f"?year={year}\">Năm {year}<" in client.get(reverse("home")).content.decode()
