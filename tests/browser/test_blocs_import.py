"""A secretary pastes a list of unit names, resolves the unmatched row, and confirms."""

import pytest
from playwright.sync_api import expect

from blocs.models import Bloc, BlocMember, Unit
from emulation.devtools.demo.core import SEVEN

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_bulk_adds_members_with_preview(page, demo):
    bloc = Bloc.objects.get(name=SEVEN)
    by = bloc.years.get(year=2018)
    before = BlocMember.objects.count()
    login(page, "thuky")
    page.goto(f"/khoi/{bloc.pk}/nam/2018/")
    page.get_by_role("link", name="Thêm nhiều đơn vị (dán danh sách, Excel)").click()
    page.get_by_label("Dán danh sách tên đơn vị (mỗi dòng một đơn vị)").fill("lào cai\nLang So\nYên Bái")
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_test_id("unmatched-count")).to_contain_text("1 dòng cần bạn chọn")
    assert BlocMember.objects.count() == before  # nothing written before confirming
    rows = page.locator("#preview tbody tr")
    expect(rows.nth(0)).to_contain_text("Khớp")
    expect(rows.nth(2)).to_contain_text("Đã là thành viên")
    # Row 2 ("Lang So") has suggestions in its select; the secretary searches with the keyboard instead.
    lang_son = Unit.objects.get(kind="province", name="Lạng Sơn")
    search = page.get_by_label("Tìm đơn vị khác cho dòng 2")
    search.press_sequentially("lạng sơn")
    option = page.get_by_role("listbox").get_by_role("option", name="Lạng Sơn")
    expect(option).to_be_visible()
    search.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page.get_by_label("Đơn vị dòng 2")).to_have_value(str(lang_son.pk))
    page.get_by_role("button", name="Xác nhận thêm").click()
    report = page.get_by_test_id("import-report")
    expect(report.get_by_test_id("count-added")).to_have_text("Đã thêm 2 đơn vị")
    expect(report.get_by_test_id("count-already")).to_contain_text("1 dòng đã có trong danh sách")
    expect(report.locator("#report tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Về trang năm 2018").click()
    expect(page.locator("#members tbody tr")).to_have_count(9)
    assert set(by.members.values_list("unit__name", flat=True)) >= {"Lào Cai", "Lạng Sơn"}
