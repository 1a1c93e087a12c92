"""Excel: the template, the upload check with row errors (nothing written), confirmation, exports."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.models import Score
from awards.scoring.excel import template as xl
from blocs.models import AuditEntry

from .helpers import leaves, make_table


def _url(name, world, **kw):
    return reverse(name, kwargs={"bloc_id": world.bloc_a.pk, "year": 2026, **kw})


def _template(world):
    r = world.client("secretary_a").get(_url("awards:scores_template", world))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(r.content))


def _upload(client, world, wb, name="diem.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return client.post(_url("awards:scores_import", world), {"file": SimpleUploadedFile(name, out.getvalue())})


def test_template_lists_units_and_criteria_with_total_formulas(world):
    make_table(world.by_a, sections=1, per_section=2, bonus=(5,), penalty=(3,), bonus_cap=4)
    ws = _template(world)[xl.SHEET]
    names = [ws.cell(row=r, column=2).value for r in range(6, 11)]
    assert sorted(names) == sorted(m.unit.name for m in world.by_a.members.select_related("unit"))
    assert ws["C4"].value == "1 Tiêu chí 1.1 (10)" and ws["C5"].value == "TC" and ws["D5"].value == "TĐ"
    assert ws["G4"].value == "C1 Điểm cộng 1 (+5)"
    assert ws["L6"].value == "=SUM(D6,F6)+MIN(SUM(H6),4)-SUM(J6)"


def test_upload_with_bad_rows_names_each_row_and_saves_nothing_then_a_corrected_file_saves(world):
    make_table(world.by_a, sections=1, per_section=2, bonus=(), penalty=())
    client = world.client("secretary_a")
    wb = _template(world)
    ws = wb[xl.SHEET]
    first, second = ws.cell(row=6, column=2).value, ws.cell(row=7, column=2).value
    for r in range(6, 11):
        ws.cell(row=r, column=4, value=8)
        ws.cell(row=r, column=6, value=7.5)
    ws["D7"] = 11  # over the maximum
    ws["F8"] = "tám"  # text in a number cell
    ws["B9"] = "Sở Không Có"  # unknown unit
    ws["B10"] = first.upper()  # duplicate of row 6 (same name, other case)
    r = _upload(client, world, wb)
    page = r.content.decode()
    assert f"Dòng 7 ({second}), cột “1 Tiêu chí 1.1 – TĐ”: Vượt điểm tối đa của tiêu chí (10)." in page
    assert "Dòng 8" in page and "“tám” không phải là số." in page
    assert "Dòng 9: đơn vị “Sở Không Có” không phải thành viên của khối năm 2026." in page
    assert f"Dòng 10: đơn vị “{first}” đã có ở dòng 6 (dòng trùng)." in page
    assert "chưa ghi điểm nào" in page and 'id="import-preview"' not in page
    assert not Score.objects.exists()
    # A confirmation without a valid preview writes nothing either.
    client.post(_url("awards:scores_import", world), {"action": "confirm"})
    assert not Score.objects.exists()
    # The corrected file: preview, then confirm.
    wb = _template(world)
    ws = wb[xl.SHEET]
    for r in range(6, 11):
        ws.cell(row=r, column=4, value=10 - (r - 6))
        ws.cell(row=r, column=6, value="7,5")
    r = _upload(client, world, wb)
    assert 'id="import-preview"' in r.content.decode() and "10 ô điểm sẽ thay đổi" in r.content.decode()
    assert not Score.objects.exists()
    r = client.post(_url("awards:scores_import", world), {"action": "confirm"}, follow=True)
    assert "Đã nhập 10 ô điểm" in r.content.decode()
    assert Score.objects.filter(verified_score__isnull=False).count() == 10
    assert AuditEntry.objects.filter(action="score_change", reason="Nhập từ tệp Excel").count() == 10
    rows = r.content.decode().split('id="ranking-table"')[1]
    assert rows.index(first) < rows.index(second)


def test_wrong_sheet_and_wrong_file(world):
    make_table(world.by_a)
    client = world.client("secretary_a")
    wb = Workbook()
    wb.active.title = "Sheet1"
    assert "Tệp không có trang tính “Chấm điểm”" in _upload(client, world, wb).content.decode()
    r = client.post(_url("awards:scores_import", world), {"file": SimpleUploadedFile("diem.xlsx", b"not a zip")})
    assert "Không đọc được tệp" in r.content.decode()
    r = client.post(_url("awards:scores_import", world), {"file": SimpleUploadedFile("diem.csv", b"a,b")})
    assert "Chỉ nhận tệp Excel .xlsx" in r.content.decode()


def test_template_of_another_bloc_year_is_refused(world):
    make_table(world.by_a)
    make_table(world.by_b)
    other = world.client("secretary_b").get(reverse("awards:scores_template", kwargs={"bloc_id": world.bloc_b.pk, "year": 2026}))
    r = world.client("secretary_a").post(_url("awards:scores_import", world),
                                         {"file": SimpleUploadedFile("khac.xlsx", other.content)})
    assert "không phải của" in r.content.decode()


def test_ranking_and_breakdown_exports(world):
    table = make_table(world.by_a, sections=1, per_section=1, bonus=(), penalty=())
    m = world.by_a.members.select_related("unit").order_by("pk").first()
    Score.objects.create(member=m, criterion=leaves(table)[0], verified_score="9.5", self_score=10)
    client = world.client("secretary_a")
    client.post(_url("awards:ranking_compute", world))
    r = client.get(_url("awards:ranking_export", world, fmt="csv"))
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Hạng,Đơn vị,Tổng điểm,Xếp loại,Tiêu chí phụ đã dùng"
    assert f'1,{m.unit.name},"9,5"' in text
    ws = load_workbook(io.BytesIO(client.get(_url("awards:breakdown_export", world, fmt="xlsx")).content)).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Đơn vị", "1 Tiêu chí 1.1 – TC", "1 Tiêu chí 1.1 – TĐ"]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == m.unit.name)
    assert row[1:3] == (10, 9.5) and row[-1] == 9.5
    assert client.get(_url("awards:ranking_export", world, fmt="pdf")).status_code == 404


def test_list_layout_with_notes_and_its_row_errors(world):
    table = make_table(world.by_a, sections=2, per_section=2, bonus=(5,), penalty=(), bonus_cap=None)
    client = world.client("secretary_a")
    r = client.get(_url("awards:scores_template", world) + "?dang=danh-sach")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb[xl.LIST_SHEET]
    assert [c.value for c in ws[1]][:5] == xl.LIST_HEADER
    codes = [ws.cell(row=i, column=2).value for i in range(2, 7)]
    assert codes == ["I.1", "I.2", "II.1", "II.2", "C1"]
    name = ws["A2"].value
    ws["D2"], ws["E2"] = 9, "Đủ  minh chứng"
    ws["D3"] = 8
    ws.append([name, "I.1", None, 7, None])  # duplicate of row 2
    ws.append([name, "IX.9", None, 7, None])  # unknown code
    ws.append([name, "C1", None, 6, None])  # duplicate of row 6 and over the item cap
    page = _upload(client, world, wb).content.decode()
    assert f"Dòng 27: {name}, tiêu chí I.1 đã có ở dòng 2 (dòng trùng)." in page
    assert "Dòng 28: mã tiêu chí “IX.9” không có trong bảng tiêu chí." in page
    assert "Dòng 29: " in page and not Score.objects.exists()
    for _i in range(3):
        ws.delete_rows(ws.max_row)
    r = _upload(client, world, wb)
    assert "3 ô điểm sẽ thay đổi" in r.content.decode()
    client.post(_url("awards:scores_import", world), {"action": "confirm"})
    s = Score.objects.get(criterion=leaves(table)[0])
    assert (s.verified_score, s.note) == (9, "Đủ minh chứng")
