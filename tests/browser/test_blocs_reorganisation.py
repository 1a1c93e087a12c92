"""The administrator records a 2025 merge with the unit pickers, keyboard only."""

import datetime

import pytest
from playwright.sync_api import expect

from blocs.models import AuditEntry, Unit
from tests.factories import UnitFactory

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_merges_two_departments_picking_units_with_the_keyboard(page, demo):
    province = Unit.objects.get(kind="province", name="Tuyên Quang", valid_to__isnull=True).province
    plan = UnitFactory(name="Sở Kế hoạch và Đầu tư tỉnh Tuyên Quang", province=province)
    science = UnitFactory(name="Sở Khoa học và Công nghệ tỉnh Tuyên Quang", province=province)
    finance = UnitFactory(name="Sở Tài chính tỉnh Tuyên Quang", province=province)
    login(page, "admin")
    page.goto("/khoi/sap-xep-2025/")

    merged = page.get_by_role("combobox", name="Các đơn vị bị sáp nhập")
    merged.press_sequentially("ke hoach va dau tu tinh tuyen")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    merged.press("Enter")
    expect(page.get_by_role("checkbox", name="Sở Kế hoạch và Đầu tư tỉnh Tuyên Quang")).to_be_checked()
    # Two departments of science: Cao Bằng's comes first; the arrow key moves to Tuyên Quang's.
    merged.press_sequentially("sở khoa học")
    wanted = page.get_by_role("listbox").get_by_role("option", name="Sở Khoa học và Công nghệ tỉnh Tuyên Quang")
    expect(wanted).to_have_attribute("aria-selected", "false")
    merged.press("ArrowDown")
    expect(wanted).to_have_attribute("aria-selected", "true")
    merged.press("Enter")
    expect(page.get_by_role("checkbox", name="Sở Khoa học và Công nghệ tỉnh Tuyên Quang")).to_be_checked()

    into = page.get_by_role("combobox", name="Sáp nhập vào đơn vị")
    into.press_sequentially("tai chinh tinh tuyen")
    expect(page.get_by_role("listbox").get_by_role("option", name="Sở Tài chính tỉnh Tuyên Quang")).to_be_visible()
    into.press("Enter")
    expect(into).to_have_value("Sở Tài chính tỉnh Tuyên Quang")
    page.get_by_label("Ngày có hiệu lực").fill("2025-03-01")
    page.get_by_role("button", name="Ghi nhận sáp nhập").click()

    expect(page.get_by_text("Đã ghi nhận 2 đơn vị sáp nhập vào Sở Tài chính tỉnh Tuyên Quang từ ngày 01/03/2025.")).to_be_visible()
    for unit in (plan, science):
        unit.refresh_from_db()
        assert unit.successor == finance and unit.valid_to == datetime.date(2025, 2, 28)
    assert AuditEntry.objects.filter(action="unit_merge").count() >= 2
