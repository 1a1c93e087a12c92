"""Excel in and out for the score grid (openpyxl): the template, the upload check, exports.

The template has one sheet "Chấm điểm": a row per member unit, two columns per leaf criterion
(TC: self score, TĐ: verified score) and the totals as formulas. Row 3 (hidden) holds the machine
keys of the columns ("<criterion id>:s" / ":v"), cell A2 the bloc-year it belongs to.
An empty cell in an upload changes nothing; nothing is written unless the whole file is valid.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.models import Ranking
from emulation.lib.text import nfc, search_key

SHEET = "Chấm điểm"
LIST_SHEET = "Điểm chi tiết"
LIST_HEADER = ["Đơn vị", "Mã tiêu chí", "TC", "TĐ", "Ghi chú"]
FIRST_ROW = 6
HEADER_FILL = PatternFill("solid", fgColor="EEF0F3")
VERIFIED_FILL = PatternFill("solid", fgColor="F4F8FF")


def _marker(bloc_year):
    return f"bloc-year:{bloc_year.bloc_id}/{bloc_year.year}"


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
    ws["A2"] = _marker(bloc_year)
    ws["A2"].font = Font(color="999999", size=8)
    ws["C2"] = _("TC: điểm tự chấm; TĐ: điểm thẩm định. Ô để trống: giữ nguyên điểm đã có. Không sửa dòng 3 đến 5.")
    ws.cell(row=4, column=1, value=_("STT"))
    ws.cell(row=4, column=2, value=_("Đơn vị"))
    ws.cell(row=3, column=2, value="unit")
    cols = {"criterion": {"s": [], "v": []}, "bonus": {"s": [], "v": []}, "penalty": {"s": [], "v": []}}
    col = 3
    for leaf in spec.leaves:
        sign = {"bonus": "+", "penalty": "−"}.get(leaf.kind, "")
        ws.cell(row=4, column=col, value=f"{leaf.label} ({sign}{scoring.fmt(leaf.max_points)})")
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

    def formula(code, row):
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

    for i, m in enumerate(members):
        row = FIRST_ROW + i
        ws.cell(row=row, column=1, value=i + 1)
        ws.cell(row=row, column=2, value=m.unit.name)
        col = 3
        for leaf in spec.leaves:
            s = scores.get((m.pk, leaf.id))
            for offset, value in ((0, s.self_score if s else None), (1, s.verified_score if s else None)):
                cell = ws.cell(row=row, column=col + offset, value=float(value) if value is not None else None)
                cell.number_format = "0.##"
                if offset:
                    cell.fill = VERIFIED_FILL
            col += 2
        ws.cell(row=row, column=total_s, value=formula("s", row)).font = Font(bold=True)
        ws.cell(row=row, column=total_v, value=formula("v", row)).font = Font(bold=True)
    return wb


def list_template_workbook(bloc_year):
    """The same grid as a list: one row per unit and criterion (unit, criterion code, TC, TĐ, note)."""
    table = selectors.table_of(bloc_year)
    spec = selectors.table_spec(table)
    members = selectors.members_of(bloc_year)
    scores = selectors.scores_by_cell(table)
    wb = Workbook()
    ws = wb.active
    ws.title = LIST_SHEET
    ws.append([_("Đơn vị"), _("Mã tiêu chí"), _("TC"), _("TĐ"), _("Ghi chú"), _("Nội dung tiêu chí (không cần nhập)"), _marker(bloc_year)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["F"].width = 50
    for m in members:
        for leaf in spec.leaves:
            s = scores.get((m.pk, leaf.id))
            ws.append([m.unit.name, spec.path_codes[leaf.id],
                       float(s.self_score) if s and s.self_score is not None else None,
                       float(s.verified_score) if s and s.verified_score is not None else None,
                       s.note if s else None, f"{leaf.title} (tối đa {scoring.fmt(leaf.max_points)})"])
    ws.freeze_panes = "A2"
    return wb


def workbook_bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # Vietnamese messages naming the row and column
    changes: list = field(default_factory=list)  # dicts: unit, criterion, field, old, new, m, c, ver
    rows: int = 0

    @property
    def ok(self):
        return not self.errors


def read_upload(bloc_year, fileobj):
    """Check an uploaded workbook against the grid. Returns an ImportResult (nothing is written)."""
    result = ImportResult()
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        result.errors.append(_("Không đọc được tệp: cần tệp Excel .xlsx (tải mẫu ở trang này)."))
        return result
    if LIST_SHEET in wb.sheetnames and SHEET not in wb.sheetnames:
        return _read_list(bloc_year, wb[LIST_SHEET], result)
    if SHEET not in wb.sheetnames:
        result.errors.append(_("Tệp không có trang tính “%(s)s” hay “%(l)s” (các trang có: %(names)s). Hãy dùng tệp mẫu tải từ trang này.")
                             % {"s": SHEET, "l": LIST_SHEET, "names": ", ".join(wb.sheetnames)})
        return result
    ws = wb[SHEET]
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 5 or (rows[1][0] if rows[1] else None) != _marker(bloc_year):
        result.errors.append(_("Tệp mẫu này không phải của %(by)s: hãy tải mẫu đúng khối và năm.") % {"by": bloc_year})
        return result
    table = selectors.table_of(bloc_year)
    spec = selectors.table_spec(table)
    keys = list(rows[2])
    labels = {}
    columns = []  # (index, node, code)
    for idx, key in enumerate(keys):
        if not isinstance(key, str) or ":" not in key:
            continue
        cid, code = key.split(":", 1)
        node = spec.by_id.get(int(cid)) if cid.isdigit() else None
        if node is None or not node.is_leaf or code not in ("s", "v"):
            result.errors.append(_("Cột %(col)s: tiêu chí không còn trong bảng tiêu chí; hãy tải mẫu mới.")
                                 % {"col": get_column_letter(idx + 1)})
            continue
        columns.append((idx, node, code))
        labels[idx] = f"{node.label} – {_('TC') if code == 's' else _('TĐ')}"
    if result.errors:
        return result
    members = selectors.members_of(bloc_year)
    by_name = {search_key(m.unit.name): m for m in members}
    scores = selectors.scores_by_cell(table)
    seen = {}
    for offset, row in enumerate(rows[FIRST_ROW - 1:]):
        number = FIRST_ROW + offset
        name = row[1] if len(row) > 1 else None
        values = [row[i] if i < len(row) else None for i, _n, _c in columns]
        if (name is None or str(name).strip() == "") and all(v is None or str(v).strip() == "" for v in values):
            continue
        result.rows += 1
        name = nfc(str(name or "").strip())
        member = by_name.get(search_key(name))
        if not name:
            result.errors.append(_("Dòng %(n)s: thiếu tên đơn vị.") % {"n": number})
            continue
        if member is None:
            result.errors.append(_("Dòng %(n)s: đơn vị “%(u)s” không phải thành viên của khối năm %(y)s.")
                                 % {"n": number, "u": name, "y": bloc_year.year})
            continue
        if member.pk in seen:
            result.errors.append(_("Dòng %(n)s: đơn vị “%(u)s” đã có ở dòng %(first)s (dòng trùng).")
                                 % {"n": number, "u": member.unit.name, "first": seen[member.pk]})
            continue
        seen[member.pk] = number
        merged = {"s": {}, "v": {}}
        for (m_id, c_id), s in scores.items():
            if m_id == member.pk:
                merged["s"][c_id], merged["v"][c_id] = s.self_score, s.verified_score
        row_changes = []
        for (idx, node, code), raw in zip(columns, values, strict=True):
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                continue
            where = _("Dòng %(n)s (%(u)s), cột “%(col)s”") % {"n": number, "u": member.unit.name, "col": labels[idx]}
            try:
                value = scoring.parse_score(raw)
            except ValueError as exc:
                result.errors.append(f"{where}: {exc}")
                continue
            reason = scoring.cell_error(node, value)
            if reason:
                result.errors.append(f"{where}: {reason}")
                continue
            merged[code][node.id] = value
            current = scores.get((member.pk, node.id))
            old = getattr(current, "self_score" if code == "s" else "verified_score") if current else None
            if old != value:
                row_changes.append({
                    "m": member.pk, "c": node.id, "f": code, "unit": member.unit.name, "criterion": node.label,
                    "field": _("TC") if code == "s" else _("TĐ"), "old": scoring.fmt(old), "new": scoring.fmt(value),
                    "value": str(value), "ver": current.version if current else 0,
                })
        for code in ("s", "v"):
            for reason in scoring.cap_errors(spec, merged[code]).values():
                result.errors.append(_("Dòng %(n)s (%(u)s), %(f)s: %(r)s") % {
                    "n": number, "u": member.unit.name, "f": _("TC") if code == "s" else _("TĐ"), "r": reason})
        result.changes.extend(row_changes)
    if result.rows == 0 and not result.errors:
        result.errors.append(_("Tệp không có dòng điểm nào (dữ liệu bắt đầu từ dòng %(n)s).") % {"n": FIRST_ROW})
    return result


def _read_list(bloc_year, ws, result):
    """The list layout: unit, criterion code, self score, verified score, note; one row per cell."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    if [str(h or "").strip() for h in header[:5]] != LIST_HEADER:
        result.errors.append(_("Dòng 1 của trang “%(s)s” phải là: %(h)s.") % {"s": LIST_SHEET, "h": ", ".join(LIST_HEADER)})
        return result
    if len(header) > 6 and header[6] and header[6] != _marker(bloc_year):
        result.errors.append(_("Tệp mẫu này không phải của %(by)s: hãy tải mẫu đúng khối và năm.") % {"by": bloc_year})
        return result
    table = selectors.table_of(bloc_year)
    spec = selectors.table_spec(table)
    codes = {}
    for leaf in spec.leaves:
        codes.setdefault(search_key(spec.path_codes[leaf.id]), []).append(leaf)
    members = selectors.members_of(bloc_year)
    by_name = {search_key(m.unit.name): m for m in members}
    scores = selectors.scores_by_cell(table)
    seen, merged = {}, {}
    for number, row in enumerate(rows, start=2):
        row = tuple(row) + (None,) * (5 - len(row))
        name, code, raw_s, raw_v, note = row[:5]
        if all(v is None or str(v).strip() == "" for v in row[:5]):
            continue
        result.rows += 1
        name = nfc(str(name or "").strip())
        member = by_name.get(search_key(name))
        if member is None:
            result.errors.append(_("Dòng %(n)s: đơn vị “%(u)s” không phải thành viên của khối năm %(y)s.")
                                 % {"n": number, "u": name, "y": bloc_year.year} if name else _("Dòng %(n)s: thiếu tên đơn vị.") % {"n": number})
            continue
        code = str(code or "").strip()
        found = codes.get(search_key(code), [])
        if len(found) != 1:
            result.errors.append((_("Dòng %(n)s: mã tiêu chí “%(c)s” không có trong bảng tiêu chí.") if not found else
                                  _("Dòng %(n)s: mã tiêu chí “%(c)s” trùng nhau trong bảng tiêu chí.")) % {"n": number, "c": code})
            continue
        node = found[0]
        if (member.pk, node.id) in seen:
            result.errors.append(_("Dòng %(n)s: %(u)s, tiêu chí %(c)s đã có ở dòng %(first)s (dòng trùng).")
                                 % {"n": number, "u": member.unit.name, "c": code, "first": seen[(member.pk, node.id)]})
            continue
        seen[(member.pk, node.id)] = number
        current = scores.get((member.pk, node.id))
        for f, raw in (("s", raw_s), ("v", raw_v)):
            if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                continue
            where = _("Dòng %(n)s (%(u)s, %(c)s), cột %(f)s") % {"n": number, "u": member.unit.name, "c": code,
                                                                "f": _("TC") if f == "s" else _("TĐ")}
            try:
                value = scoring.parse_score(raw)
            except ValueError as exc:
                result.errors.append(f"{where}: {exc}")
                continue
            reason = scoring.cell_error(node, value)
            if reason:
                result.errors.append(f"{where}: {reason}")
                continue
            merged.setdefault((member.pk, f), {})[node.id] = value
            old = getattr(current, "self_score" if f == "s" else "verified_score") if current else None
            if old != value:
                result.changes.append({
                    "m": member.pk, "c": node.id, "f": f, "unit": member.unit.name, "criterion": node.label,
                    "field": _("TC") if f == "s" else _("TĐ"), "old": scoring.fmt(old), "new": scoring.fmt(value),
                    "value": str(value), "ver": current.version if current else 0,
                })
        note = nfc(" ".join(str(note).split())) if note is not None else ""
        if note and note != (current.note if current else ""):
            if len(note) > 500:
                result.errors.append(_("Dòng %(n)s: ghi chú dài quá 500 ký tự.") % {"n": number})
            else:
                result.changes.append({
                    "m": member.pk, "c": node.id, "f": "n", "unit": member.unit.name, "criterion": node.label,
                    "field": _("Ghi chú"), "old": current.note if current else "", "new": note, "value": note,
                    "ver": current.version if current else 0,
                })
    # Bonus and penalty caps per unit, with the stored scores under the new ones.
    by_member = {}
    for (m_id, c_id), s in scores.items():
        by_member.setdefault((m_id, "s"), {})[c_id] = s.self_score
        by_member.setdefault((m_id, "v"), {})[c_id] = s.verified_score
    names = {m.pk: m.unit.name for m in members}
    for (m_id, f), values in merged.items():
        combined = {**by_member.get((m_id, f), {}), **values}
        for reason in scoring.cap_errors(spec, combined).values():
            result.errors.append(_("%(u)s, %(f)s: %(r)s") % {"u": names[m_id], "f": _("TC") if f == "s" else _("TĐ"), "r": reason})
    if result.rows == 0 and not result.errors:
        result.errors.append(_("Tệp không có dòng điểm nào."))
    return result


def apply_changes(*, bloc_year, user, changes, can_verify):
    """Write the previewed changes through ``scores_save`` (all or nothing, with the version check)."""
    cells = {}
    for ch in changes:
        cell = cells.setdefault((ch["m"], ch["c"]), svc.CellInput(member_id=ch["m"], criterion_id=ch["c"], base_version=ch["ver"]))
        if ch["f"] == "s":
            cell.has_self, cell.self_score = True, ch["value"]
        elif ch["f"] == "n":
            cell.has_note, cell.note = True, ch["value"]
        else:
            cell.has_verified, cell.verified_score = True, ch["value"]
    return svc.scores_save(bloc_year=bloc_year, user=user, cells=list(cells.values()), can_verify=can_verify,
                           audit_reason=_("Nhập từ tệp Excel"))


# ---- exports ---------------------------------------------------------------------------------


def ranking_rows(bloc_year):
    """Header and rows of the stored ranking."""

    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    header = [_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Xếp loại"), _("Tiêu chí phụ đã dùng")]
    rows = []
    if ranking:
        for e in ranking.entries.select_related("unit").order_by("rank", "unit__sort_key"):
            rows.append([e.rank, e.unit.name, float(e.total) if e.total is not None else None, e.classification, e.tiebreak_note])
    return header, rows


def breakdown_rows(bloc_year):
    """Header and one row per unit: every leaf's self and verified score, the section totals and the total."""
    table = selectors.table_of(bloc_year)
    criteria = selectors.criteria_in_tree_order(table)
    spec, standing = selectors.standings(bloc_year, table=table, criteria=criteria)
    scores = selectors.scores_by_cell(table)
    header = [_("Đơn vị")]
    for leaf in spec.leaves:
        header += [f"{leaf.label} – {_('TC')}", f"{leaf.label} – {_('TĐ')}"]
    header += [f"{s.label} ({_('tổng')})" for s in spec.sections]
    header += [_("Điểm cộng"), _("Điểm trừ"), _("Tổng điểm")]
    rows = []
    for st in standing:
        row = [st.member.unit.name]
        for leaf in spec.leaves:
            s = scores.get((st.member.pk, leaf.id))
            row += [float(s.self_score) if s and s.self_score is not None else None,
                    float(s.verified_score) if s and s.verified_score is not None else None]
        row += [float(st.totals.sections.get(s.id, 0)) for s in spec.sections]
        row += [float(st.totals.bonus), float(st.totals.penalty), float(st.totals.total)]
        rows.append(row)
    return header, rows


def as_xlsx(title, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "B2"
    ws.column_dimensions["B"].width = 34
    return workbook_bytes(wb)


def as_csv(header, rows):
    """UTF-8 with a byte-order mark so that Excel opens the Vietnamese text correctly; decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([scoring.fmt(v) if isinstance(v, float) else ("" if v is None else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---- criteria tables -------------------------------------------------------------------------

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
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 14
    for c in criteria:
        ws.append([c.depth + 1, c.code, c.title, KIND_LABELS[c.kind], None if c.kind == "section" else float(c.max_points)])
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
    rows, errors = [], []
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        return [], [_("Không đọc được tệp: cần tệp Excel .xlsx (tải mẫu ở trang này).")]
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
        level, code, title, kind, max_points = raw[:5]
        if all(v is None or str(v).strip() == "" for v in raw[:5]):
            continue
        where = _("Dòng %(n)s") % {"n": number}
        try:
            level = int(level)
            if level < 1:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(_("%(w)s: cột Cấp phải là số nguyên từ 1.") % {"w": where})
            continue
        kind_key = KIND_NAMES.get(str(kind or "").strip().lower())
        if kind_key is None:
            errors.append(_("%(w)s: loại “%(k)s” không hợp lệ (Nhóm, Tiêu chí, Điểm cộng, Điểm trừ).") % {"w": where, "k": kind or ""})
            continue
        title = nfc(" ".join(str(title or "").split()))
        if not title:
            errors.append(_("%(w)s: thiếu nội dung.") % {"w": where})
            continue
        value = None
        if kind_key != "section":
            try:
                value = scoring.parse_score(max_points)
            except ValueError as exc:
                errors.append(f"{where}: {exc}")
                continue
            if value is None or value <= 0:
                errors.append(_("%(w)s: điểm tối đa phải lớn hơn 0.") % {"w": where})
                continue
        if level > len(stack) + 1 or (level > 1 and stack[level - 2] != "section"):
            errors.append(_("%(w)s: cấp %(l)s không nằm dưới một nhóm ở cấp %(p)s.") % {"w": where, "l": level, "p": level - 1})
            continue
        stack = stack[:level - 1] + [kind_key]
        rows.append({"level": level, "code": nfc(str(code or "").strip())[:20], "title": title[:500], "kind": kind_key,
                     "max": str(value) if value is not None else "0", "line": number})
    if not rows and not errors:
        errors.append(_("Tệp không có dòng tiêu chí nào."))
    return rows, errors
