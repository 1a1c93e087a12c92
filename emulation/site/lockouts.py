"""Login lock-outs (django-axes, database handler): the client's address, the locked pairs and unlocking.

A lock holds one username from one address (``AXES_LOCKOUT_PARAMETERS``), so another user behind the same
office proxy can still sign in. Axes counts the failures in the database, shared by every web process and host.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from blocs.audit.services import record


def client_ip(request):
    """The client's address (``AXES_CLIENT_IP_CALLABLE``): the header named by ``CLIENT_IP_HEADER`` (set by
    the trusted reverse proxy), else the peer address. In a list (X-Forwarded-For) the right-most entry is
    the one the proxy appended; entries to its left come from the client and are not trusted."""
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[-1].strip() or None


@dataclass(frozen=True)
class Lock:
    """One locked username and address pair."""

    attempt_id: int  # one of the pair's attempt rows (the unlock URL names it)
    username: str
    ip_address: str | None
    failures: int
    last_attempt: datetime


def locked_accounts():
    """The username and address pairs locked now: as many failures as the limit, within the lock-out time."""
    since = timezone.now() - timezone.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username", "ip_address")
        .annotate(attempt_id=Max("id"), failures=Max("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.LOGIN_MAX_FAILURES)
        .order_by("-last_attempt")
    )
    return [Lock(**row) for row in rows]


@transaction.atomic
def lock_clear(*, attempt_id: int, by) -> int:
    """Unlock the username and address pair of the attempt ``attempt_id``: remove its failure records (every
    user agent) and record who unlocked it in the audit history. Returns how many records were removed;
    0 when the pair is no longer locked."""
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return 0
    removed, _ = AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address).delete()
    account = get_user_model().objects.filter(username=attempt.username).first()
    record(user=by, action="login_unlock", obj=account or attempt,
           object_repr=attempt.username or "", changes={"ip_address": (attempt.ip_address, None)})
    return removed


def locks_clear_for_username(*, username: str) -> int:
    """Forget the failed logins of ``username`` from every address (after a password reset by e-mail)."""
    removed, _ = AccessAttempt.objects.filter(username=username).delete()
    return removed
