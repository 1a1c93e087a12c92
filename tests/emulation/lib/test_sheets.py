"""Spreadsheets in and out: uploads are refused before they are inflated; exports carry values only."""

import csv
import io
import tracemalloc

import pytest
from openpyxl import Workbook, load_workbook

from emulation.devtools.hostile_files import many_rows, zip_bomb
from emulation.lib import sheets


def _xlsx(rows, title="Sheet"):
    wb = Workbook()
    wb.active.title = title
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _refused(upload, **limits):
    tracemalloc.start()
    try:
        with pytest.raises(sheets.UploadRejected) as refused:
            wb = sheets.open_workbook(upload, **limits)
            for ws in wb.worksheets:
                ws.rows()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024
    return refused.value


def test_a_zip_bomb_is_refused_from_its_directory():
    refused = _refused(zip_bomb(300))
    assert refused.code == "too_big_uncompressed"
    assert "giải nén ra 300" in refused.messages[0] and "40,0 MB" in refused.messages[0]


def test_a_hundred_thousand_rows_are_refused_from_the_first_rows():
    refused = _refused(many_rows(100_000))
    assert refused.code == "too_many_rows" and "20.000 dòng" in refused.messages[0]


def test_the_filled_row_count_is_exact():
    assert len(sheets.open_workbook(many_rows(5000), max_rows=5000).worksheets[0].rows()) == 5000
    refused = _refused(many_rows(5001), max_rows=5000)
    assert refused.code == "too_many_rows"


def test_bytes_columns_cells_and_nul_are_bounded(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert _refused(many_rows(200)).code == "too_big"
    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    assert _refused(_xlsx([list(range(400))])).code == "too_many_columns"
    long = _refused(_xlsx([["a"], ["x" * 3000]], title="Điểm"))
    assert long.code == "cell_too_long" and "Trang “Điểm”, dòng 2" in long.messages[0]
    assert _refused(_xlsx([["ab"]]), max_rows=0).code == "too_many_rows"


def test_not_a_workbook():
    assert _refused(io.BytesIO(b"%PDF-1.4 not a zip")).code == "bad_file"
    assert _refused(io.BytesIO(b"PK\x03\x04garbage")).code == "bad_file"


def test_csv_rows_and_encoding():
    rows = sheets.read_csv(io.BytesIO("\ufeffTên;Điểm\nHà Giang;95,5\n".encode()))
    assert rows == [("Tên", "Điểm"), ("Hà Giang", "95,5")]
    with pytest.raises(sheets.UploadRejected):
        sheets.read_csv(io.BytesIO("Tên\n".encode("utf-16")))
    with pytest.raises(sheets.UploadRejected):
        sheets.read_csv(io.BytesIO(b"a\n" * 6000), max_rows=5000)


def test_errors_are_capped_with_a_count_of_the_rest():
    shown = sheets.capped([f"Dòng {i}: lỗi" for i in range(100_001)], cap=50)
    assert len(shown) == 51 and shown[-1] == "… và 99.951 lỗi khác."


HOSTILE = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_xlsx_cells_are_values_never_formulas():
    wb = Workbook()
    ws = wb.active
    sheets.append_row(ws, [*HOSTILE, 12.5, -3, "Bình thường"])
    sheets.set_text(ws.cell(row=2, column=1), "=1+1")
    out = io.BytesIO()
    wb.save(out)
    back = load_workbook(io.BytesIO(out.getvalue())).active
    cells = list(back.iter_rows(values_only=False))
    assert all(c.data_type != "f" for row in cells for c in row)
    assert [c.value for c in cells[0]][:6] == HOSTILE
    assert cells[0][6].value == 12.5 and cells[0][7].value == -3 and cells[0][7].data_type == "n"
    assert cells[1][0].value == "=1+1" and cells[1][0].data_type == "s"


def test_csv_fields_follow_the_owasp_rule():
    out = io.StringIO()
    sheets.csv_rows(csv.writer(out), [[*HOSTILE, -3, 12.5, "Hà Nội"]])
    fields = next(csv.reader(io.StringIO(out.getvalue())))
    assert fields[:6] == ["'" + v for v in HOSTILE]
    assert fields[6:] == ["-3", "12.5", "Hà Nội"]
