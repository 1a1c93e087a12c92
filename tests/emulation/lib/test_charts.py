import re
from decimal import Decimal

from emulation.lib.charts import bar_chart, line_chart


def _bars(svg):
    return [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)]


def test_bar_lengths_follow_values_and_labels_are_escaped():
    svg = bar_chart([("Phú Thọ", Decimal("95.5")), ("<script>x</script>", 47.75)], title="Xếp hạng 2017")
    first, second = _bars(svg)
    assert abs(first - 2 * second) < 0.2
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "95,5" in svg and "Phú Thọ" in svg


def test_bar_with_no_score_draws_nothing_and_shows_a_dash():
    svg = bar_chart([("Hòa Bình", None)], max_value=100)
    assert _bars(svg) == [0.0] and "—" in svg


def test_rank_line_puts_rank_one_on_top():
    svg = line_chart({"Phú Thọ": [(2016, 3), (2017, 1)]}, invert=True)
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[1] < ys[0]  # 2017 (rank 1) drawn above 2016 (rank 3)


def test_missing_year_breaks_the_line():
    svg = line_chart({"Yên Bái": [(2015, 80), (2016, None), (2017, 90)]})
    assert "<polyline" not in svg and svg.count("<circle") == 2


def test_empty_series_says_so():
    assert "—" in line_chart({}, title="Lịch sử")
