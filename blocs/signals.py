"""Every text stored by this project's models is Unicode NFC (one place, before each save)."""

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from emulation.text import nfc

_APPS = {"blocs", "awards"}


@receiver(pre_save)
def normalise_text(sender, instance, **kwargs):
    if sender._meta.app_label not in _APPS:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))
