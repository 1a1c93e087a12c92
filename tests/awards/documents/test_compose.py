"""Documents composed from factory data: every recorded fact appears once, and nothing is invented."""

import datetime

import pytest
from django.urls import reverse

from awards.choices import ProposalStatus, RankingStatus
from awards.models import AwardType, Proposal, RankEntry, Ranking, Vote
from blocs.choices import Attendance, MemberRole
from blocs.models import (
    BlocMember,
    BlocYear,
    Meeting,
    MeetingAttendance,
    Pledge,
    PledgeCommitment,
    PledgeSignatory,
)
from tests.factories import UnitFactory

from .conftest import flat, is_a4, make_bloc_year, pdf_page_sizes, pdf_text


@pytest.fixture
def admin_client(world):
    return world.client("admin")


def _pdf(client, name, *args):
    response = client.get(reverse(f"awards:{name}", args=args))
    assert response.status_code == 200, response.status_code
    return response.content


def _full_year(n, *, year=2026, with_next=True):
    """A bloc-year with a ranking, votes, proposals, attendance, a year-end meeting and next year's leaders."""
    by = make_bloc_year(n, year=year)
    members = list(by.members.select_related("unit").in_display_order())
    meeting = Meeting.objects.create(
        bloc_year=by, kind="year_end", date=datetime.date(year + 1, 1, 15), start_time=datetime.time(8, 30),
        end_time=datetime.time(11, 45), place="Hội trường Sở Nội vụ",
        chairs="Nguyễn Văn An, Giám đốc Đơn vị thành viên 01\nTrần Thị Bình, Phó Trưởng Ban Thi đua - Khen thưởng",
        secretary="Lê Thị Cúc, chuyên viên", agenda="Tổng kết năm; bình xét; suy tôn.", vote_method="secret",
        ballots_issued=n, ballots_returned=n, ballots_valid=n - 1, conclusions="Hội nghị thành công tốt đẹp.",
    )
    for i, m in enumerate(members):
        status = Attendance.ABSENT if i == n - 1 else Attendance.PRESENT
        MeetingAttendance.objects.create(
            meeting=meeting, unit=m.unit, status=status, representative=f"Đại diện {i + 1:02d}",
            representative_title="Phó Giám đốc", absence_reason="Đi công tác" if status == Attendance.ABSENT else "",
        )
    ranking = Ranking.objects.create(bloc_year=by, status=RankingStatus.APPROVED)
    for i, m in enumerate(members):
        RankEntry.objects.create(ranking=ranking, unit=m.unit, rank=i + 1, total=100 - i, classification="Xuất sắc" if i < 2 else "Tốt")
    flag = AwardType.objects.get(code="co-tinh")
    merit = AwardType.objects.get(code="bk-tinh")
    v1 = Vote.objects.create(bloc_year=by, meeting=meeting, unit=members[2].unit, award_type=flag, votes_for=n - 1,
                             base="present", base_count=n - 1)
    Vote.objects.create(bloc_year=by, meeting=meeting, unit=members[3].unit, award_type=merit, votes_for=1,
                        base="members", base_count=n)
    Proposal.objects.create(bloc_year=by, award_type=flag, subject="collective", unit=members[2].unit, rank=1, vote=v1,
                            status=ProposalStatus.SUBMITTED, justification="Dẫn đầu khối.")
    if with_next:
        nxt = BlocYear.objects.create(bloc=by.bloc, year=year + 1)
        BlocMember.objects.create(bloc_year=nxt, unit=members[min(4, n - 2)].unit, role=MemberRole.LEADER)
        BlocMember.objects.create(bloc_year=nxt, unit=members[min(5, n - 1)].unit, role=MemberRole.DEPUTY)
        Pledge.objects.create(bloc_year=nxt, signing_date=meeting.date, signing_place="Hà Nội")
    return by, meeting


@pytest.mark.parametrize("n", [4, 7])
def test_pledge_grid_leader_first_and_columns(world, admin_client, n):
    by = make_bloc_year(n, bloc=world.bloc_a, year=2030)
    pledge = Pledge.objects.create(bloc_year=by, signing_place="Hà Nội", signing_date=datetime.date(2030, 1, 9))
    PledgeCommitment.objects.create(pledge=pledge, order=1, text="Cam kết riêng của khối về chuyển đổi số.")
    PledgeSignatory.objects.create(pledge=pledge, unit=by.members.get(role="leader").unit, signer_name="Phạm Văn Dũng",
                                   signing_formula="TM. BAN GIÁM ĐỐC\nGIÁM ĐỐC")
    from awards.documents.pledge_doc import compose_pledge

    doc = compose_pledge(BlocYear.objects.select_related("bloc", "bloc__organizer").get(pk=by.pk))
    assert [len(row) for row in doc.grid] == ([2, 2] if n == 4 else [3, 3, 1])
    assert doc.grid[0][0].role == "Trưởng khối" and doc.grid[0][1].role == "Phó trưởng khối"
    assert doc.grid[0][0].name == "Phạm Văn Dũng" and doc.grid[0][0].formula == ["TM. BAN GIÁM ĐỐC", "GIÁM ĐỐC"]
    text = flat(pdf_text(_pdf(admin_client, "pledge_pdf", world.bloc_a.pk, 2030)))
    assert "Hà Nội, ngày 09 tháng 01 năm 2030" in text
    assert "1. Cam kết riêng của khối về chuyển đổi số." in text
    assert "Thi đua hoàn thành toàn diện" not in text  # recorded commitments replace the standard wording
    for i in range(n):
        assert f"Đơn vị thành viên {i + 1:02d}" in text


def test_pledge_rows_of_signatures_are_never_split_across_pages(world, admin_client):
    make_bloc_year(40, bloc=world.bloc_a, year=2031)
    data = _pdf(admin_client, "pledge_pdf", world.bloc_a.pk, 2031)
    pages = len(pdf_page_sizes(data))
    assert pages >= 4
    grid_pages = {}
    for page in range(1, pages + 1):
        text = flat(pdf_text(data, page=page)).upper()
        for i in range(40):
            if f"ĐƠN VỊ THÀNH VIÊN {i + 1:02d} KT." in text or f"ĐƠN VỊ THÀNH VIÊN {i + 1:02d} GIÁM" in text:
                grid_pages[i] = page
    assert len(grid_pages) == 40
    for row_start in range(0, 40, 3):
        row = [grid_pages[i] for i in range(row_start, min(row_start + 3, 40))]
        assert len(set(row)) == 1, (row_start, row)


def test_minutes_print_every_recorded_fact(world, admin_client):
    by, meeting = _full_year(7)
    meeting.extra_paragraphs = "Đoạn thứ nhất của thư ký.\n\nĐoạn thứ hai của thư ký."
    meeting.save()
    data = _pdf(admin_client, "minutes_pdf", by.bloc_id, by.year, meeting.pk)
    text = flat(pdf_text(data))
    assert "Vào lúc 08 giờ 30 phút, ngày 15 tháng 01 năm 2027, tại Hội trường Sở Nội vụ" in text
    assert "Có mặt: 06/07 đơn vị thành viên" in text
    assert "Vắng mặt: 01/07 đơn vị: - Đơn vị thành viên 07 (lý do: Đi công tác)" in text
    assert "Đơn vị thành viên 01: Đại diện 01, Phó Giám đốc" in text
    assert "Lê Thị Cúc, chuyên viên" in text
    assert "Số phiếu phát ra: 07; số phiếu thu về: 07; số phiếu hợp lệ: 06." in text
    layout = pdf_text(data, layout=True)
    flag_line = next(line for line in layout.splitlines() if "6/6" in line)
    assert "Cờ thi đua" in flag_line and "100%" in flag_line and "Đạt" in flag_line
    merit_line = next(line for line in layout.splitlines() if "1/7" in line)
    assert "14,29%" in merit_line and "Không đạt" in merit_line
    from awards.documents.minutes_doc import compose_minutes

    doc = compose_minutes(BlocYear.objects.select_related("bloc", "bloc__organizer").get(pk=by.pk), meeting)
    vote_table = next(b.table for b in doc.blocks if b.kind == "table" and b.table.columns[0][0] == "STT")
    assert vote_table.rows[0]["cells"] == ["1", "Đơn vị thành viên 03", "Cờ thi đua cấp tỉnh", "6/6",
                                           "Số thành viên có mặt", "100%", "Đạt"]
    assert "Đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Cờ thi đua cấp tỉnh cho Đơn vị thành viên 03 (xếp thứ 1)." in text
    assert "suy tôn Đơn vị thành viên 05 là Trưởng khối, Đơn vị thành viên 06 là Phó trưởng khối" in text
    assert "ký kết giao ước thi đua năm 2027 giữa 02 đơn vị" in text
    assert "Đoạn thứ nhất của thư ký. Đoạn thứ hai của thư ký." in text
    assert "Hội nghị kết thúc vào lúc 11 giờ 45 phút cùng ngày" in text
    signatures = text.split("THƯ KÝ HỘI NGHỊ")[-1]
    assert "Lê Thị Cúc" in signatures and "Nguyễn Văn An" in signatures
    assert all(is_a4(s) for s in pdf_page_sizes(data))


def test_minutes_without_facts_leave_blanks_instead_of_inventing(world, admin_client):
    meeting = Meeting.objects.create(bloc_year=world.by_a, kind="ranking", date=datetime.date(2026, 12, 20))
    text = flat(pdf_text(_pdf(admin_client, "minutes_pdf", world.bloc_a.pk, 2026, meeting.pk)))
    assert "Thư ký hội nghị - ……" in text
    assert "Bình xét, suy tôn" not in text and "Đề nghị khen thưởng" not in text
    page = admin_client.get(reverse("awards:documents_index", args=[world.bloc_a.pk, 2026])).content.decode()
    assert "Chưa ghi thư ký hội nghị" in page and "Chưa ghi giờ kết thúc" in page


def test_submission_list_is_portrait_for_collectives_and_landscape_with_individuals(world, admin_client):
    by, _ = _full_year(5, with_next=False)
    data = _pdf(admin_client, "submission_pdf", by.bloc_id, by.year)
    sizes = pdf_page_sizes(data)
    assert all(is_a4(s) for s in sizes), sizes
    text = flat(pdf_text(data))
    assert "Kính gửi:" in text and "Đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Cờ thi đua cấp tỉnh cho 01 tập thể" in text
    assert "Đơn vị thành viên 03: 4/4 phiếu đồng ý (100% số thành viên có mặt)" in text
    assert "Nơi nhận:" in text and "Lưu: VT." in text
    Proposal.objects.create(
        bloc_year=by, award_type=AwardType.objects.get(code="bk-tinh"), subject="individual",
        person_name="Hoàng Thị Em", person_title="Trưởng phòng", person_unit="Đơn vị thành viên 02",
        person_gender="nu", person_birth_year=1980, status=ProposalStatus.DRAFT,
    )
    data = _pdf(admin_client, "submission_pdf", by.bloc_id, by.year)
    sizes = pdf_page_sizes(data)
    assert is_a4(sizes[-1], landscape=True) and is_a4(sizes[0])
    last = flat(pdf_text(data, page=len(sizes)))
    assert "Hoàng Thị Em, Trưởng phòng, Đơn vị thành viên 02" in last and "Nữ" in last and "1980" in last
    assert "I. TẬP THỂ" in last and "II. CÁ NHÂN" in last


@pytest.mark.parametrize("name", ["pledge_pdf", "submission_pdf", "documents_index"])
def test_query_count_does_not_grow_with_members(world, admin_client, django_assert_max_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n, year in ((5, 2040), (40, 2042)):
        by, _ = _full_year(n, year=year)
        with django_assert_max_num_queries(30), CaptureQueriesContext(connection) as ctx:
            response = admin_client.get(reverse(f"awards:{name}", args=[by.bloc_id, by.year]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_minutes_query_count_does_not_grow(world, admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n, year in ((5, 2050), (40, 2052)):
        by, meeting = _full_year(n, year=year)
        with CaptureQueriesContext(connection) as ctx:
            response = admin_client.get(reverse("awards:minutes_pdf", args=[by.bloc_id, by.year, meeting.pk]))
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_unit_names_are_upper_cased_for_headings_but_kept_in_text(world, admin_client):
    unit = UnitFactory(name="Sở Giáo dục và Đào tạo")
    BlocMember.objects.create(bloc_year=world.by_a, unit=unit)
    text = flat(pdf_text(_pdf(admin_client, "pledge_pdf", world.bloc_a.pk, 2026)))
    assert "Sở Giáo dục và Đào tạo" in text and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text


def test_submission_form_sets_number_date_and_signing_formula(world):
    client = world.client("leader_a")
    url = reverse("awards:submission_pdf", args=[world.bloc_a.pk, 2026])
    page = client.get(reverse("awards:documents_index", args=[world.bloc_a.pk, 2026])).content.decode()
    assert 'id="submission-form"' in page and "Thể thức ký" in page
    response = client.get(url, {"so": "7", "ngay": "2027-02-03", "the_thuc": "KT.", "thay_mat": "giám đốc",
                                "chuc_vu": "Phó Giám đốc", "nguoi_ky": "Trần Văn Bảo"})
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "Số: 7/TTr-CTĐ" in text and "ngày 03 tháng 02 năm 2027" in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text and "Trần Văn Bảo" in text
    docx = client.get(reverse("awards:submission_docx", args=[world.bloc_a.pk, 2026]), {"chuc_vu": "Giám đốc", "so": "8"})
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")


def test_submission_form_errors_are_in_vietnamese_and_name_the_field(world):
    response = world.client("leader_a").get(
        reverse("awards:submission_pdf", args=[world.bloc_a.pk, 2026]), {"so": "12a", "the_thuc": "TM.", "chuc_vu": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số tờ trình chỉ gồm chữ số, ví dụ: 12." in page
    assert "Thể thức TM. cần ghi thay mặt tập thể hoặc người đứng đầu nào." in page
    assert "Chức vụ người ký" in page


def test_signing_formula_lines():
    from awards.documents.submission_doc import signing_formula

    assert signing_formula("TM.", "Ủy ban nhân dân", "Chủ tịch") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signing_formula("Q.", "Giám đốc", "") == ["Q. GIÁM ĐỐC"]
    assert signing_formula("", "", "Giám đốc") == ["GIÁM ĐỐC"]


def test_page_numbers_start_on_page_two_centred_at_the_top(world, admin_client):
    make_bloc_year(40, bloc=world.bloc_a, year=2034)
    data = _pdf(admin_client, "pledge_pdf", world.bloc_a.pk, 2034)
    pages = len(pdf_page_sizes(data))
    first_lines = [pdf_text(data, page=p, layout=True).strip().splitlines()[0].strip() for p in range(1, pages + 1)]
    assert not first_lines[0].isdigit(), first_lines[0]
    assert first_lines[1:] == [str(p) for p in range(2, pages + 1)]
    page_two = pdf_text(data, page=2, layout=True).splitlines()[0]
    left = len(page_two) - len(page_two.lstrip())
    assert 30 < left < 70  # centred over the text block, not at the margin


def test_minutes_ranking_shows_self_and_reviewed_scores_when_scored(world, admin_client):
    from awards.models import CriteriaTable, Criterion, Score

    by, meeting = _full_year(5, year=2036, with_next=False)
    table = CriteriaTable.objects.create(bloc_year=by, title="Bảng tiêu chí 2036")
    criterion = Criterion.objects.create(table=table, code="1", title="Hoàn thành nhiệm vụ", max_points=100)
    for i, m in enumerate(by.members.order_by("unit__sort_key")):
        Score.objects.create(criterion=criterion, member=m, self_score=90 - i, verified_score=85 - i)
    RankEntry.objects.filter(ranking__bloc_year=by, rank=2).update(tiebreak_note="Bằng điểm, xếp trên nhờ ít điểm trừ hơn")
    layout = pdf_text(_pdf(admin_client, "minutes_pdf", by.bloc_id, by.year, meeting.pk), layout=True)
    assert "Điểm tự" in layout and "thẩm" in layout
    row = next(line.split() for line in layout.splitlines() if "Đơn vị thành viên 01" in line and "90" in line)
    assert row[0] == "1" and "90" in row and "100" in row  # self 90, recorded total 100 (rank 1)
    assert "Bằng điểm, xếp trên nhờ ít điểm trừ hơn" in flat(pdf_text(_pdf(admin_client, "minutes_pdf", by.bloc_id, by.year, meeting.pk)))
