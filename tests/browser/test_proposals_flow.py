"""The whole path of the 7-province cluster's 2017 proposals in Chromium: the secretary proposes from
the ranking (with the recorded votes), the leader submits, the office returns one with a reason, it
is fixed and resubmitted, the office approves both with a decision number; the timeline shows it."""

import pytest
from playwright.sync_api import expect

from awards.models import Proposal
from blocs.choices import Role
from blocs.models import Bloc, RoleGrant, Unit
from tests.factories import UserFactory

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


@pytest.fixture
def seven_2017(demo):
    bloc = Bloc.objects.get(name=SEVEN)
    by = bloc.years.get(year=2017)
    # Start from the ranking: the demo's already-submitted collective proposals are removed.
    Proposal.objects.filter(bloc_year=by, subject="collective").delete()
    tuyen_quang = by.members.get(role="leader").unit
    leader = UserFactory(username="daidien_tq", first_name="Đại diện UBND tỉnh Tuyên Quang", password="demo-2026")
    RoleGrant.objects.create(user=leader, role=Role.LEADER_REP, unit=tuyen_quang)
    assert Unit.objects.get(pk=tuyen_quang.pk).name == "Tuyên Quang"
    return bloc, by


def test_seven_province_2017_submit_return_resubmit_approve(page, seven_2017, tmp_path):
    bloc, by = seven_2017
    proposals_url = f"/khoi/{bloc.pk}/nam/2017/de-nghi/"

    # 1. The secretary proposes from the ranking in one click.
    login(page, "thuky")
    page.goto(proposals_url)
    expect(page.locator("#ranking")).to_contain_text("Phú Thọ")
    page.get_by_role("button", name="Đề nghị theo kết quả xếp hạng").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo 2 đề nghị")
    rows = page.locator("#collectives tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Phú Thọ")).to_contain_text("Cờ thi đua của Chính phủ")
    expect(rows.filter(has_text="Phú Thọ")).to_contain_text("7/7")
    expect(rows.filter(has_text="Tuyên Quang")).to_contain_text("Bằng khen của Thủ tướng Chính phủ")
    expect(rows.filter(has_text="Tuyên Quang")).to_contain_text("7/7")
    page.get_by_role("link", name="Phú Thọ").click()
    expect(page.locator("#checks")).to_contain_text("dẫn đầu xếp hạng của khối")
    expect(page.locator("#vote-evidence")).to_contain_text("Số liệu minh họa")
    logout(page)

    # 2. The leader unit's representative submits both.
    login(page, "daidien_tq")
    for name in ["Phú Thọ", "Tuyên Quang"]:
        page.goto(proposals_url)
        page.locator("#collectives").get_by_role("link", name=name).click()
        page.get_by_role("button", name="Gửi đề nghị").click()
        expect(page.locator(".messages")).to_contain_text("Đã gửi đề nghị")
        expect(page.get_by_test_id("status")).to_have_text("Đã gửi")
    logout(page)

    # 3. The office returns Tuyên Quang's with a reason.
    login(page, "banthidua")
    expect(page.get_by_test_id("unread")).to_have_text("2")
    page.goto("/khen-thuong/tham-dinh/?nam=2017")
    expect(page.locator("#queue-table tbody tr").filter(has_text="Cụm thi đua 7 tỉnh")).to_have_count(2)
    page.locator("#queue-table").get_by_role("link", name="Tuyên Quang").click()
    page.get_by_label("Lý do").fill("Bổ sung báo cáo thành tích của tỉnh Tuyên Quang")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("Trả lại")
    logout(page)

    # 4. The secretary sees the return, fixes the proposal and resubmits.
    login(page, "thuky")
    expect(page.get_by_test_id("unread")).to_have_text("1")
    page.get_by_role("link", name="Thông báo").click()
    page.get_by_role("link", name="Bổ sung báo cáo thành tích").click()
    expect(page.get_by_test_id("return-reason")).to_contain_text("Bổ sung báo cáo thành tích")
    report = tmp_path / "Báo cáo thành tích Tuyên Quang.pdf"
    report.write_bytes(b"%PDF-1.4\n% bao cao thanh tich\n")
    page.locator("#attachments select").select_option("report")
    page.locator("#attachments input[type=file]").set_input_files(str(report))
    page.get_by_role("button", name="Tải lên").click()
    expect(page.locator("#attachments")).to_contain_text("Báo cáo thành tích Tuyên Quang.pdf")
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.get_by_label("Thành tích, lý do đề nghị").fill("Xếp thứ Nhì Cụm thi đua năm 2017; đã bổ sung báo cáo thành tích.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu đề nghị.")
    page.get_by_role("button", name="Gửi lại").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã gửi")
    logout(page)

    # 5. The office approves both at once with a decision number (htmx bulk action).
    login(page, "banthidua")
    page.goto("/khen-thuong/tham-dinh/?nam=2017")
    for name in ["Phú Thọ", "Tuyên Quang"]:
        page.get_by_role("checkbox", name=f"Chọn {name}").check()
    page.get_by_label("Số quyết định").fill("456/QĐ-TTg")
    page.get_by_label("Ngày quyết định").fill("2018-06-15")
    page.get_by_role("button", name="Duyệt các đề nghị đã chọn").click()
    expect(page.locator("#queue .messages")).to_contain_text("Đã duyệt 2 đề nghị.")
    expect(page.locator("#queue-table tbody tr").filter(has_text="Cụm thi đua 7 tỉnh")).to_have_count(0)

    # 6. The timeline shows each step; the approved proposal is frozen.
    page.goto("/khen-thuong/tham-dinh/?nam=2017&trang_thai=approved")
    page.locator("#queue-table").get_by_role("link", name="Tuyên Quang").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã duyệt")
    expect(page.get_by_test_id("decision")).to_contain_text("456/QĐ-TTg ngày 15/06/2018")
    steps = page.locator("#timeline li")
    expect(steps).to_have_count(5)
    for i, label in enumerate(["Dự thảo", "Đã gửi", "Trả lại", "Đã gửi", "Đã duyệt"]):
        expect(steps.nth(i)).to_contain_text(label)
    expect(steps.nth(1)).to_contain_text("Đại diện UBND tỉnh Tuyên Quang")
    expect(steps.nth(2)).to_contain_text("Bổ sung báo cáo thành tích")
    expect(page.get_by_role("button", name="Duyệt")).to_have_count(0)
    phu_tho = Proposal.objects.get(bloc_year=by, unit__name="Phú Thọ")
    assert phu_tho.status == "approved" and phu_tho.decision_number == "456/QĐ-TTg"
