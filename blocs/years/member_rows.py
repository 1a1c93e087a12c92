"""Formsets with one row per member unit of a year (pledge signatories, meeting attendance): the
rows offered and the rows posted back, each with its member's unit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def member_initial(members, existing, defaults):
    """One row per member: the fields of its unit's existing record (``existing``: unit id -> record),
    else ``defaults`` (name -> a value, or a function of the member)."""
    rows = []
    for m in members:
        record = existing.get(m.unit_id)
        row = {"unit": m.unit_id}
        for name, default in defaults.items():
            row[name] = getattr(record, name) if record else (default(m) if callable(default) else default)
        rows.append(row)
    return rows


def member_rows(formset, members, *, every_member=False):
    """The cleaned rows of a valid formset, each with the unit of its member. Raises when a row's unit
    is no longer a member (or, with ``every_member``, when a member has no row): the page is stale."""
    units = {m.unit_id: m.unit for m in members}
    rows = [{**f.cleaned_data, "unit": units.get(f.cleaned_data.get("unit"))} for f in formset.forms]
    if any(r["unit"] is None for r in rows) or (every_member and len(rows) != len(members)):
        raise ValidationError(_("Danh sách thành viên đã thay đổi; hãy tải lại trang và nhập lại."))
    first = {}
    for number, row in enumerate(rows, start=1):
        if row["unit"].pk in first:
            raise ValidationError(_("Dòng %(n)s: %(unit)s trùng với dòng %(first)s; mỗi đơn vị chỉ một dòng.") % {
                "n": number, "unit": row["unit"].name, "first": first[row["unit"].pk]}, code="duplicate_row")
        first[row["unit"].pk] = number
    return rows
