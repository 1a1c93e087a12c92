"""What the scoring workbooks share: the header style, the bloc-year marker, blank cells, bytes."""

import io

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

HEADER_FILL = PatternFill("solid", fgColor="EEF0F3")


def marker(bloc_year):
    """The text that ties a template to its bloc-year (checked again on upload)."""
    return f"bloc-year:{bloc_year.bloc_id}/{bloc_year.year}"


def style_header_row(ws):
    """Bold, shaded first row (the column titles of a list-like sheet)."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL


def is_blank(value):
    """An empty cell: nothing, or only spaces."""
    return value is None or str(value).strip() == ""


def field_label(code):
    """The column heading of a score field: "s" self score (TC), "v" verified (TĐ), "n" the note."""
    return {"s": _("TC"), "v": _("TĐ")}.get(code) or _("Ghi chú")


def as_float(value):
    """A stored Decimal as a number for a cell (openpyxl writes no Decimal); empty stays empty."""
    return float(value) if value is not None else None


def workbook_bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
