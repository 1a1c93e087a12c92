"""Excel import of individuals in Chromium: a file with a bad row creates nothing and names the
row; the corrected file creates the 24 individuals of the 7-province cluster's 2017 year."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from awards.models import Proposal
from awards.proposals.imports import IMPORT_COLUMNS
from blocs.models import Bloc

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _file(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(IMPORT_COLUMNS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def test_secretary_imports_24_individuals_after_fixing_a_bad_row(page, demo, tmp_path):
    bloc = Bloc.objects.get(name__startswith="Cụm thi đua 7 tỉnh")
    rows = [[f"Nguyễn Văn Thành Viên {i + 1}", "Chuyên viên", "Sở Nội vụ tỉnh Tuyên Quang", "Nam", 1970 + i,
             "Bằng khen của Chủ tịch UBND tỉnh", "Thành tích xuất sắc trong hoạt động Cụm thi đua năm 2017"] for i in range(24)]
    bad = [list(r) for r in rows]
    bad[4][5] = "Huy chương"
    login(page, "thuky")
    page.goto(f"/khoi/{bloc.pk}/nam/2017/de-nghi/")
    page.get_by_role("link", name="Nhập cá nhân từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(_file(tmp_path / "loi.xlsx", bad))
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator("#import-errors")).to_contain_text("Dòng 6: hình thức “Huy chương” không có trong danh mục.")
    assert not Proposal.objects.filter(person_name__startswith="Nguyễn Văn Thành Viên").exists()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(_file(tmp_path / "dung.xlsx", rows))
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 24 cá nhân được đề nghị.")
    expect(page.locator("#individuals tbody tr").filter(has_text="Nguyễn Văn Thành Viên")).to_have_count(24)
    # one by one: the form shows only the individual's fields
    page.get_by_role("link", name="Thêm cá nhân").click()
    expect(page.get_by_label("Họ và tên")).to_be_visible()
    expect(page.get_by_label("Tập thể", exact=True)).to_be_hidden()
    expect(page.locator("#id_award_type option", has_text="Cờ thi đua của Chính phủ")).to_be_disabled()
    page.get_by_label("Đối tượng").select_option("collective")
    expect(page.get_by_label("Họ và tên")).to_be_hidden()
    expect(page.locator("#id_award_type option", has_text="Cờ thi đua của Chính phủ")).to_be_enabled()
