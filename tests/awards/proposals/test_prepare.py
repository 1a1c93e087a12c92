"""Preparing proposals: one click from the ranking, one by one, Excel import, attachments, votes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from awards.choices import ProposalStatus, RankingStatus, Subject
from awards.models import Proposal, Quota, Ranking, Vote
from awards.proposals import imports, services
from blocs.models import AuditEntry
from emulation.devtools.hostile_files import many_rows, zip_bomb

from .conftest import award, collective, rank_all


def _by_url(world, name):
    return reverse(f"awards:{name}", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})


# --- one click from the ranking ------------------------------------------------------------------

def test_one_click_proposes_the_top_unit_for_the_flag_and_the_next_for_a_certificate(ranked):
    r = ranked.client("secretary_a").post(_by_url(ranked, "proposal_from_ranking"), follow=True)
    assert "Đã tạo 2 đề nghị" in r.content.decode()
    got = {(p.unit, p.award_type.code, p.rank) for p in Proposal.objects.filter(bloc_year=ranked.by_a)}
    # bloc A belongs to the Central council: Government flag and the Prime Minister's certificate
    assert got == {(ranked.units_a[0], "co-chinh-phu", 1), (ranked.units_a[1], "bk-ttg", 2)}
    flag = Proposal.objects.get(bloc_year=ranked.by_a, award_type__code="co-chinh-phu")
    assert flag.vote.unit == ranked.units_a[0] and flag.status == ProposalStatus.DRAFT


def test_one_click_follows_the_certificate_quota_and_does_not_repeat(ranked):
    Quota.objects.create(organizer=ranked.org_a, year=2026, award_type=award("bk-ttg"), max_count=3)
    created = services.proposals_from_ranking(bloc_year=ranked.by_a, user=ranked.users["secretary_a"])
    assert [p.award_type.code for p in created] == ["co-chinh-phu", "bk-ttg", "bk-ttg", "bk-ttg"]
    with pytest.raises(Exception) as e:
        services.proposals_from_ranking(bloc_year=ranked.by_a, user=ranked.users["secretary_a"])
    assert "không có đề nghị mới" in str(e.value)
    assert Proposal.objects.filter(bloc_year=ranked.by_a).count() == 4


def test_one_click_refuses_a_tie_at_the_top(world):
    from awards.models import RankEntry

    rank_all(world.by_a)
    RankEntry.objects.filter(ranking__bloc_year=world.by_a, rank=2).update(rank=1)
    with pytest.raises(Exception) as e:
        services.proposals_from_ranking(bloc_year=world.by_a, user=world.users["secretary_a"])
    assert "cùng xếp thứ nhất" in str(e.value)
    assert not Proposal.objects.exists()


def test_province_blocs_get_the_provincial_flag(world):
    rank_all(world.by_b)
    created = services.proposals_from_ranking(bloc_year=world.by_b, user=world.users["secretary_b"])
    assert [p.award_type.code for p in created] == ["co-tinh", "bk-tinh"]


def test_one_click_refuses_an_unapproved_or_missing_ranking(world):
    with pytest.raises(Exception) as e:
        services.proposals_from_ranking(bloc_year=world.by_a, user=world.users["secretary_a"])
    assert "chưa có kết quả xếp hạng" in str(e.value)
    rank_all(world.by_a, status=RankingStatus.DRAFT)
    r = world.client("secretary_a").post(_by_url(world, "proposal_from_ranking"), follow=True)
    assert "chưa được phê duyệt" in r.content.decode()
    assert not Proposal.objects.exists()
    assert Ranking.objects.get(bloc_year=world.by_a).status == RankingStatus.DRAFT


# --- one by one ----------------------------------------------------------------------------------

def test_secretary_adds_an_individual_with_nfc_text(world):
    import unicodedata

    name = unicodedata.normalize("NFD", "Hoàng Thị Huế")
    r = world.client("secretary_a").post(_by_url(world, "proposal_create"), {
        "subject": "individual", "award_type": award("bk-ttg").pk, "person_name": name, "person_title": "Phó Giám đốc",
        "person_unit": "Sở Nội vụ", "headcount": 1, "justification": "Hoàn thành xuất sắc nhiệm vụ"})
    p = Proposal.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("awards:proposal_detail", args=[p.pk])
    assert p.person_name == "Hoàng Thị Huế" and unicodedata.is_normalized("NFC", p.person_name)


def test_form_names_the_missing_field(world):
    r = world.client("secretary_a").post(_by_url(world, "proposal_create"), {
        "subject": "collective", "award_type": award("co-chinh-phu").pk, "headcount": 1})
    assert "Chọn tập thể được đề nghị." in r.content.decode()
    r = world.client("secretary_a").post(_by_url(world, "proposal_create"), {
        "subject": "individual", "award_type": award("co-chinh-phu").pk, "person_name": "Lê An", "headcount": 1})
    assert "Cờ thi đua của Chính phủ chỉ dành cho tập thể." in r.content.decode()
    assert not Proposal.objects.exists()


def test_collective_must_be_a_member_of_the_bloc_year(world):
    outsider = world.by_b.members.first().unit
    with pytest.raises(Exception) as e:
        services.proposal_create(bloc_year=world.by_a, user=world.users["secretary_a"], data={
            "award_type": award("bk-ttg"), "subject": Subject.COLLECTIVE, "unit": outsider})
    assert "không là thành viên" in str(e.value)


# --- Excel import --------------------------------------------------------------------------------

def _xlsx(rows, header=None):
    wb = Workbook()
    ws = wb.active
    ws.append(header or imports.IMPORT_COLUMNS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("ds.xlsx", out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_import_of_24_individuals_creates_24_drafts(world):
    rows = [[f"Nguyễn Văn Cá Nhân {i}", "Chuyên viên", "Sở Nội vụ tỉnh Tuyên Quang", "Nam" if i % 2 else "Nữ", 1975 + i,
             "Bằng khen của Chủ tịch UBND tỉnh", "Thành tích xuất sắc năm 2026"] for i in range(24)]
    r = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(rows)}, follow=True)
    assert "Đã nhập 24 cá nhân" in r.content.decode()
    assert Proposal.objects.filter(bloc_year=world.by_a, subject=Subject.INDIVIDUAL, award_type__code="bk-tinh").count() == 24
    assert Proposal.objects.filter(person_gender="nu").count() == 12
    assert AuditEntry.objects.filter(action="proposal_create").count() == 24


def test_import_with_bad_rows_creates_nothing_and_names_each_row(world):
    rows = [
        ["Trần Thị Mai", "Chuyên viên", "Sở Nội vụ", "Nữ", 1980, "Bằng khen của Chủ tịch UBND tỉnh", ""],
        ["", "Chuyên viên", "Sở Nội vụ", "Nam", 1980, "Bằng khen của Chủ tịch UBND tỉnh", ""],
        ["Lê Văn Nam", "", "Sở Tài chính", "Khác", "năm", "Huân chương Lao động", ""],
        ["Trần Thị Mai", "Chuyên viên", "Sở Nội vụ", "Nữ", 1980, "Bằng khen của Chủ tịch UBND tỉnh", ""],
        ["Phạm Hùng", "", "Sở Y tế", "Nam", 1970, "Cờ thi đua cấp tỉnh", ""],
    ]
    r = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(rows)})
    html = r.content.decode()
    assert "Dòng 3: thiếu họ và tên." in html
    assert "Dòng 4:" in html and "Huân chương Lao động" in html and "Khác" in html and "năm sinh" in html
    assert "Dòng 5: trùng với dòng 2." in html
    assert "Dòng 6: Cờ thi đua cấp tỉnh không xét cho cá nhân." in html
    assert "Dòng 2" not in html.replace("dòng 2", "")
    assert not Proposal.objects.exists()


def test_import_refuses_missing_columns_and_non_excel(world):
    c = world.client("secretary_a")
    html = c.post(_by_url(world, "proposal_import"), {"file": _xlsx([], header=["Họ và tên"])}).content.decode()
    assert "Thiếu cột: Chức vụ" in html
    html = c.post(_by_url(world, "proposal_import"), {"file": SimpleUploadedFile("a.xlsx", b"not excel")}).content.decode()
    assert "Không đọc được tệp: cần tệp Excel .xlsx." in html


def _hostile(upload):
    return SimpleUploadedFile("ds.xlsx", upload.getvalue())


def test_import_refuses_a_zip_bomb_and_too_many_rows_before_reading_them(world):
    c = world.client("secretary_a")
    html = c.post(_by_url(world, "proposal_import"), {"file": _hostile(zip_bomb(300))}).content.decode()
    assert "vượt giới hạn 40,0 MB" in html
    html = c.post(_by_url(world, "proposal_import"), {"file": _hostile(many_rows(100_000, columns=7))}).content.decode()
    assert "tối đa 300 dòng" in html
    assert not Proposal.objects.exists()


def test_import_lists_the_first_errors_and_counts_the_rest(world):
    rows = [["", "Chuyên viên", "Sở Nội vụ", "Nam", 1980, "Bằng khen của Chủ tịch UBND tỉnh", ""]] * 120
    html = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(rows)}).content.decode()
    assert "Dòng 51: thiếu họ và tên." in html and "Dòng 52:" not in html
    assert "… và 70 lỗi khác." in html
    assert not Proposal.objects.exists()


def test_import_template_is_a_valid_workbook_with_the_columns(world):
    from openpyxl import load_workbook

    r = world.client("secretary_a").get(_by_url(world, "proposal_import_template"))
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]] == imports.IMPORT_COLUMNS


# --- attachments ---------------------------------------------------------------------------------

@pytest.fixture
def proposal(ranked):
    return collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu")


def _upload(world, proposal, name, content, kind="minutes"):
    return world.client("secretary_a").post(reverse("awards:attachment_upload", args=[proposal.pk]),
                                            {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True)


def test_pdf_attachment_is_stored_and_downloadable(ranked, proposal):
    r = _upload(ranked, proposal, "Biên bản.pdf", b"%PDF-1.7 content")
    assert "Đã đính kèm “Biên bản.pdf”" in r.content.decode()
    att = proposal.attachments.get()
    assert att.size == 16 and att.kind == "minutes"
    dl = ranked.client("reviewer_a").get(reverse("awards:attachment_download", args=[att.pk]))
    assert dl.status_code == 200 and b"".join(dl.streaming_content).startswith(b"%PDF")
    assert ranked.client("reviewer_b").get(reverse("awards:attachment_download", args=[att.pk])).status_code == 404


def test_docx_attachment_is_accepted(ranked, proposal):
    _upload(ranked, proposal, "bao-cao.docx", b"PK\x03\x04rest", kind="report")
    assert proposal.attachments.count() == 1


@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", b"MZ....", "chỉ nhận PDF hoặc tệp Office"),
    ("gia-mao.pdf", b"<html>", "không đúng định dạng .pdf"),
])
def test_attachment_of_wrong_type_is_refused(ranked, proposal, name, content, message):
    r = _upload(ranked, proposal, name, content)
    assert message in r.content.decode()
    assert not proposal.attachments.exists()


def test_attachment_over_the_size_limit_is_refused(ranked, proposal, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    r = _upload(ranked, proposal, "to.pdf", b"%PDF-" + b"x" * (1024 * 1024 + 10))
    assert "vượt giới hạn 1 MB" in r.content.decode()
    assert not proposal.attachments.exists()


def test_no_attachment_on_an_approved_proposal(ranked, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.APPROVED, decision_number="1/QĐ")
    r = _upload(ranked, proposal, "bb.pdf", b"%PDF-1.4")
    assert "không thể sửa" in r.content.decode()
    assert not proposal.attachments.exists()


# --- votes ---------------------------------------------------------------------------------------

def test_secretary_records_a_vote_and_sees_the_percentage_and_result(world):
    unit = world.by_a.members.first().unit
    c = world.client("secretary_a")
    r = c.post(_by_url(world, "vote_list"), {"unit": unit.pk, "award_type": award("co-chinh-phu").pk, "votes_for": 4,
                                             "base": "members", "base_count": 5, "present_count": 5}, follow=True)
    html = r.content.decode()
    assert "4/5 phiếu (80%)" in html and "Đạt" in html
    vote = Vote.objects.get()
    assert AuditEntry.objects.filter(action="vote_create", object_id=str(vote.pk)).exists()
    r = c.post(_by_url(world, "vote_list"), {"unit": unit.pk, "votes_for": 2, "base": "members", "base_count": 5, "present_count": 5}, follow=True)
    assert "Không đạt" in r.content.decode()


def test_vote_errors_name_the_field(world):
    unit = world.by_a.members.first().unit
    html = world.client("secretary_a").post(_by_url(world, "vote_list"), {
        "unit": unit.pk, "votes_for": 6, "base": "members", "base_count": 5, "present_count": 7}).content.decode()
    assert "Số phiếu đồng ý (6) lớn hơn số lượng cơ sở (5)." in html
    assert "Số có mặt (7) lớn hơn số thành viên của khối (5)." in html
    html = world.client("secretary_a").post(_by_url(world, "vote_list"), {
        "unit": unit.pk, "votes_for": 3, "base": "members", "base_count": 4, "present_count": 4}).content.decode()
    assert "phải bằng 5" in html
    assert not Vote.objects.exists()


def test_vote_used_by_an_approved_proposal_cannot_change(ranked):
    v = ranked.by_a.votes.get(unit=ranked.units_a[0])
    collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu", vote=v, status=ProposalStatus.APPROVED)
    r = ranked.client("secretary_a").post(reverse("awards:vote_edit", args=[v.pk]), {
        "unit": v.unit_id, "votes_for": 1, "base": "members", "base_count": 5, "present_count": 5})
    assert "không thể sửa" in r.content.decode()
    v.refresh_from_db()
    assert v.votes_for == 5


def test_reviewer_sees_votes_but_cannot_record(world):
    c = world.client("reviewer_a")
    assert c.get(_by_url(world, "vote_list")).status_code == 200
    unit = world.by_a.members.first().unit
    assert c.post(_by_url(world, "vote_list"), {"unit": unit.pk, "votes_for": 1, "base": "members", "base_count": 5}).status_code == 403


# --- notifications -------------------------------------------------------------------------------

def test_badge_counts_unread_and_reading_clears_it(world):
    from awards.models import Notification

    user = world.users["secretary_a"]
    Notification.objects.create(user=user, text="Đề nghị bị trả lại: thiếu biên bản")
    Notification.objects.create(user=world.users["secretary_b"], text="khác")
    c = world.client("secretary_a")
    assert 'data-testid="unread">1<' in c.get(reverse("awards:notification_badge")).content.decode()
    assert "thiếu biên bản" in c.get(reverse("awards:notification_list")).content.decode()
    assert "khác" not in c.get(reverse("awards:notification_list")).content.decode()
    c.post(reverse("awards:notification_read"))
    assert "unread" not in c.get(reverse("awards:notification_badge")).content.decode()


def test_proposal_page_names_the_legal_bases_in_force_for_the_year(world):
    html = world.client("secretary_a").get(_by_url(world, "proposal_list")).content.decode()
    bases = html[html.index('id="legal-bases"'):html.index("</ul>", html.index('id="legal-bases"'))]
    # 2026 proposals are made in 2027: the 2022 Law and Decree 152/2025; the unconfirmed 2026 amendment is marked
    assert "06/2022/QH15" in bases and "152/2025/NĐ-CP" in bases and "98/2023" not in bases
    assert "06/2026/QH16" in bases and "chưa xác nhận" in bases


def test_vote_on_valid_ballots_must_match_the_meeting_minutes(world):
    import datetime

    from blocs.models import Meeting

    meeting = Meeting.objects.create(bloc_year=world.by_a, kind="ranking", date=datetime.date(2027, 1, 10), ballots_valid=4)
    unit = world.by_a.members.first().unit
    c = world.client("secretary_a")
    html = c.post(_by_url(world, "vote_list"), {"unit": unit.pk, "votes_for": 3, "base": "valid", "base_count": 5,
                                                "present_count": 5, "meeting": meeting.pk}).content.decode()
    assert "biên bản hội nghị ghi 4 phiếu hợp lệ" in html and not Vote.objects.exists()
    r = c.post(_by_url(world, "vote_list"), {"unit": unit.pk, "votes_for": 3, "base": "valid", "base_count": 4,
                                             "present_count": 5, "meeting": meeting.pk}, follow=True)
    assert "3/4 phiếu (75%)" in r.content.decode()
    assert Vote.objects.get().base == "valid"


def test_import_refuses_a_birth_year_in_superscript_digits(world):
    rows = [["Trần Thị Mai", "Chuyên viên", "Sở Nội vụ", "Nữ", "¹⁹⁸⁰", "Bằng khen của Chủ tịch UBND tỉnh", ""]]
    html = world.client("secretary_a").post(_by_url(world, "proposal_import"), {"file": _xlsx(rows)}).content.decode()
    assert "Dòng 2: năm sinh “¹⁹⁸⁰” không hợp lệ." in html
    assert not Proposal.objects.exists()
