from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from emulation.lib.text import ascii_key, has_diacritics, search_key, sort_key


class NamedQuerySet(models.QuerySet):
    def search(self, query):
        """Match ``query`` ignoring case, NFC/NFD and tone placement; without diacritics, loosely."""
        query = (query or "").strip()
        if not query:
            return self
        if has_diacritics(query):
            return self.filter(name_key__contains=search_key(query))
        return self.filter(name_ascii__contains=ascii_key(query))

    def vn_ordered(self):
        return self.order_by("sort_key", "pk")


class NamedModel(models.Model):
    """A model with a user-visible ``name`` and its derived search and sort keys."""

    name = models.CharField(_("tên"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name_ascii = models.CharField(max_length=255, editable=False, default="")
    sort_key = models.CharField(max_length=1100, editable=False, db_index=True, default="")

    objects = NamedQuerySet.as_manager()

    class Meta:
        abstract = True

    def refresh_keys(self):
        self.name_key = search_key(self.name)
        self.name_ascii = ascii_key(self.name)
        self.sort_key = sort_key(self.name)

    def save(self, *args, **kwargs):
        self.refresh_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key", "name_ascii", "sort_key"}
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name


class InForceQuerySet(models.QuerySet):
    """Rows dated by ``valid_from`` / ``valid_to`` (both inclusive, empty = open): the one SQL form of
    "in force on a day". ``InForce.is_valid_on`` is the same rule on one instance."""

    def valid_on(self, day):
        """Records in force on ``day`` (a date)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class ValidityQuerySet(InForceQuerySet, NamedQuerySet):
    """Named, dated reference data (provinces, organisers, units)."""


def validity_dates(start=None, end=None):
    """The two optional dates ``InForce`` reads (``valid_from, valid_to = validity_dates()``), labelled
    ``start`` and ``end`` (by default "hiệu lực từ" / "hiệu lực đến")."""
    return (models.DateField(start or _("hiệu lực từ"), null=True, blank=True),
            models.DateField(end or _("hiệu lực đến"), null=True, blank=True))


class InForce:
    """Mixin of a model with ``valid_from`` / ``valid_to`` dates (the fields stay on each model, with
    their own labels): the instance form of ``InForceQuerySet.valid_on``."""

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def validity_order_constraint(name):
    """The database rule that a record ends on or after it starts (``name`` as in the migrations)."""
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
        name=name,
    )
