"""Under the Content-Security-Policy (no inline script, handler or eval) the pages' scripts still work and
Chromium reports no violation: the review queue's "select all", the proposal form, the score grid, htmx."""

import pytest
from playwright.sync_api import expect

from blocs.models import Bloc

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"


def _violations(page):
    found = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_select_all_works_and_no_page_breaks_the_policy(page, demo):
    violations = _violations(page)
    bloc = Bloc.objects.get(name=SEVEN)
    login(page, "thuky")
    for path in (f"/khoi/{bloc.pk}/nam/2017/cham-diem/", f"/khoi/{bloc.pk}/nam/2017/de-nghi/them/",
                 f"/khoi/{bloc.pk}/nam/2017/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Đăng xuất").click()
    login(page, "banthidua")
    page.goto("/khen-thuong/tham-dinh/?nam=2017")
    boxes = page.locator("#queue-table tbody input[name=ids]")
    assert boxes.count() > 0
    page.get_by_role("checkbox", name="Chọn tất cả").check()
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    # After htmx swaps the table in (a bulk action refused for want of a reason), it still works.
    page.get_by_role("button", name="Trả lại các đề nghị đã chọn").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("checkbox", name="Chọn tất cả").uncheck()
    for i in range(boxes.count()):
        expect(boxes.nth(i)).not_to_be_checked()
    assert violations == []
