import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_logs_in_and_reaches_the_seven_province_cluster(page, demo):
    login(page, "thuky")
    expect(page.get_by_text("Xin chào")).to_be_visible()
    page.get_by_role("link", name="Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cụm thi đua 7 tỉnh")
    page.get_by_role("link", name="2018", exact=True).first.click()
    expect(page.get_by_test_id("leader")).to_have_text("Hòa Bình")
    expect(page.get_by_test_id("deputy")).to_have_text("Yên Bái")
    expect(page.locator("#members tbody tr")).to_have_count(7)
