"""The demo: the ranking computed from the 2017 scores of the 7-province cluster matches the conference."""

from awards.models import CriteriaTable, RankEntry, Score
from awards.scoring import selectors
from blocs.models import BlocYear
from emulation.devtools.demo.core import SEVEN


def _names(placed, rows):
    by_unit = {r.member.unit_id: r.member.unit for r in rows}
    return [(by_unit[p.unit_id].province.name, p.rank) for p in placed]


def test_computed_2017_ranking_puts_phu_tho_first_and_tuyen_quang_second(demo):
    by = BlocYear.objects.get(bloc__name=SEVEN, year=2017)
    _spec, rows, placed = selectors.computed_ranking(by)
    ranked = _names(placed, rows)
    assert ranked[:2] == [("Phú Thọ", 1), ("Tuyên Quang", 2)]
    assert len(ranked) == 7
    # Thái Nguyên and Bắc Giang tie on total; group I decides.
    assert ("Thái Nguyên", 5) in ranked and ("Bắc Giang", 6) in ranked
    # The recorded ranking (the two units the report names) agrees with the computed one and has its totals.
    stored = {e.unit.name: (e.rank, str(e.total)) for e in RankEntry.objects.filter(ranking__bloc_year=by)}
    assert stored == {"Phú Thọ": (1, "96.50"), "Tuyên Quang": (2, "95.50")}
    assert selectors.table_spec(CriteriaTable.objects.get(bloc_year=by)).max_total() == 100


def test_demo_is_idempotent_and_2018_gets_the_copied_table(demo):
    from emulation.devtools.demo import scoring as demo_scoring

    before = (Score.objects.count(), RankEntry.objects.count())
    demo_scoring.load()
    assert (Score.objects.count(), RankEntry.objects.count()) == before
    y2018 = CriteriaTable.objects.get(bloc_year__bloc__name=SEVEN, bloc_year__year=2018)
    assert y2018.criteria.count() == CriteriaTable.objects.get(bloc_year__bloc__name=SEVEN, bloc_year__year=2017).criteria.count()


def test_demo_ranking_page_shows_the_recorded_result_and_the_computed_table(demo, client):
    from django.contrib.auth import get_user_model

    by = BlocYear.objects.get(bloc__name=SEVEN, year=2017)
    client.force_login(get_user_model().objects.get(username="thuky"))
    page = client.get(f"/khoi/{by.bloc_id}/nam/2017/xep-hang/").content.decode()
    recorded = page.split('id="ranking-table"')[1].split("</table>")[0]
    assert recorded.index("Phú Thọ") < recorded.index("Tuyên Quang") and "96,5" in recorded
    computed = page.split('id="computed-table"')[1].split("</table>")[0]
    assert computed.count("<tr>") == 8  # header + 7 units
    assert "Cờ thi đua của Chính phủ" in page
