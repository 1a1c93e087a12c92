"""The unit picker degrades gracefully: with JavaScript off a secretary types the unit's name."""

import pytest
from playwright.sync_api import expect

from blocs.models import Bloc
from emulation.devtools.demo.core import SEVEN

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


def test_member_added_by_typing_its_name_without_javascript(page_without_js, demo):
    page = page_without_js
    bloc = Bloc.objects.get(name=SEVEN)
    login(page, "thuky")
    page.goto(f"/khoi/{bloc.pk}/nam/2018/")
    box = page.get_by_label("Đơn vị:", exact=True)
    expect(box).to_have_attribute("name", "member-unit_text")  # a plain text box, posted as is
    box.fill("Lang Sơn Xyz")
    page.get_by_role("button", name="Thêm thành viên").click()
    expect(page.get_by_text("Không tìm thấy đơn vị “Lang Sơn Xyz”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý.")).to_be_visible()
    page.get_by_label("Đơn vị:", exact=True).fill("lang son")
    page.get_by_role("button", name="Thêm thành viên").click()
    expect(page.get_by_text("Đã thêm Lạng Sơn.")).to_be_visible()
    assert bloc.years.get(year=2018).members.filter(unit__name="Lạng Sơn").exists()


def test_typed_text_and_enter_search_instead_of_submitting(page, demo):
    bloc = Bloc.objects.get(name=SEVEN)
    login(page, "thuky")
    page.goto(f"/khoi/{bloc.pk}/nam/2018/")
    box = page.get_by_role("combobox", name="Đơn vị:", exact=True)
    box.fill("lào cai")
    box.press("Enter")  # nothing picked yet: Enter opens the list, it does not post the form
    expect(page.get_by_role("listbox").get_by_role("option", name="Lào Cai")).to_be_visible()
    expect(page.get_by_text("Đã thêm Lào Cai.")).to_have_count(0)
    assert not bloc.years.get(year=2018).members.filter(unit__name="Lào Cai").exists()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    box.press("ArrowDown")  # reopens
    expect(page.get_by_role("listbox").get_by_role("option", name="Lào Cai")).to_have_attribute("aria-selected", "true")
    box.press("Enter")  # picks
    expect(page.get_by_role("listbox")).to_be_hidden()
    box.press("Enter")  # submits
    expect(page.get_by_text("Đã thêm Lào Cai.")).to_be_visible()
