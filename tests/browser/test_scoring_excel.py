"""Uploading scores from Excel: a file with one bad row is refused naming the row and nothing is saved;
the corrected file is previewed, confirmed, and changes the ranking."""

import io

import pytest
from playwright.sync_api import expect

from awards.models import Score
from awards.scoring import services as svc
from awards.scoring.excel import template as xl
from blocs.choices import Role
from tests.awards.scoring.helpers import fill, make_table
from tests.factories import BlocFactory, UserFactory, bloc_year_with_members, grant

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def scored(db):
    bloc = BlocFactory(name="Khối thi đua nhập Excel")
    by = bloc_year_with_members(7, bloc=bloc, year=2026)
    table = make_table(by, sections=2, per_section=5, bonus=(), penalty=())
    members = list(by.members.select_related("unit").in_display_order())
    fill(table, members, lambda i, c: 9 - i)  # the first member leads
    user = grant(UserFactory(username="thuky-excel"), Role.SECRETARY, bloc=bloc)
    svc.ranking_compute(bloc_year=by, user=user)
    return by, members


def _file(by, edit):
    wb = xl.template_workbook(by)
    edit(wb[xl.SHEET])
    out = io.BytesIO()
    wb.save(out)
    return {"name": "cham-diem.xlsx", "mimeType": XLSX, "buffer": out.getvalue()}


def test_upload_with_one_bad_row_then_the_corrected_file(page, scored):
    by, members = scored
    last = members[-1]
    before = list(Score.objects.order_by("pk").values_list("verified_score", flat=True))
    login(page, "thuky-excel", "pw-12345")
    page.goto(f"/khoi/{by.bloc_id}/nam/{by.year}/xep-hang/")
    expect(page.locator("#ranking-table tbody tr").first).to_contain_text(members[0].unit.name)
    page.get_by_role("link", name="Bảng chấm điểm").click()
    page.get_by_role("link", name="Nhập từ Excel").click()

    def raise_last(ws, bad=False):
        row = xl.FIRST_ROW + len(members) - 1
        assert ws.cell(row=row, column=2).value == last.unit.name
        for col in range(4, 4 + 20, 2):  # every verified column of the last unit
            ws.cell(row=row, column=col, value=10)
        if bad:
            ws.cell(row=xl.FIRST_ROW + 2, column=4, value=15)

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(_file(by, lambda ws: raise_last(ws, bad=True)))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("chưa ghi điểm nào")
    expect(errors).to_contain_text(f"Dòng {xl.FIRST_ROW + 2} ({members[2].unit.name}), cột “1 Tiêu chí 1.1 – TĐ”: Vượt điểm tối đa của tiêu chí (10).")
    expect(errors.locator("li")).to_have_count(1)
    assert list(Score.objects.order_by("pk").values_list("verified_score", flat=True)) == before

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(_file(by, raise_last))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator("#import-preview")).to_contain_text("10 ô điểm sẽ thay đổi")
    page.get_by_role("button", name="Xác nhận ghi điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 10 ô điểm")
    first = page.locator("#ranking-table tbody tr").first
    expect(first).to_contain_text(last.unit.name)
    expect(first).to_contain_text("100")
