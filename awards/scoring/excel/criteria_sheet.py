"""The criteria table as a sheet: download it (also the template of an import) and read one back."""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring.excel.common import is_blank, style_header_row
from emulation.lib import sheets
from emulation.lib.text import nfc

CRITERIA_SHEET = "Tiêu chí"
CRITERIA_HEADER = ["Cấp", "Số thứ tự", "Nội dung", "Loại", "Điểm tối đa"]
KIND_NAMES = {"nhóm": "section", "nhóm tiêu chí": "section", "tiêu chí": "criterion", "điểm cộng": "bonus",
              "điểm trừ": "penalty"}
KIND_LABELS = {"section": "Nhóm", "criterion": "Tiêu chí", "bonus": "Điểm cộng", "penalty": "Điểm trừ"}


def criteria_workbook(bloc_year):
    """The criteria table as a sheet (level, code, title, kind, maximum): a template to fill or edit."""
    table = selectors.table_of(bloc_year)
    criteria = selectors.criteria_in_tree_order(table)
    wb = Workbook()
    ws = wb.active
    ws.title = CRITERIA_SHEET
    ws.append([_(h) for h in CRITERIA_HEADER])
    style_header_row(ws)
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 14
    for c in criteria:
        sheets.append_row(ws, [c.depth + 1, c.code, c.title, KIND_LABELS[c.kind], None if c.kind == "section" else float(c.max_points)])
    if not criteria:
        ws.append([1, "I", _("Tên nhóm tiêu chí"), "Nhóm", None])
        ws.append([2, "1", _("Tên tiêu chí"), "Tiêu chí", 10])
        ws.append([1, "C1", _("Tên mục điểm cộng"), "Điểm cộng", 5])
        ws.append([1, "T1", _("Tên mục điểm trừ"), "Điểm trừ", 5])
    ws["G1"] = _("Cấp 1 là cấp cao nhất; một dòng cấp 2 thuộc nhóm cấp 1 ở trên nó gần nhất. "
                 "Loại: Nhóm, Tiêu chí, Điểm cộng, Điểm trừ.")
    return wb


def read_criteria(fileobj):
    """Rows of a criteria sheet checked all together: (rows, errors). Each row: dict(level, code, title, kind, max)."""
    try:
        return _read_criteria(sheets.open_workbook(fileobj))
    except sheets.UploadRejected as refused:  # over a limit: nothing more is read
        return [], list(refused.messages)


def _read_criteria(wb):
    rows, errors = [], []
    if CRITERIA_SHEET not in wb.sheetnames:
        return [], [_("Tệp không có trang tính “%(s)s” (các trang có: %(names)s).") % {
            "s": CRITERIA_SHEET, "names": ", ".join(wb.sheetnames)}]
    it = wb[CRITERIA_SHEET].iter_rows(values_only=True)
    header = [str(h or "").strip() for h in (next(it, None) or ())[:5]]
    if header != CRITERIA_HEADER:
        return [], [_("Dòng 1 phải là: %(h)s.") % {"h": ", ".join(CRITERIA_HEADER)}]
    stack = []  # kinds of the open levels
    for number, raw in enumerate(it, start=2):
        raw = tuple(raw) + (None,) * (5 - len(raw))
        if all(is_blank(v) for v in raw[:5]):
            continue
        row, error = _criteria_row(number, raw[:5], stack)
        if error:
            errors.append(error)
            continue
        stack = stack[:row["level"] - 1] + [row["kind"]]
        rows.append(row)
    if not rows and not errors:
        errors.append(_("Tệp không có dòng tiêu chí nào."))
    return rows, sheets.capped(errors)


def _criteria_row(number, raw, stack):
    """One line of the sheet checked: (row, None) or (None, the reason). ``stack``: kinds of the open levels."""
    level, code, title, kind, max_points = raw
    where = _("Dòng %(n)s") % {"n": number}
    try:
        level = int(level)
        if level < 1:
            raise ValueError
    except (TypeError, ValueError):
        return None, _("%(w)s: cột Cấp phải là số nguyên từ 1.") % {"w": where}
    kind_key = KIND_NAMES.get(str(kind or "").strip().lower())
    if kind_key is None:
        return None, _("%(w)s: loại “%(k)s” không hợp lệ (Nhóm, Tiêu chí, Điểm cộng, Điểm trừ).") % {"w": where, "k": kind or ""}
    title = nfc(" ".join(str(title or "").split()))
    if not title:
        return None, _("%(w)s: thiếu nội dung.") % {"w": where}
    value = None
    if kind_key != "section":
        try:
            value = scoring.parse_score(max_points)
        except ValueError as exc:
            return None, f"{where}: {exc}"
        if value is None or value <= 0:
            return None, _("%(w)s: điểm tối đa phải lớn hơn 0.") % {"w": where}
    if level > len(stack) + 1 or (level > 1 and stack[level - 2] != "section"):
        return None, _("%(w)s: cấp %(l)s không nằm dưới một nhóm ở cấp %(p)s.") % {"w": where, "l": level, "p": level - 1}
    return {"level": level, "code": nfc(str(code or "").strip())[:20], "title": title[:500], "kind": kind_key,
            "max": str(value) if value is not None else "0", "line": number}, None
