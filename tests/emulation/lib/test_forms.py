"""The shared parsers of typed, pasted or forged numbers never raise: an id or a year, or nothing."""

import pytest

from emulation.lib.bounds import MAX_ID
from emulation.lib.forms import as_id, as_year


@pytest.mark.parametrize("value", ["", None, "0", "-1", "abc", "1.5", str(MAX_ID + 1), "9" * 40, "²", "²⁰²⁶"])
def test_what_cannot_be_an_id_is_none(value):
    assert as_id(value) is None


def test_an_id_is_read_from_text_or_a_record():
    class Row:
        pk = 7

    assert as_id(" 12 ") == 12 and as_id(Row()) == 7 and as_id(str(MAX_ID)) == MAX_ID


@pytest.mark.parametrize("value", ["", None, "1989", "2101", "26", "20260", "²⁰²⁶", "２０２６x"])
def test_what_cannot_be_a_year_is_the_default(value):
    assert as_year(value, default=2026) == 2026


def test_a_year_in_range_is_read():
    assert as_year(" 2024 ") == 2024 and as_year(1990) == 1990 and as_year("2100") == 2100
