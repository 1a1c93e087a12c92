"""Every text stored by this project's models is Unicode NFC (one place, before each save); the working
year of a user is remembered at login."""

from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.db.models import Max
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from blocs.access.scope import bloc_scope_q
from blocs.years.models import Bloc, BlocYear
from emulation.lib.text import nfc

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


@receiver(user_logged_in)
def remember_working_year(sender, request, user, **kwargs):
    """The year the top menu opens: the latest year (up to this one) of a bloc the user may see.

    Year-end conferences summarise the previous year in January to March, and a bloc whose new year has
    not been started yet still works on the last one; the calendar year would open an empty list. Worked
    out once at login and kept in the session, so no page pays a query for it.
    """
    if request is None or not hasattr(request, "session"):
        return

    this_year = timezone.localdate().year
    latest = (BlocYear.objects.filter(bloc__in=Bloc.objects.filter(bloc_scope_q(user)), year__lte=this_year)
              .aggregate(latest=Max("year"))["latest"])
    request.session["working_year"] = latest or this_year
