"""The bulk import of a year's members (a pasted list or an Excel file): each name matched to a unit
that may join, tone-mark-insensitively. Nothing is written here; ``services.members_add_bulk`` adds
the units confirmed.

A row is a dict: ``row`` (1-based), ``name``, ``unit`` (or None), ``choices`` (the ambiguous
matches, or suggestions when nothing matched), ``suggested``, ``typed`` (a name typed in the row's
search box that matched nothing) and ``already`` (the unit is already a member of the year).
"""

from django.utils.translation import gettext as _

from blocs.years.models import BlocYear
from blocs.years.selectors import unit_candidates
from emulation.lib.text import ascii_key, has_diacritics, nfc, search_key


def match_unit_names(names, candidates):
    """Match each name tone-mark-insensitively against ``candidates`` (by name or short name); a
    name that matches nothing gets up to ten units whose name contains it without diacritics."""
    by_key = {}
    for unit in candidates:
        by_key.setdefault(unit.name_key, []).append(unit)
        if unit.short_name:
            by_key.setdefault(search_key(unit.short_name), []).append(unit)
    rows = []
    for i, name in enumerate(names, start=1):
        found = list({u.pk: u for u in by_key.get(search_key(name), [])}.values())
        if not found:
            # No exact match: suggest units whose name contains the typed text without diacritics.
            loose = ascii_key(name)
            found = [u for u in candidates if loose and loose in u.name_ascii][:10] or []
            rows.append({"row": i, "name": name, "unit": None, "choices": found, "suggested": bool(found)})
            continue
        rows.append({"row": i, "name": name, "unit": found[0] if len(found) == 1 else None,
                     "choices": found if len(found) > 1 else [], "suggested": False})
    return rows


def _typed_unit(typed, candidates):
    """The unit a name typed in a row's search box names: one exact match, else (typed without
    diacritics) the only unit with that name without diacritics; None otherwise."""
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
    candidates = list(unit_candidates(bloc=bloc_year.bloc, year=bloc_year.year))
    return _mark_members(match_unit_names(names, candidates), bloc_year)


def confirmed_rows(*, bloc_year: BlocYear, names: list, chosen: list, typed: list):
    """The preview posted back: per row the unit chosen (an id, or "" to skip it) or a name typed
    without JavaScript. Returns (rows, units to add, errors naming the row)."""
    candidates = list(unit_candidates(bloc=bloc_year.bloc, year=bloc_year.year))
    by_pk = {u.pk: u for u in candidates}
    rows, units, errors = [], [], []
    for i, (name, pk, text) in enumerate(zip(names, chosen, typed, strict=False), start=1):
        unit = by_pk.get(int(pk)) if pk.isdigit() else None
        text = " ".join(nfc(text).split())
        if text:
            unit = _typed_unit(text, candidates)
            if unit is None:
                errors.append(_("Dòng %(row)s: không tìm thấy đơn vị “%(name)s”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý.")
                              % {"row": i, "name": text})
        elif pk and unit is None:
            errors.append(_("Dòng %(row)s: đơn vị đã chọn không hợp lệ.") % {"row": i})
        rows.append({"row": i, "name": name, "unit": unit, "choices": [], "suggested": False, "typed": text if unit is None else ""})
        if unit is not None:
            units.append(unit)
    return _mark_members(rows, bloc_year), units, errors
