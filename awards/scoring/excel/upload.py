"""Upload a filled score template: check it against the grid, preview the changes, then write them.

Both layouts of ``template`` are read (the grid and the list). An empty cell in an upload changes
nothing; nothing is written unless the whole file is valid, and then through ``scores_save``.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.excel.common import field_label, is_blank, marker
from awards.scoring.excel.template import FIRST_ROW, LIST_HEADER, LIST_SHEET, SHEET
from emulation.lib import sheets
from emulation.lib.text import nfc, search_key

SCORE_FIELDS = {"s": "self_score", "v": "verified_score", "n": "note"}


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # Vietnamese messages naming the row and column
    changes: list = field(default_factory=list)  # dicts: unit, criterion, field, old, new, m, c, ver
    rows: int = 0

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Check:
    """One upload being checked: the result so far and what the rows are checked against."""

    bloc_year: object
    result: ImportResult
    spec: scoring.TableSpec
    members: list = field(default_factory=list)
    by_name: dict = field(default_factory=dict)  # search key of the unit name -> member
    scores: dict = field(default_factory=dict)  # (member id, criterion id) -> stored Score

    def load_units_and_scores(self, table):
        self.members = selectors.members_of(self.bloc_year)
        self.by_name = {search_key(m.unit.name): m for m in self.members}
        self.scores = selectors.scores_by_cell(table)

    def member(self, number, name):
        """The member named on row ``number``, or None after noting why there is none."""
        name = nfc(str(name or "").strip())
        member = self.by_name.get(search_key(name)) if name else None
        if not name:
            self.result.errors.append(_("Dòng %(n)s: thiếu tên đơn vị.") % {"n": number})
        elif member is None:
            self.result.errors.append(_("Dòng %(n)s: đơn vị “%(u)s” không phải thành viên của khối năm %(y)s.")
                                      % {"n": number, "u": name, "y": self.bloc_year.year})
        return member

    def value(self, where, node, raw):
        """The checked value of one non-empty score cell, or None after noting why it is refused."""
        try:
            value = scoring.parse_score(raw)
        except ValueError as exc:
            self.result.errors.append(f"{where}: {exc}")
            return None
        reason = scoring.cell_error(node, value)
        if reason:
            self.result.errors.append(f"{where}: {reason}")
            return None
        return value


def _change(member, node, code, current, value):
    """The preview row of a cell whose new value differs from the stored one (None when it does not).
    ``code``: "s" self score, "v" verified score, "n" note."""
    old = getattr(current, SCORE_FIELDS[code]) if current else ("" if code == "n" else None)
    if old == value:
        return None
    show = str if code == "n" else scoring.fmt
    return {"m": member.pk, "c": node.id, "f": code, "unit": member.unit.name, "criterion": node.label,
            "field": field_label(code), "old": show(old), "new": show(value), "value": str(value),
            "ver": current.version if current else 0}


def read_upload(bloc_year, fileobj):
    """Check an uploaded workbook against the grid. Returns an ImportResult (nothing is written)."""
    result = ImportResult()
    try:
        wb = sheets.open_workbook(fileobj)
        if LIST_SHEET in wb.sheetnames and SHEET not in wb.sheetnames:
            _read_list(bloc_year, wb[LIST_SHEET], result)
        elif SHEET not in wb.sheetnames:
            result.errors.append(_("Tệp không có trang tính “%(s)s” hay “%(l)s” (các trang có: %(names)s). Hãy dùng tệp mẫu tải từ trang này.")
                                 % {"s": SHEET, "l": LIST_SHEET, "names": ", ".join(wb.sheetnames)})
        else:
            _read_grid(bloc_year, wb[SHEET], result)
    except sheets.UploadRejected as refused:  # over a limit: nothing more is read, nothing is kept
        result.errors, result.changes = list(refused.messages), []
    result.errors = sheets.capped(result.errors)
    return result


# ---- the grid layout -------------------------------------------------------------------------


def _read_grid(bloc_year, ws, result):
    """The grid layout: a row per unit, the columns named by the hidden row 3."""
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 5 or (rows[1][0] if rows[1] else None) != marker(bloc_year):
        result.errors.append(_("Tệp mẫu này không phải của %(by)s: hãy tải mẫu đúng khối và năm.") % {"by": bloc_year})
        return result
    table = selectors.table_of(bloc_year)
    check = _Check(bloc_year=bloc_year, result=result, spec=selectors.table_spec(table))
    columns = _grid_columns(check, rows[2])
    if result.errors:
        return result
    check.load_units_and_scores(table)
    seen = {}  # member id -> its first row
    for offset, row in enumerate(rows[FIRST_ROW - 1:]):
        name = row[1] if len(row) > 1 else None
        values = [row[i] if i < len(row) else None for i, _n, _c, _l in columns]
        if is_blank(name) and all(is_blank(v) for v in values):
            continue
        result.rows += 1
        _grid_row(check, FIRST_ROW + offset, name, zip(columns, values, strict=True), seen)
    if result.rows == 0 and not result.errors:
        result.errors.append(_("Tệp không có dòng điểm nào (dữ liệu bắt đầu từ dòng %(n)s).") % {"n": FIRST_ROW})
    return result


def _grid_columns(check, keys):
    """The score columns of the grid as (index, node, code, label); unknown criteria are noted as errors."""
    columns = []
    for idx, key in enumerate(keys):
        if not isinstance(key, str) or ":" not in key:
            continue
        cid, code = key.split(":", 1)
        node = check.spec.by_id.get(int(cid)) if cid.isdecimal() else None
        if node is None or not node.is_leaf or code not in ("s", "v"):
            check.result.errors.append(_("Cột %(col)s: tiêu chí không còn trong bảng tiêu chí; hãy tải mẫu mới.")
                                       % {"col": get_column_letter(idx + 1)})
            continue
        columns.append((idx, node, code, f"{node.label} – {field_label(code)}"))
    return columns


def _grid_row(check, number, name, cells, seen):
    """One unit's row of the grid: its changes, or the reasons it is refused (cells, caps, a repeated unit)."""
    result = check.result
    member = check.member(number, name)
    if member is None:
        return
    if member.pk in seen:
        result.errors.append(_("Dòng %(n)s: đơn vị “%(u)s” đã có ở dòng %(first)s (dòng trùng).")
                             % {"n": number, "u": member.unit.name, "first": seen[member.pk]})
        return
    seen[member.pk] = number
    new, row_changes = {"s": {}, "v": {}}, []
    for (_idx, node, code, label), raw in cells:
        if is_blank(raw):
            continue
        where = _("Dòng %(n)s (%(u)s), cột “%(col)s”") % {"n": number, "u": member.unit.name, "col": label}
        value = check.value(where, node, raw)
        if value is None:
            continue
        new[code][node.id] = value
        change = _change(member, node, code, check.scores.get((member.pk, node.id)), value)
        if change:
            row_changes.append(change)
    for code in ("s", "v"):
        for reason in scoring.unit_cap_errors(check.spec, check.scores, member.pk, code, new[code]).values():
            result.errors.append(_("Dòng %(n)s (%(u)s), %(f)s: %(r)s") % {
                "n": number, "u": member.unit.name, "f": field_label(code), "r": reason})
    result.changes.extend(row_changes)


# ---- the list layout -------------------------------------------------------------------------


def _read_list(bloc_year, ws, result):
    """The list layout: unit, criterion code, self score, verified score, note; one row per cell."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    if [str(h or "").strip() for h in header[:5]] != LIST_HEADER:
        result.errors.append(_("Dòng 1 của trang “%(s)s” phải là: %(h)s.") % {"s": LIST_SHEET, "h": ", ".join(LIST_HEADER)})
        return result
    if len(header) > 6 and header[6] and header[6] != marker(bloc_year):
        result.errors.append(_("Tệp mẫu này không phải của %(by)s: hãy tải mẫu đúng khối và năm.") % {"by": bloc_year})
        return result
    table = selectors.table_of(bloc_year)
    check = _Check(bloc_year=bloc_year, result=result, spec=selectors.table_spec(table))
    codes = {}  # search key of a criterion code -> the leaves that have it
    for leaf in check.spec.leaves:
        codes.setdefault(search_key(check.spec.path_codes[leaf.id]), []).append(leaf)
    check.load_units_and_scores(table)
    seen, new = {}, {}  # (member id, criterion id) -> first row; (member id, code) -> {criterion id: value}
    for number, row in enumerate(rows, start=2):
        row = tuple(row) + (None,) * (5 - len(row))
        if all(is_blank(v) for v in row[:5]):
            continue
        result.rows += 1
        _list_row(check, number, row[:5], codes, seen, new)
    # Bonus and penalty caps per unit, with the stored scores under the new ones.
    names = {m.pk: m.unit.name for m in check.members}
    for (m_id, code), values in new.items():
        for reason in scoring.unit_cap_errors(check.spec, check.scores, m_id, code, values).values():
            result.errors.append(_("%(u)s, %(f)s: %(r)s") % {"u": names[m_id], "f": field_label(code), "r": reason})
    if result.rows == 0 and not result.errors:
        result.errors.append(_("Tệp không có dòng điểm nào."))
    return result


def _list_row(check, number, row, codes, seen, new):
    """One (unit, criterion) row of the list: its changes into ``check.result``, its values into ``new``."""
    result = check.result
    name, code, raw_s, raw_v, note = row
    member = check.member(number, name)
    if member is None:
        return
    code = str(code or "").strip()
    found = codes.get(search_key(code), [])
    if len(found) != 1:
        result.errors.append((_("Dòng %(n)s: mã tiêu chí “%(c)s” không có trong bảng tiêu chí.") if not found else
                              _("Dòng %(n)s: mã tiêu chí “%(c)s” trùng nhau trong bảng tiêu chí.")) % {"n": number, "c": code})
        return
    node = found[0]
    if (member.pk, node.id) in seen:
        result.errors.append(_("Dòng %(n)s: %(u)s, tiêu chí %(c)s đã có ở dòng %(first)s (dòng trùng).")
                             % {"n": number, "u": member.unit.name, "c": code, "first": seen[(member.pk, node.id)]})
        return
    seen[(member.pk, node.id)] = number
    current = check.scores.get((member.pk, node.id))
    for f, raw in (("s", raw_s), ("v", raw_v)):
        if is_blank(raw):
            continue
        where = _("Dòng %(n)s (%(u)s, %(c)s), cột %(f)s") % {"n": number, "u": member.unit.name, "c": code,
                                                            "f": field_label(f)}
        value = check.value(where, node, raw)
        if value is None:
            continue
        new.setdefault((member.pk, f), {})[node.id] = value
        change = _change(member, node, f, current, value)
        if change:
            result.changes.append(change)
    note = nfc(" ".join(str(note).split())) if note is not None else ""
    change = _change(member, node, "n", current, note) if note else None
    if change and len(note) > 500:
        result.errors.append(_("Dòng %(n)s: ghi chú dài quá 500 ký tự.") % {"n": number})
    elif change:
        result.changes.append(change)


# ---- writing ---------------------------------------------------------------------------------


def apply_changes(*, bloc_year, user, changes, access):
    """Write the previewed changes through ``scores_save`` (all or nothing, with the version check), with
    the user's rights on the grid (``access``: ``selectors.grid_access``)."""
    cells = {}
    for ch in changes:
        cell = cells.setdefault((ch["m"], ch["c"]), svc.CellInput(member_id=ch["m"], criterion_id=ch["c"], base_version=ch["ver"]))
        if ch["f"] == "s":
            cell.has_self, cell.self_score = True, ch["value"]
        elif ch["f"] == "n":
            cell.has_note, cell.note = True, ch["value"]
        else:
            cell.has_verified, cell.verified_score = True, ch["value"]
    return svc.scores_save(bloc_year=bloc_year, user=user, cells=list(cells.values()),
                           access=access, audit_reason=_("Nhập từ tệp Excel"))
