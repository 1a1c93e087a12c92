"""Writes of the pledge (giao ước thi đua) of a bloc-year: header, bases, commitments, signatories.

Keyword-only, one transaction each, Vietnamese ``ValidationError``s, one audit entry per change.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from blocs.audit.services import diff, record
from blocs.pledges.models import Pledge, PledgeBasis, PledgeCommitment, PledgeSignatory
from blocs.years.models import BlocYear
from emulation.lib.text import nfc

PLEDGE_FIELDS = ["title", "number", "signing_place", "signing_date", "goals", "implementation"]
ITEM_MODELS = {"can-cu": PledgeBasis, "noi-dung": PledgeCommitment}


def _check_signing_date(bloc_year, day):
    if day and not (datetime.date(bloc_year.year - 1, 1, 1) <= day <= datetime.date(bloc_year.year, 12, 31)):
        raise ValidationError(
            {"signing_date": _("Ngày ký giao ước năm %(year)s phải trong năm %(prev)s hoặc %(year)s.")
             % {"year": bloc_year.year, "prev": bloc_year.year - 1}},
            code="signing_date",
        )


@transaction.atomic
def pledge_save(*, user, bloc_year: BlocYear, data: dict) -> Pledge:
    """Create or change the pledge's header. Side effect: one audit entry."""
    _check_signing_date(bloc_year, data.get("signing_date"))
    pledge, created = Pledge.objects.get_or_create(bloc_year=bloc_year)
    changes = diff(pledge, data, PLEDGE_FIELDS)
    for f in PLEDGE_FIELDS:
        if f in data:
            setattr(pledge, f, data[f])
    pledge.save()
    if created or changes:
        record(user=user, action="pledge_create" if created else "pledge_update", obj=pledge, bloc_year=bloc_year, changes=changes)
    return pledge


def _clean_text(text):
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Nội dung không được để trống.")}, code="empty")
    return text


def _renumber(model, pledge):
    items = list(model.objects.filter(pledge=pledge).order_by("order", "pk"))
    for i, item in enumerate(items, start=1):
        item.order = i
    model.objects.bulk_update(items, ["order"])
    return items


@transaction.atomic
def pledge_item_add(*, user, bloc_year: BlocYear, kind: str, text: str):
    """Append a basis (``can-cu``) or a commitment (``noi-dung``); creates the pledge if needed."""
    model = ITEM_MODELS[kind]
    text = _clean_text(text)
    pledge, _created = Pledge.objects.get_or_create(bloc_year=bloc_year)
    last = model.objects.filter(pledge=pledge).aggregate(m=Max("order"))["m"] or 0
    item = model.objects.create(pledge=pledge, order=last + 1, text=text)
    record(user=user, action=f"pledge_{model._meta.model_name}_add", obj=item, bloc_year=bloc_year, changes={"text": (None, text)})
    return item


@transaction.atomic
def pledge_item_update(*, user, item, text: str):
    text = _clean_text(text)
    changes = diff(item, {"text": text}, ["text"])
    item.text = text
    item.save(update_fields=["text"])
    if changes:
        record(user=user, action=f"pledge_{item._meta.model_name}_update", obj=item, bloc_year=item.pledge.bloc_year, changes=changes)
    return item


@transaction.atomic
def pledge_item_delete(*, user, item) -> None:
    """Delete an item and number the rest 1, 2, 3…"""
    model, pledge = type(item), item.pledge
    record(user=user, action=f"pledge_{model._meta.model_name}_delete", obj=item, bloc_year=pledge.bloc_year,
           changes={"text": (item.text, None)})
    item.delete()
    _renumber(model, pledge)


@transaction.atomic
def pledge_item_move(*, user, item, up: bool) -> None:
    """Swap an item with the one above (``up``) or below; the first cannot go up, the last not down."""
    model, pledge = type(item), item.pledge
    items = _renumber(model, pledge)
    i = next(i for i, it in enumerate(items) if it.pk == item.pk)
    j = i - 1 if up else i + 1
    if j < 0 or j >= len(items):
        raise ValidationError(_("Mục này đã ở đầu danh sách.") if up else _("Mục này đã ở cuối danh sách."), code="edge")
    items[i].order, items[j].order = items[j].order, items[i].order
    model.objects.bulk_update([items[i], items[j]], ["order"])
    record(user=user, action=f"pledge_{model._meta.model_name}_move", obj=items[i], bloc_year=pledge.bloc_year,
           changes={"order": (i + 1, j + 1)})


@transaction.atomic
def pledge_copy_from_previous(*, user, bloc_year: BlocYear) -> Pledge:
    """Copy last year's commitments (and bases, if this year has none) into this year's pledge.

    Refuses when this year already has commitments or when last year has none.
    """
    previous = BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year__lt=bloc_year.year).order_by("-year").first()
    source = Pledge.objects.filter(bloc_year=previous).first() if previous else None
    commitments = list(source.commitments.all()) if source else []
    if not commitments:
        raise ValidationError(_("Năm trước chưa có nội dung giao ước để sao chép."), code="nothing_to_copy")
    pledge, _created = Pledge.objects.get_or_create(bloc_year=bloc_year)
    if pledge.commitments.exists():
        raise ValidationError(_("Bản giao ước năm %(year)s đã có nội dung; hãy xoá các nội dung hiện có trước khi sao chép.")
                              % {"year": bloc_year.year}, code="not_empty")
    PledgeCommitment.objects.bulk_create([PledgeCommitment(pledge=pledge, order=c.order, text=c.text) for c in commitments])
    _renumber(PledgeCommitment, pledge)
    copied_bases = 0
    if not pledge.bases.exists():
        bases = list(source.bases.all())
        PledgeBasis.objects.bulk_create([PledgeBasis(pledge=pledge, order=b.order, text=b.text) for b in bases])
        copied_bases = len(bases)
    record(user=user, action="pledge_copy", obj=pledge, bloc_year=bloc_year,
           changes={"commitments": (None, len(commitments)), "bases": (None, copied_bases), "from_year": (None, previous.year)})
    return pledge


@transaction.atomic
def pledge_signatories_save(*, user, bloc_year: BlocYear, rows: list) -> Pledge:
    """One signatory per member unit. ``rows``: dicts with unit, signer_name, signer_title,
    signing_formula, returned, absent_signed_later. Units that are not members are refused."""
    member_ids = set(bloc_year.members.values_list("unit_id", flat=True))
    errors = []
    for i, row in enumerate(rows, start=1):
        if row["unit"].pk not in member_ids:
            errors.append(_("Dòng %(row)s: %(unit)s không phải thành viên năm %(year)s.") % {"row": i, "unit": row["unit"].name, "year": bloc_year.year})
        elif row.get("returned") and not (row.get("signer_name") or "").strip():
            errors.append(_("Dòng %(row)s (%(unit)s): đã nhận bản ký thì cần ghi tên người ký.") % {"row": i, "unit": row["unit"].name})
    if errors:
        raise ValidationError(errors, code="signatories")
    pledge, _created = Pledge.objects.get_or_create(bloc_year=bloc_year)
    existing = {s.unit_id: s for s in pledge.signatories.all()}
    fields = ["signer_name", "signer_title", "signing_formula", "returned", "absent_signed_later"]
    to_create, to_update, changes = [], [], {}
    for row in rows:
        values = {f: nfc(row.get(f)) if isinstance(row.get(f), str) else bool(row.get(f)) for f in fields}
        sig = existing.get(row["unit"].pk)
        if sig is None:
            to_create.append(PledgeSignatory(pledge=pledge, unit=row["unit"], **values))
            changes[row["unit"].name] = (None, values["signer_name"])
        else:
            d = diff(sig, values, fields)
            if d:
                for f, v in values.items():
                    setattr(sig, f, v)
                to_update.append(sig)
                changes[row["unit"].name] = (str({k: o for k, (o, n) in d.items()}), str({k: n for k, (o, n) in d.items()}))
    PledgeSignatory.objects.bulk_create(to_create)
    if to_update:
        PledgeSignatory.objects.bulk_update(to_update, fields)
    if changes:
        record(user=user, action="pledge_signatories_save", obj=pledge, bloc_year=bloc_year, changes=changes)
    return pledge
