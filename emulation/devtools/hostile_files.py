"""Hostile spreadsheets for the tests and ``make bench``: a zip bomb (a small .xlsx whose sheet expands
far past the limits) and a workbook of many rows. Both are valid .xlsx files Excel would open."""

import io
import zipfile

from openpyxl import Workbook

SHEET_PART = "xl/worksheets/sheet1.xml"
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_TAIL = "</sheetData></worksheet>"


def _with_sheet(write_rows, title="Sheet"):
    """A real workbook (from openpyxl) whose first sheet's XML is replaced by what ``write_rows`` writes."""
    base = io.BytesIO()
    wb = Workbook()
    wb.active.title = title
    wb.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == SHEET_PART:
                part_info = zipfile.ZipInfo(SHEET_PART)
                part_info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(part_info, "w", force_zip64=True) as part:
                    part.write(_HEAD.encode())
                    write_rows(part)
                    part.write(_TAIL.encode())
            else:
                dst.writestr(info, src.read(info.filename))
    out.seek(0)
    out.name = "hostile.xlsx"
    return out


def zip_bomb(megabytes=200, title="Sheet"):
    """An .xlsx of a few hundred kB whose sheet expands to ``megabytes`` MB of rows."""
    row = "".join(f'<c t="inlineStr"><is><t>{"A" * 50}</t></is></c>' for _ in range(20))
    block = ("<row>" + row + "</row>").encode() * 1000
    n = megabytes * 1024 * 1024 // len(block) + 1

    def write_rows(part):
        for _ in range(n):
            part.write(block)
    return _with_sheet(write_rows, title)


def many_rows(n=100_000, columns=3, title="Sheet"):
    """An .xlsx with ``n`` short rows (the file stays small; only the row count is hostile)."""
    def write_rows(part):
        for i in range(1, n + 1):
            cells = "".join(f'<c t="inlineStr"><is><t>Đơn vị {i}-{c}</t></is></c>' for c in range(columns))
            part.write(f"<row>{cells}</row>".encode())
    return _with_sheet(write_rows, title)
