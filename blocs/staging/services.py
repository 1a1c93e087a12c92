"""Keep a checked upload until the user confirms it: ``stage``, then ``take`` (once) or ``drop``.
A preview older than ``STAGED_IMPORT_HOURS`` is gone (the user uploads again)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from blocs.staging.models import StagedImport


def _cutoff():
    return timezone.now() - datetime.timedelta(hours=settings.STAGED_IMPORT_HOURS)


@transaction.atomic
def stage(user, key, payload):
    """Keep ``payload`` (JSON) for ``user`` under ``key``, replacing an earlier one; old previews are pruned."""
    StagedImport.objects.filter(created_at__lt=_cutoff()).delete()
    StagedImport.objects.filter(user=user, key=key).delete()
    StagedImport.objects.create(user=user, key=key, payload=payload)


@transaction.atomic
def take(user, key):
    """The payload, removed so it is applied once; None if there is none (or it expired)."""
    row = StagedImport.objects.select_for_update().filter(user=user, key=key, created_at__gte=_cutoff()).first()
    if row is None:
        return None
    StagedImport.objects.filter(pk=row.pk).delete()
    return row.payload


def drop(user, key):
    StagedImport.objects.filter(user=user, key=key).delete()
