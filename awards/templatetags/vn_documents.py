"""Filters for official documents: dates in the Decree 30/2020 style, paragraphs of free text."""

import datetime
import re

from django import template

from emulation.lib.text import nfc

register = template.Library()

BLANK = "\u00a0" * 6  # room for a date or number written by hand on a printed draft


def vn_date_words(day, year=None):
    """ "ngày 22 tháng 3 năm 2018": day zero-padded below 10, months 1 and 2 zero-padded (Decree 30/2020).

    Without a day: the blanks of a date to be written by hand, with ``year`` if known.
    """
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not isinstance(day, datetime.date):
        return f"ngày{BLANK}tháng{BLANK}năm {year or BLANK}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@register.filter
def vn_date(value, year=None):
    return vn_date_words(value, year)


@register.filter
def vn_time(value):
    """ "08 giờ 30 phút" """
    if not value:
        return f"{BLANK}giờ{BLANK}phút"
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


@register.filter
def paragraphs(value):
    """Free text split into paragraphs at blank lines (each paragraph's line breaks kept as spaces)."""
    text = nfc(value or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    return [" ".join(part.split("\n")).strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


@register.filter
def lines(value):
    """Free text split into its non-empty lines."""
    return [line.strip() for line in nfc(value or "").splitlines() if line.strip()]


@register.filter
def two_digits(value):
    """ "01", "07", "24": counts in documents are written with two digits."""
    try:
        return f"{int(value):02d}"
    except (TypeError, ValueError):
        return value
