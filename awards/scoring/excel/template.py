"""Download the score grid to fill in: the grid layout and the list layout.

The grid layout has one sheet "Chấm điểm": a row per member unit, two columns per leaf criterion
(TC: self score, TĐ: verified score) and the totals as formulas. Row 3 (hidden) holds the machine
keys of the columns ("<criterion id>:s" / ":v"), cell A2 the bloc-year it belongs to.
The list layout has one row per unit and criterion (unit, criterion code, TC, TĐ, note).
"""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring.excel.common import HEADER_FILL, as_float, marker, style_header_row
from emulation.lib import sheets

SHEET = "Chấm điểm"
LIST_SHEET = "Điểm chi tiết"
LIST_HEADER = ["Đơn vị", "Mã tiêu chí", "TC", "TĐ", "Ghi chú"]
FIRST_ROW = 6
VERIFIED_FILL = PatternFill("solid", fgColor="F4F8FF")


def template_workbook(bloc_year, *, with_scores=True):
    """The grid of a bloc-year as a workbook (units and criteria filled in, totals as formulas)."""
    table = selectors.table_of(bloc_year)
    criteria = selectors.criteria_in_tree_order(table)
    spec = selectors.table_spec(table, criteria)
    members = selectors.members_of(bloc_year)
    scores = selectors.scores_by_cell(table) if with_scores else {}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = _("Bảng chấm điểm %(bloc)s năm %(year)s") % {"bloc": bloc_year.bloc.name, "year": bloc_year.year}
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = marker(bloc_year)
    ws["A2"].font = Font(color="999999", size=8)
    ws["C2"] = _("TC: điểm tự chấm; TĐ: điểm thẩm định. Ô để trống: giữ nguyên điểm đã có. Không sửa dòng 3 đến 5.")
    cols, total_s = _grid_head(ws, spec)
    for i, m in enumerate(members):
        row = FIRST_ROW + i
        ws.cell(row=row, column=1, value=i + 1)
        sheets.set_text(ws.cell(row=row, column=2), m.unit.name)
        col = 3
        for leaf in spec.leaves:
            s = scores.get((m.pk, leaf.id))
            for offset, value in ((0, s.self_score if s else None), (1, s.verified_score if s else None)):
                cell = ws.cell(row=row, column=col + offset, value=as_float(value))
                cell.number_format = "0.##"
                if offset:
                    cell.fill = VERIFIED_FILL
            col += 2
        ws.cell(row=row, column=total_s, value=_total_formula(spec, cols, "s", row)).font = Font(bold=True)
        ws.cell(row=row, column=total_s + 1, value=_total_formula(spec, cols, "v", row)).font = Font(bold=True)
    return wb


def _grid_head(ws, spec):
    """Rows 3 to 5 of the grid: machine keys, criteria, TC / TĐ. Returns (column letters per kind and
    field, the column of the self-score total; the verified total is the next one)."""
    ws.cell(row=4, column=1, value=_("STT"))
    ws.cell(row=4, column=2, value=_("Đơn vị"))
    ws.cell(row=3, column=2, value="unit")
    cols = {"criterion": {"s": [], "v": []}, "bonus": {"s": [], "v": []}, "penalty": {"s": [], "v": []}}
    col = 3
    for leaf in spec.leaves:
        sign = {"bonus": "+", "penalty": "−"}.get(leaf.kind, "")
        sheets.set_text(ws.cell(row=4, column=col), f"{leaf.label} ({sign}{scoring.fmt(leaf.max_points)})")
        ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 1)
        for offset, code, label in ((0, "s", _("TC")), (1, "v", _("TĐ"))):
            ws.cell(row=3, column=col + offset, value=f"{leaf.id}:{code}")
            ws.cell(row=5, column=col + offset, value=label)
            cols[leaf.kind][code].append(get_column_letter(col + offset))
        col += 2
    total_s, total_v = col, col + 1
    ws.cell(row=4, column=total_s, value=_("Tổng điểm"))
    ws.merge_cells(start_row=4, start_column=total_s, end_row=4, end_column=total_v)
    ws.cell(row=5, column=total_s, value=_("TC"))
    ws.cell(row=5, column=total_v, value=_("TĐ"))
    for r in (4, 5):
        for c in range(1, total_v + 1):
            cell = ws.cell(row=r, column=c)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].height = 60
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)
    return cols, total_s


def _total_formula(spec, cols, code, row):
    """The total of one row as a formula: criteria + min(bonus, cap) − min(penalty, cap)."""

    def part(kind, cap):
        letters = [f"{x}{row}" for x in cols[kind][code]]
        if not letters:
            return None
        expr = f"SUM({','.join(letters)})"
        return f"MIN({expr},{format(cap.normalize(), 'f')})" if cap is not None else expr

    crit = part("criterion", None) or "0"
    bonus = part("bonus", spec.bonus_cap)
    penalty = part("penalty", spec.penalty_cap)
    return "=" + crit + (f"+{bonus}" if bonus else "") + (f"-{penalty}" if penalty else "")


def list_template_workbook(bloc_year):
    """The same grid as a list: one row per unit and criterion (unit, criterion code, TC, TĐ, note)."""
    table = selectors.table_of(bloc_year)
    spec = selectors.table_spec(table)
    members = selectors.members_of(bloc_year)
    scores = selectors.scores_by_cell(table)
    wb = Workbook()
    ws = wb.active
    ws.title = LIST_SHEET
    ws.append([_("Đơn vị"), _("Mã tiêu chí"), _("TC"), _("TĐ"), _("Ghi chú"), _("Nội dung tiêu chí (không cần nhập)"), marker(bloc_year)])
    style_header_row(ws)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["F"].width = 50
    for m in members:
        for leaf in spec.leaves:
            s = scores.get((m.pk, leaf.id))
            sheets.append_row(ws, [m.unit.name, spec.path_codes[leaf.id],
                       as_float(s.self_score) if s else None, as_float(s.verified_score) if s else None,
                       s.note if s else None, f"{leaf.title} (tối đa {scoring.fmt(leaf.max_points)})"])
    ws.freeze_panes = "A2"
    return wb
