"""Recording changes in the audit history (one place)."""

from blocs.audit.models import AuditEntry


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(*, user, action, obj, changes=None, reason="", bloc_year=None):
    """Store one audit entry. ``changes`` maps field names to (old, new)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        bloc_year=bloc_year,
        changes={k: [_plain(o), _plain(n)] for k, (o, n) in (changes or {}).items()},
        reason=reason,
    )


def diff(instance, data, fields):
    """The (old, new) pairs of ``fields`` whose value in ``data`` differs from ``instance``."""
    return {
        f: (getattr(instance, f), data[f]) for f in fields if f in data and getattr(instance, f) != data[f]
    }
