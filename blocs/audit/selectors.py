"""Reading the audit history: one bloc-year's entries, filtered and paginated, each with its changes
spelled out in Vietnamese (field names from the models or ``labels.FIELD_LABELS``, choices by label)."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from blocs.audit.labels import ACTION_GROUPS, FIELD_LABELS, INTERNAL_FIELDS
from blocs.audit.models import AuditEntry

PAGE_SIZE = 50


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def _field(model, key):
    try:
        return model._meta.get_field(key) if model else None
    except FieldDoesNotExist:
        return None


def _shown(field, value):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def changes_of(entry):
    """The entry's changes as (field label, old, new) in Vietnamese, in the order they were recorded."""
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    rows = []
    for key, pair in (entry.changes or {}).items():
        if key in INTERNAL_FIELDS:
            continue
        old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        field = _field(model, key)
        label = FIELD_LABELS.get(key) or (str(field.verbose_name) if field is not None else key)
        rows.append(Change(label[:1].upper() + label[1:], _shown(field, old), _shown(field, new)))
    return rows


def history_page(bloc_year, *, group="", who="", page=1):
    """One page of the bloc-year's history, newest first, with each entry's ``rows`` of changes.
    ``group`` is one of ``ACTION_GROUPS`` (empty: all); ``who`` a user name as recorded."""
    qs = AuditEntry.objects.filter(bloc_year=bloc_year).order_by("-at", "-pk")
    if group in ACTION_GROUPS:
        qs = qs.filter(action__in=ACTION_GROUPS[group][1])
    if who:
        qs = qs.filter(user_name=who)
    result = Paginator(qs, PAGE_SIZE).get_page(page)
    for entry in result.object_list:
        entry.rows = changes_of(entry)
    return result


def history_people(bloc_year):
    """The names of everyone who changed something in the bloc-year (for the filter)."""
    return list(AuditEntry.objects.filter(bloc_year=bloc_year).exclude(user_name="")
                .order_by("user_name").values_list("user_name", flat=True).distinct())


def recent(bloc_year, n=5):
    return [*AuditEntry.objects.filter(bloc_year=bloc_year).order_by("-at", "-pk")[:n]]
