"""The bulk import of a year's members (a pasted list or an Excel file): each name matched to a unit
that may join. Nothing is written here; ``services.members_add_bulk`` adds the units confirmed.

A row is a dict: ``row`` (1-based), ``name``, ``unit`` (the unit preselected or chosen, or None),
``how`` ("exact"; "clear": the only unit whose name is the same once tone marks, case, spacing and
prefixes such as "UBND", "Phường", "Sở" are ignored; "" when the user must choose), ``choices``
(the ambiguous matches, or suggestions), ``suggested``, ``typed`` (a name typed in the row's search
box that matched nothing) and ``already`` (the unit is already a member of the year). Confirmed rows
also have ``status``: ``added``, ``already`` (a member already, or the same unit as an earlier row,
``duplicate_of``) or ``skipped`` (only when the user chose "skip" for the row; nothing else skips one).
"""

from django.utils.translation import gettext as _

from blocs.years.models import BlocYear
from blocs.years.selectors import unit_candidates
from emulation.lib.forms import as_id
from emulation.lib.text import ascii_key, core_name_key, has_diacritics, nfc, search_key

SKIP = "skip"  # the value of a row's "skip this row" choice


def _keys(candidates):
    by_key, by_core = {}, {}
    for unit in candidates:
        for name in filter(None, (unit.name, unit.short_name)):
            by_key.setdefault(search_key(name), {})[unit.pk] = unit
            by_core.setdefault(core_name_key(name), {})[unit.pk] = unit
    return by_key, by_core


def match_unit_names(names, candidates):
    """Match each name against ``candidates`` (by name or short name): exactly (tone-mark-insensitively),
    else clearly (``core_name_key``: prefixes, spacing and case ignored too) when one unit only; a name
    that matches nothing gets up to ten units whose name contains it, as suggestions to choose from."""
    by_key, by_core = _keys(candidates)
    rows = []
    for i, name in enumerate(names, start=1):
        row = {"row": i, "name": name, "unit": None, "how": "", "choices": [], "suggested": False}
        exact = list(by_key.get(search_key(name), {}).values())
        clear = list(by_core.get(core_name_key(name), {}).values()) if not exact else []
        if len(exact) == 1 or (not exact and len(clear) == 1):
            row["unit"], row["how"] = (exact or clear)[0], "exact" if exact else "clear"
        elif exact or clear:
            row["choices"] = exact or clear
        else:
            loose, core = ascii_key(name), core_name_key(name)
            row["choices"] = [u for u in candidates if (loose and loose in u.name_ascii)
                              or (core and core in core_name_key(u.name))][:10]
            row["suggested"] = bool(row["choices"])
        rows.append(row)
    return rows


def _typed_unit(typed, candidates):
    """The unit a name typed in a row's search box names: one exact or clear match, else (typed
    without diacritics) the only unit with that name without diacritics; None otherwise."""
    unit = match_unit_names([typed], candidates)[0]["unit"]
    if unit is None and not has_diacritics(typed):
        loose = [u for u in candidates if u.name_ascii == ascii_key(typed)]
        unit = loose[0] if len(loose) == 1 else None
    return unit


def _mark_members(rows, bloc_year):
    member_ids = set(bloc_year.members.values_list("unit_id", flat=True))
    for r in rows:
        r["already"] = r["unit"] is not None and r["unit"].pk in member_ids
    return rows


def matched_rows(*, bloc_year: BlocYear, names: list) -> list:
    """The preview of a pasted or uploaded list: one row per name (matched, ambiguous or unmatched)."""
    candidates = list(unit_candidates(bloc=bloc_year.bloc, year=bloc_year.year).select_related("province"))
    return _mark_members(match_unit_names(names, candidates), bloc_year)


def _chosen_unit(row, pk, text, candidates, by_pk):
    """The unit of a confirmed row and the error of the row ("" if none); None with no error: skipped."""
    if text:
        unit = _typed_unit(text, candidates)
        if unit is None:
            return None, _("Dòng %(row)s: không tìm thấy đơn vị “%(name)s”; hãy gõ vài chữ của tên rồi chọn trong danh "
                           "sách gợi ý, hoặc chọn “Bỏ qua dòng này”.") % {"row": row["row"], "name": text}
        return unit, ""
    if pk == SKIP:
        return None, ""
    if not pk:
        return None, _("Dòng %(row)s (“%(name)s”): chưa chọn đơn vị; hãy chọn một đơn vị hoặc “Bỏ qua dòng này”.") % {
            "row": row["row"], "name": row["name"]}
    unit = by_pk.get(as_id(pk))
    return unit, "" if unit is not None else _("Dòng %(row)s: đơn vị đã chọn không hợp lệ.") % {"row": row["row"]}


def confirmed_rows(*, bloc_year: BlocYear, names: list, chosen: list, typed: list):
    """The preview posted back: per row the unit chosen (an id, ``SKIP``, or "" when not chosen yet)
    or a name typed without JavaScript. Returns (rows with their ``status``, units to add, the row
    number of each, errors naming the row). A row neither matched nor chosen is an error, never skipped."""
    candidates = list(unit_candidates(bloc=bloc_year.bloc, year=bloc_year.year).select_related("province"))
    by_pk = {u.pk: u for u in candidates}
    rows = match_unit_names(names, candidates)  # the choices again, should the page be shown again
    member_ids = set(bloc_year.members.values_list("unit_id", flat=True))
    units, numbers, errors, first_row = [], [], [], {}
    for row, pk, text in zip(rows, chosen, typed, strict=False):
        text = " ".join(nfc(text).split())
        unit, error = _chosen_unit(row, pk, text, candidates, by_pk)
        row.update(unit=unit, typed=text if unit is None else "", already=unit is not None and unit.pk in member_ids,
                   skipped=pk == SKIP and not text and not error)
        if error:
            errors.append(error)
            row["status"] = ""
        elif unit is None:
            row["status"] = "skipped"
        elif row["already"] or unit.pk in first_row:
            row["status"], row["duplicate_of"] = "already", first_row.get(unit.pk)
        else:
            row["status"], first_row[unit.pk] = "added", row["row"]
            units.append(unit)
            numbers.append(row["row"])
    if len(chosen) < len(rows):
        errors.append(_("Danh sách gửi lên thiếu dòng; hãy làm lại từ đầu."))
    return rows, units, numbers, errors


def report_counts(rows):
    """How many rows were added, already present and skipped by the user's choice."""
    return {status: sum(1 for r in rows if r.get("status") == status) for status in ("added", "already", "skipped")}
