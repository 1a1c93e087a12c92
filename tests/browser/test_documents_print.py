"""Printing the official documents from the browser (Chromium): pledge, minutes with paragraphs, batch."""

import re

import pytest
from playwright.sync_api import expect

from tests.awards.documents.conftest import flat, pdf_text

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"


def _open_year(page, year):
    page.get_by_role("link", name=SEVEN).first.click()
    page.get_by_role("link", name=str(year), exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEVEN)


def _download(page, locator, tmp_path, name):
    with page.expect_download() as info:
        locator.click()
    path = tmp_path / name
    info.value.save_as(path)
    return path.read_bytes()


def test_secretary_prints_the_pledge_from_the_bloc_year_page(page, demo, tmp_path):
    login(page, "thuky")
    _open_year(page, 2018)
    data = _download(page, page.get_by_test_id("print-pledge"), tmp_path, "giao-uoc.pdf")
    assert data.startswith(b"%PDF")
    text = flat(pdf_text(data))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BẢN GIAO ƯỚC THI ĐUA NĂM 2018" in text
    for name in ["Bắc Kạn", "Bắc Giang", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"]:
        assert name in text


def test_secretary_adds_a_paragraph_then_prints_the_minutes(page, demo, tmp_path):
    login(page, "thuky")
    _open_year(page, 2017)
    page.get_by_role("link", name="Văn bản: giao ước, biên bản, tờ trình").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Văn bản")
    page.get_by_role("link", name="Bổ sung nội dung").first.click()
    page.get_by_label("Các đoạn bổ sung vào biên bản").fill("Đại diện tỉnh Bắc Kạn phát biểu chia sẻ kinh nghiệm.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu nội dung biên bản.")).to_be_visible()
    data = _download(page, page.locator("[data-testid^=print-minutes-]").first, tmp_path, "bien-ban.pdf")
    text = flat(pdf_text(data))
    assert "BIÊN BẢN" in text and "Đại diện tỉnh Bắc Kạn phát biểu chia sẻ kinh nghiệm." in text


def test_reviewer_batch_prints_the_organisers_pledges_with_progress(page, demo, tmp_path):
    login(page, "banthidua")
    _open_year(page, 2018)
    page.get_by_role("link", name="Văn bản: giao ước, biên bản, tờ trình").click()
    page.get_by_role("link", name=re.compile("In tất cả giao ước")).click()
    expect(page.get_by_label("Năm")).to_have_value("2018")
    page.get_by_role("button", name="Bắt đầu in").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_test_id("batch-state")).to_contain_text("Đã in xong 1 bản giao ước", timeout=30000)
    data = _download(page, page.get_by_test_id("batch-download"), tmp_path, "giao-uoc-hang-loat.pdf")
    assert "BẢN GIAO ƯỚC THI ĐUA NĂM 2018" in flat(pdf_text(data))
