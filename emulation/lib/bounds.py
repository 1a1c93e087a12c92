"""The allowed range of every number the app stores, in one place: model fields take ``validators`` from
here (forms and ``full_clean`` refuse with a Vietnamese message) and their ``Meta.constraints`` a
``CheckConstraint`` built from the same numbers, so neither SQLite (which stores anything) nor PostgreSQL
(which overflows with a 500) ever sees a number out of range."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

YEAR_MIN, YEAR_MAX = 1990, 2100  # the years the app accepts anywhere (a form, a URL, a preview)
MAX_ID = 2**31 - 1  # the largest id every supported database holds in an integer key


@dataclass(frozen=True)
class Bounds:
    low: object
    high: object

    def validators(self):
        return [MinValueValidator(self.low), MaxValueValidator(self.high)]

    def check(self, field, name):
        """The database's copy of the range (a null passes: optional fields stay optional)."""
        return models.CheckConstraint(
            condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": self.low, f"{field}__lte": self.high}),
            name=name,
        )


YEARS = Bounds(YEAR_MIN, YEAR_MAX)
BIRTH_YEARS = Bounds(1900, YEAR_MAX)
SMALL = Bounds(0, 32767)  # PositiveSmallIntegerField on PostgreSQL
COUNT = Bounds(0, MAX_ID)  # PositiveIntegerField on PostgreSQL
PERCENT = Bounds(Decimal(0), Decimal(100))
POINTS = Bounds(Decimal("-999999.99"), Decimal("999999.99"))  # DecimalField(max_digits=8, decimal_places=2)
POSITIVE_POINTS = Bounds(Decimal(0), Decimal("999999.99"))


def range_checks(prefix, **fields):
    """``Meta.constraints`` entries for several fields: ``range_checks("vote", votes_for=SMALL)`` gives the
    constraint ``vote_votes_for_range`` (the names the migrations know)."""
    return [bounds.check(field, f"{prefix}_{field}_range") for field, bounds in fields.items()]
