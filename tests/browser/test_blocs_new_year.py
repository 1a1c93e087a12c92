"""A secretary starts 2018 from 2017 for the 7-province cluster, adds the pledge and records a meeting."""

import pytest
from playwright.sync_api import expect

from blocs.models import Bloc, BlocYear, Meeting, Pledge
from emulation.devtools.demo.core import SEVEN
from tests.factories import purge_bloc_year

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_starts_2018_with_deputy_succeeding_then_pledge_and_meeting(page, demo):
    bloc = Bloc.objects.get(name=SEVEN)
    purge_bloc_year(BlocYear.objects.get(bloc=bloc, year=2018))  # as before the conference of 22/03/2018

    login(page, "thuky")
    page.goto(f"/khoi/{bloc.pk}/")
    page.get_by_role("link", name="Mở năm mới").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mở năm 2018")
    year = page.locator("#id_year")
    year.fill("2019")  # the heading and the button follow the year typed
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mở năm 2019")
    expect(page.get_by_test_id("confirm")).to_have_text("Xác nhận mở năm 2019")
    year.fill("2018")
    expect(page.get_by_test_id("confirm")).to_have_text("Xác nhận mở năm 2018")
    expect(page.get_by_test_id("proposed-leader")).to_have_text("Hòa Bình")
    expect(page.get_by_test_id("proposal")).to_contain_text("Hòa Bình (phó năm 2017) được đề xuất làm trưởng năm 2018")
    expect(page.locator("#units input[type=checkbox]:checked")).to_have_count(7)
    leader = page.get_by_label("Trưởng khối/Cụm trưởng")
    expect(leader.locator("option:checked")).to_have_text("Hòa Bình")
    deputy = page.get_by_label("Phó trưởng khối/Cụm phó")
    expect(deputy.locator("option")).to_have_count(8)  # "— không có —" and the seven members, not every unit

    # The unit picker, keyboard only: Lào Cai is considered, then left out again.
    search = page.get_by_label("Thêm đơn vị")
    search.press_sequentially("lao c")
    expect(page.get_by_role("listbox").get_by_role("option", name="Lào Cai")).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    search.press("ArrowDown")
    search.press("ArrowUp")
    expect(page.get_by_role("listbox").get_by_role("option", name="Lào Cai")).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    lao_cai = page.get_by_role("checkbox", name="Lào Cai")
    expect(lao_cai).to_be_checked()
    expect(search).to_have_value("")
    expect(deputy.locator("option", has_text="Lào Cai")).to_have_count(1)  # now a possible deputy
    search.press_sequentially("hoa binh")  # already chosen: not offered twice
    expect(page.get_by_role("listbox")).to_have_text("Không tìm thấy đơn vị nào khớp.")
    search.press("Escape")
    expect(search).to_have_attribute("aria-expanded", "false")
    search.fill("")
    lao_cai.focus()
    page.keyboard.press("Space")
    expect(lao_cai).not_to_be_checked()
    expect(page.locator("#units input[type=checkbox]:checked")).to_have_count(7)

    deputy.select_option(label="Yên Bái")
    page.get_by_label("Căn cứ (biên bản, quyết định)").fill(
        "Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm")
    page.get_by_label("Ngày văn bản").fill("2018-03-22")
    page.get_by_role("button", name="Xác nhận mở năm 2018").click()

    expect(page.get_by_text("Đã mở năm 2018")).to_be_visible()
    expect(page.get_by_test_id("leader")).to_have_text("Hòa Bình")
    expect(page.get_by_test_id("deputy")).to_have_text("Yên Bái")
    expect(page.get_by_test_id("basis")).to_contain_text("ngày 22/03/2018")
    expect(page.locator("#members tbody tr")).to_have_count(7)

    # The pledge with three commitments.
    page.get_by_role("link", name="Bản giao ước thi đua", exact=True).click()
    page.get_by_label("Địa điểm ký").fill("Tuyên Quang")
    page.get_by_label("Ngày ký").fill("2018-03-22")
    page.get_by_role("button", name="Lưu thông tin chung").click()
    expect(page.get_by_text("Đã lưu thông tin bản giao ước.")).to_be_visible()
    for text in [
        "Thi đua thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội năm 2018",
        "Đẩy mạnh cải cách hành chính, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
        "Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến",
    ]:
        page.locator("#id_noi-dung-text").fill(text)
        page.get_by_role("button", name="Thêm nội dung").click()
        expect(page.get_by_text("Đã thêm nội dung giao ước.")).to_be_visible()
    expect(page.get_by_test_id("noi-dung-item")).to_have_count(3)
    expect(page.get_by_test_id("noi-dung-item").first).to_contain_text("Thi đua thực hiện thắng lợi")

    # A meeting with attendance.
    page.get_by_role("link", name="Năm 2018").click()
    page.get_by_role("link", name="Ghi hội nghị").click()
    page.get_by_label("Loại hội nghị").select_option(label="Hội nghị phát động, ký giao ước")
    page.locator("#id_meeting-date").fill("2018-03-22")
    page.locator("#id_meeting-place").fill("Tỉnh Tuyên Quang")
    row = page.locator('#attendance tr[data-unit="Bắc Kạn"]')
    row.locator("select").select_option("represented")
    row.locator("input[name$=-representative]").fill("Phó Chủ tịch UBND tỉnh Bắc Kạn")
    absent = page.locator('#attendance tr[data-unit="Bắc Giang"]')
    absent.locator("select").select_option("absent")
    absent.locator("input[name$=-absence_reason]").fill("Bận công tác")
    page.get_by_role("button", name="Lưu hội nghị").click()
    expect(page.get_by_test_id("attendance-summary")).to_have_text("Có mặt 5 · Cử người dự thay 1 · Vắng 1")

    # A unit joins during the year: picked with the keyboard (type, Enter to pick, Enter to submit).
    page.get_by_role("link", name="Năm 2018").click()
    unit = page.get_by_role("combobox", name="Đơn vị:", exact=True)
    unit.press_sequentially("lang son")
    expect(page.get_by_role("listbox").get_by_role("option", name="Lạng Sơn")).to_be_visible()
    unit.press("Enter")
    expect(unit).to_have_value("Lạng Sơn")
    unit.press("Enter")
    expect(page.get_by_text("Đã thêm Lạng Sơn.")).to_be_visible()
    expect(page.locator("#members tbody tr")).to_have_count(8)

    y2018 = BlocYear.objects.get(bloc=bloc, year=2018)
    assert y2018.members.filter(unit__name="Lạng Sơn", role="member").exists()
    assert y2018.members.get(role="leader").unit.name == "Hòa Bình"
    assert y2018.members.get(role="deputy").unit.name == "Yên Bái"
    assert Pledge.objects.get(bloc_year=y2018).commitments.count() == 3
    meeting = Meeting.objects.get(bloc_year=y2018)
    assert meeting.attendance.get(unit__name="Bắc Kạn").representative == "Phó Chủ tịch UBND tỉnh Bắc Kạn"
