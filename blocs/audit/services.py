"""Recording changes in the audit history (one place)."""

from blocs.audit.models import AuditEntry


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def user_name(user):
    """How a user is named in the history (kept with each entry, so it outlives the account)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return (user.get_full_name() or user.get_username())[:300]


def entry(*, user, action, obj, changes=None, reason="", bloc_year=None, object_repr=None):
    """One audit entry, not yet stored (``AuditEntry.objects.bulk_create`` takes many). ``changes`` maps
    field names to (old, new); values are stored as JSON-safe plain values."""
    return AuditEntry(
        user=user if getattr(user, "is_authenticated", False) else None,
        user_name=user_name(user),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=(object_repr if object_repr is not None else str(obj))[:255],
        bloc_year=bloc_year,
        changes={k: [_plain(o), _plain(n)] for k, (o, n) in (changes or {}).items()},
        reason=reason,
    )


def record(*, user, action, obj, changes=None, reason="", bloc_year=None, object_repr=None):
    """Store one audit entry (see ``entry``)."""
    audit = entry(user=user, action=action, obj=obj, changes=changes, reason=reason, bloc_year=bloc_year,
                  object_repr=object_repr)
    audit.save()
    return audit


def diff(instance, data, fields):
    """The (old, new) pairs of ``fields`` whose value in ``data`` differs from ``instance``."""
    return {
        f: (getattr(instance, f), data[f]) for f in fields if f in data and getattr(instance, f) != data[f]
    }
