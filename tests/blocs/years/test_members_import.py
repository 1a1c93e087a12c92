"""Bulk add members from a pasted list or an Excel file: preview, unmatched rows, confirm."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from blocs.models import AuditEntry, BlocMember
from blocs.years import member_import
from emulation.devtools.hostile_files import many_rows, zip_bomb
from tests.factories import BlocFactory, BlocYearFactory, UnitFactory


def _url(w):
    return reverse("blocs:members_import", args=[w.bloc_a.pk, 2026])


def _units():
    return [UnitFactory(name="Sở Tài chính"), UnitFactory(name="Sở Y tế"), UnitFactory(name="Sở Văn hóa, Thể thao và Du lịch")]


def test_paste_shows_a_preview_and_writes_nothing(world):
    _units()
    before = BlocMember.objects.count()
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "text": "sở tài chính\nSở Văn hoá, Thể thao và Du lịch\nSở Không Có\n\n"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r["name"], r["unit"].name if r["unit"] else None) for r in rows] == [
        ("sở tài chính", "Sở Tài chính"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Không Có", None),
    ]
    assert response.context["unmatched"] == 1
    assert "1 dòng cần bạn chọn: một đơn vị, hoặc “Bỏ qua dòng này”" in response.content.decode()
    assert BlocMember.objects.count() == before


def test_confirm_adds_the_chosen_units_and_skips_only_the_rows_the_user_chose_to_skip(world):
    tc, yt, vh = _units()
    client = world.client("secretary_a")
    response = client.post(_url(world), {
        "step": "confirm", "name": ["sở tài chính", "Sở Không Có", "Y tế"], "unit": [tc.pk, "", yt.pk]})
    assert response.status_code == 400  # row 2 neither matched nor chosen: not dropped, asked
    assert response.context["errors"] == [
        "Dòng 2 (“Sở Không Có”): chưa chọn đơn vị; hãy chọn một đơn vị hoặc “Bỏ qua dòng này”."]
    assert world.by_a.members.count() == 5
    response = client.post(_url(world), {
        "step": "confirm", "name": ["sở tài chính", "Sở Không Có", "Y tế"], "unit": [tc.pk, "skip", yt.pk]})
    assert response.status_code == 200
    assert response.context["counts"] == {"added": 2, "already": 0, "skipped": 1}
    assert [r["status"] for r in response.context["rows"]] == ["added", "skipped", "added"]
    assert set(world.by_a.members.values_list("unit__name", flat=True)) >= {"Sở Tài chính", "Sở Y tế"}
    assert world.by_a.members.count() == 7
    assert AuditEntry.objects.get(action="members_add_bulk").changes["units"][1] == "Sở Tài chính, Sở Y tế"


def test_confirm_is_all_or_nothing_and_names_the_row(world):
    tc, yt, vh = _units()
    other = BlocYearFactory(bloc=BlocFactory(organizer=world.org_a, name="Cụm thi đua C"), year=2026)
    BlocMember.objects.create(bloc_year=other, unit=yt)
    response = world.client("secretary_a").post(_url(world), {
        "step": "confirm", "name": ["Tài chính", "Y tế"], "unit": [tc.pk, yt.pk]})
    assert response.status_code == 400
    assert response.context["errors"] == [
        "Dòng 2: Sở Y tế đã là thành viên của Cụm thi đua C năm 2026; mỗi đơn vị chỉ thuộc một khối, cụm của cùng cơ "
        "quan tổ chức trong một năm."]
    assert world.by_a.members.count() == 5


def test_a_row_repeating_an_earlier_one_is_reported_not_added_twice(world):
    tc, _, _ = _units()
    response = world.client("secretary_a").post(_url(world), {"step": "confirm", "name": ["a", "b"], "unit": [tc.pk, tc.pk]})
    assert response.context["counts"] == {"added": 1, "already": 1, "skipped": 0}
    assert response.context["rows"][1]["duplicate_of"] == 1
    assert "Trùng dòng 1, không thêm lại" in response.content.decode()
    assert world.by_a.members.count() == 6


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("don-vi.xlsx", buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_excel_file_is_read_from_the_first_column_after_the_header(world):
    _units()
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "file": _xlsx([["Tên đơn vị"], ["Sở Y tế"], [None], ["Sở Tài Chính"]])})
    assert [r["unit"].name for r in response.context["rows"]] == ["Sở Y tế", "Sở Tài chính"]


def test_a_broken_excel_file_gets_a_clear_error(world):
    bad = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "file": bad})
    assert "Không đọc được tệp: cần tệp Excel .xlsx." in response.context["form"].non_field_errors()
    assert response.context["rows"] is None


def _hostile(upload):
    upload.seek(0)
    return SimpleUploadedFile("don-vi.xlsx", upload.read())


def test_a_zip_bomb_and_a_huge_list_are_refused_before_they_are_read(world):
    before = BlocMember.objects.count()
    bomb = world.client("secretary_a").post(_url(world), {"step": "preview", "file": _hostile(zip_bomb(300))})
    assert "vượt giới hạn 40,0 MB" in " ".join(bomb.context["form"].non_field_errors())
    huge = world.client("secretary_a").post(_url(world), {"step": "preview", "file": _hostile(many_rows(100_000, columns=1))})
    assert "tối đa 500 dòng" in " ".join(huge.context["form"].non_field_errors())
    assert BlocMember.objects.count() == before


def test_an_empty_list_is_refused(world):
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "text": "  \n "})
    assert "Hãy dán danh sách hoặc chọn tệp Excel có tên đơn vị." in response.context["form"].non_field_errors()


def test_unmatched_row_gets_suggestions_typed_without_diacritics(world):
    _units()
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "text": "Van hoa the thao"})
    row = response.context["rows"][0]
    assert row["unit"] is None and row["suggested"]
    assert [u.name for u in row["choices"]] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert "Gợi ý" in response.content.decode()


def test_members_export_reads_back_through_the_import(world):
    from openpyxl import load_workbook

    response = world.client("leader_a").get(reverse("blocs:members_export", args=[world.bloc_a.pk, 2026]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("Tên đơn vị", "Vai trò")
    assert rows[1] == (world.leader_unit_a.name, "Trưởng khối/Cụm trưởng", "Sở, ban, ngành", None, None, None)
    assert len(rows) == 6
    upload = SimpleUploadedFile("x.xlsx", response.content)
    preview = world.client("secretary_a").post(_url(world), {"step": "preview", "file": upload})
    assert all(r["already"] for r in preview.context["rows"])


def test_unmatched_row_can_be_resolved_by_a_name_typed_without_javascript(world):
    tc, yt, vh = _units()
    response = world.client("secretary_a").post(_url(world), {
        "step": "confirm", "name": ["sở tài chính", "Sở Y"], "unit": [tc.pk, ""], "unit_text_2": "so y te"})
    assert response.status_code == 200 and response.context["counts"]["added"] == 2
    assert set(world.by_a.members.values_list("unit__name", flat=True)) >= {"Sở Tài chính", "Sở Y tế"}


def test_a_typed_name_that_matches_nothing_names_the_row_and_writes_nothing(world):
    tc, yt, vh = _units()
    before = BlocMember.objects.count()
    response = world.client("secretary_a").post(_url(world), {
        "step": "confirm", "name": ["sở tài chính", "Sở Y"], "unit": [tc.pk, ""], "unit_text_2": "Sở Không Có"})
    assert response.status_code == 400
    assert response.context["errors"] == ["Dòng 2: không tìm thấy đơn vị “Sở Không Có”; hãy gõ vài chữ của tên rồi chọn "
                                          "trong danh sách gợi ý, hoặc chọn “Bỏ qua dòng này”."]
    assert BlocMember.objects.count() == before


def test_unmatched_rows_offer_suggestions_and_a_search_not_every_unit(world):
    from blocs.models import Unit

    _units()
    extra = [Unit(name=f"Phòng thêm {i}", kind="department") for i in range(400)]
    for u in extra:
        u.refresh_keys()
    Unit.objects.bulk_create(extra)
    response = world.client("secretary_a").post(_url(world), {"step": "preview", "text": "Sở Không Có\nXyz"})
    html = response.content.decode()
    assert "Phòng thêm 1" not in html
    assert html.count("data-unit-picker") == 2
    assert reverse("blocs:unit_search", args=[world.bloc_a.pk]) + "?year=2026&amp;free=1" in html


# The matching itself (blocs/years/member_import.py) -----------------------------------------------


def test_matched_rows_report_matched_unmatched_ambiguous_and_already_members(world):
    tc, _yt, _vh = _units()
    UnitFactory(name="Sở Xây dựng")
    UnitFactory(name="Sở Xây Dựng")  # two units under one key: ambiguous
    member = world.by_a.members.select_related("unit").first().unit
    rows = member_import.matched_rows(bloc_year=world.by_a, names=["SỞ TÀI CHÍNH", "Sở Không Có", "Sở xây dựng", member.name])
    assert [r["row"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["unit"] == tc and not rows[0]["already"]
    assert rows[1]["unit"] is None and rows[1]["name"] == "Sở Không Có"
    assert rows[2]["unit"] is None and len(rows[2]["choices"]) == 2 and not rows[2]["suggested"]
    assert rows[3]["unit"] == member and rows[3]["already"]


def test_confirmed_rows_name_the_row_of_a_typed_name_that_matches_nothing(world):
    tc, yt, _vh = _units()
    rows, units, numbers, errors = member_import.confirmed_rows(
        bloc_year=world.by_a, names=["a", "b", "c", "d", "e"], chosen=[str(tc.pk), "", "", "999999", "skip"],
        typed=["", "so y te", "Sở Không Có", "", ""])
    assert units == [tc, yt] and numbers == [1, 2]
    assert [r["unit"] for r in rows] == [tc, yt, None, None, None]
    assert rows[2]["typed"] == "Sở Không Có"
    assert [r["status"] for r in rows] == ["added", "added", "", "", "skipped"]
    assert errors == [
        "Dòng 3: không tìm thấy đơn vị “Sở Không Có”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý, hoặc chọn "
        "“Bỏ qua dòng này”.",
        "Dòng 4: đơn vị đã chọn không hợp lệ.",
    ]


def test_a_clear_single_candidate_is_preselected(world):
    """Tone marks, spacing, case and prefixes such as "UBND", "Phường", "Xã", "Sở" are ignored when one unit only fits."""
    ward = UnitFactory(name="Phường Hồng Bàng", kind="commune")
    commune = UnitFactory(name="Xã Đông Hưng", kind="commune")
    _units()
    rows = member_import.matched_rows(bloc_year=world.by_a, names=["UBND phường Hồng  Bàng", "dong hung", "Tài Chính"])
    assert [(r["unit"], r["how"]) for r in rows] == [(ward, "clear"), (commune, "clear"), (rows[2]["unit"], "clear")]
    assert rows[2]["unit"].name == "Sở Tài chính"
    UnitFactory(name="UBND xã Đông Hưng", kind="commune")  # two fit now: the user chooses
    row = member_import.matched_rows(bloc_year=world.by_a, names=["dong hung"])[0]
    assert row["unit"] is None and len(row["choices"]) == 2


def test_confirm_reports_every_row_added_already_or_skipped_with_counts(world):
    tc, yt, vh = _units()
    member = world.by_a.members.select_related("unit").first().unit
    client = world.client("secretary_a")
    names = ["UBND Sở Tài chính", member.name, "Sở Không Có", "y te"]
    preview = client.post(_url(world), {"step": "preview", "text": "\n".join(names)})
    rows = preview.context["rows"]
    assert [r["unit"] for r in rows] == [tc, member, None, yt]
    response = client.post(_url(world), {"step": "confirm", "name": names,
                                         "unit": [tc.pk, member.pk, "skip", yt.pk]})
    assert response.status_code == 200
    assert response.context["counts"] == {"added": 2, "already": 1, "skipped": 1}
    html = response.content.decode()
    assert "Đã thêm 2 đơn vị" in html and "1 dòng đã có trong danh sách" in html and "1 dòng bỏ qua theo lựa chọn của bạn" in html
    assert html.count("<tr>") == 1 + len(names)
    assert world.by_a.members.count() == 7
