"""The grid and ranking pages: what they show, the JSON save, and query counts that do not grow."""

import json
import time

import pytest
from django.urls import reverse

from awards.models import Score
from blocs.models import BlocMember

from .helpers import big_grid, leaves, make_table


def _url(name, by):
    return reverse(name, kwargs={"bloc_id": by.bloc_id, "year": by.year})


@pytest.mark.parametrize("members,criteria", [(10, 60), (40, 60)])
def test_grid_and_ranking_query_counts_do_not_grow(world, django_assert_max_num_queries, members, criteria):
    by, table = big_grid(members, criteria, bloc=world.bloc_a)
    client = world.client("secretary_a")
    client.post(_url("awards:ranking_compute", by))
    with django_assert_max_num_queries(14):
        r = client.get(_url("awards:score_grid", by))
    assert r.status_code == 200
    assert r.content.decode().count('class="v" data-f="v"') == members * criteria
    with django_assert_max_num_queries(16):
        r = client.get(_url("awards:ranking", by))
    assert r.status_code == 200 and r.content.decode().count("<tr class=\"rank-") == members
    with django_assert_max_num_queries(14):
        r = client.get(reverse("awards:criteria_table", kwargs={"bloc_id": by.bloc_id, "year": by.year}))
    assert r.status_code == 200


def test_saving_a_40_by_60_grid_in_one_request(world):
    by, table = big_grid(40, 60, bloc=world.bloc_a)
    Score.objects.all().delete()
    cells = [{"m": m.pk, "c": c.pk, "v": "5", "ver": 0} for m in by.members.all() for c in leaves(table)]
    start = time.perf_counter()
    r = world.client("secretary_a").post(_url("awards:score_save", by), json.dumps({"cells": cells}),
                                         content_type="application/json")
    elapsed = time.perf_counter() - start
    assert r.status_code == 200 and r.json()["ok"], r.content
    assert Score.objects.count() == 2400
    assert elapsed < 15


def test_grid_shows_scores_and_reviewer_gets_read_only_cells(world):
    table = make_table(world.by_a, sections=1, per_section=2)
    m = world.by_a.members.order_by("pk").first()
    c = leaves(table)[0]
    Score.objects.create(member=m, criterion=c, self_score=9, verified_score="8.5", note="Thiếu minh chứng")
    page = world.client("secretary_a").get(_url("awards:score_grid", world.by_a)).content.decode()
    assert 'value="8,5"' in page and 'data-note="Thiếu minh chứng"' in page
    page = world.client("reviewer_a").get(_url("awards:score_grid", world.by_a)).content.decode()
    assert 'id="grid-save"' not in page and "readonly" in page


def test_save_answers_with_errors_and_conflicts_as_json(world):
    table = make_table(world.by_a, sections=1, per_section=1)
    m = world.by_a.members.order_by("pk").first()
    c = leaves(table)[0]
    client = world.client("secretary_a")
    r = client.post(_url("awards:score_save", world.by_a), json.dumps({"cells": [{"m": m.pk, "c": c.pk, "v": "12"}]}),
                    content_type="application/json")
    assert r.status_code == 400 and r.json()["errors"] == {f"{m.pk}-{c.pk}-v": "Vượt điểm tối đa của tiêu chí (10)."}
    client.post(_url("awards:score_save", world.by_a), json.dumps({"cells": [{"m": m.pk, "c": c.pk, "v": "7"}]}),
                content_type="application/json")
    r = world.client("admin").post(_url("awards:score_save", world.by_a),
                                   json.dumps({"cells": [{"m": m.pk, "c": c.pk, "v": "3", "ver": 0}]}),
                                   content_type="application/json")
    assert r.status_code == 409 and r.json()["conflicts"][0]["by"] == "secretary_a"
    r = client.post(_url("awards:score_save", world.by_a), "not json", content_type="application/json")
    assert r.status_code == 400 and "không đúng định dạng" in r.json()["message"]


def test_ranking_page_shows_table_chart_eligibility_and_approval(world):
    table = make_table(world.by_a, sections=1, per_section=2)
    members = list(world.by_a.members.select_related("unit").order_by("pk"))
    for i, m in enumerate(members):
        for c in leaves(table):
            if c.kind == "criterion":
                Score.objects.create(member=m, criterion=c, verified_score=10 - i)
    client = world.client("secretary_a")
    client.post(_url("awards:ranking_compute", world.by_a))
    page = client.get(_url("awards:ranking", world.by_a)).content.decode()
    assert page.index(members[0].unit.name) < page.index(members[1].unit.name)
    assert "<svg" in page and "Cờ thi đua" in page
    r = client.post(_url("awards:ranking_approve", world.by_a), follow=True)
    assert "Hãy đánh dấu xác nhận" in r.content.decode()
    r = client.post(_url("awards:ranking_approve", world.by_a), {"confirm": "1"}, follow=True)
    assert "Đã phê duyệt" in r.content.decode()
    page = client.get(_url("awards:score_grid", world.by_a)).content.decode()
    assert 'data-testid="frozen"' in page
    r = world.client("secretary_a").post(_url("awards:ranking_reopen", world.by_a), {"reason": "Sửa điểm"})
    assert r.status_code == 403


def test_ranking_page_still_shows_an_approval_whose_approver_was_deleted(world):
    """approved_by is SET_NULL: the page must show the approval (without a name), not fail with a 500."""
    from django.test import Client

    from awards.models import Ranking
    from blocs.choices import Role
    from tests.factories import UserFactory, grant

    table = make_table(world.by_a, sections=1, per_section=2)
    for i, m in enumerate(world.by_a.members.order_by("pk")):
        for c in leaves(table):
            Score.objects.create(member=m, criterion=c, verified_score=10 - i)
    approver = grant(UserFactory(username="thu_ky_cu", first_name="Lan", last_name="Nguyễn"), Role.SECRETARY,
                     bloc=world.bloc_a)
    client = Client()
    client.force_login(approver)
    client.post(_url("awards:ranking_compute", world.by_a))
    r = client.post(_url("awards:ranking_approve", world.by_a), {"confirm": "1"}, follow=True)
    assert "Đã phê duyệt" in r.content.decode()
    approver.delete()
    ranking = Ranking.objects.get(bloc_year=world.by_a)
    assert ranking.is_frozen and ranking.approved_by is None and ranking.approved_at is not None
    for who in ("secretary_a", "reviewer_a", "admin"):
        r = world.client(who).get(_url("awards:ranking", world.by_a))
        assert r.status_code == 200, who
        page = r.content.decode()
        assert "Phê duyệt lúc" in page and "bởi —." in page and "Điểm đã bị khóa." in page
        assert "thu_ky_cu" not in page
        assert "Lan Nguyễn · phê duyệt" in page  # the history keeps who approved, after the account is gone
        assert page.count('<tr class="rank-') == 5


def test_unit_over_the_years(world):
    from tests.factories import BlocYearFactory

    unit = world.leader_unit_a
    by25 = BlocYearFactory(bloc=world.bloc_a, year=2025)
    BlocMember.objects.create(bloc_year=by25, unit=unit)
    for by, score in ((by25, 6), (world.by_a, 9)):
        table = make_table(by, sections=1, per_section=1, bonus=(), penalty=())
        Score.objects.create(member=by.members.get(unit=unit), criterion=leaves(table)[0], verified_score=score)
        world.client("admin").post(_url("awards:ranking_compute", by))
    page = world.client("leader_a").get(reverse("awards:unit_scores", kwargs={"bloc_id": world.bloc_a.pk, "unit_id": unit.pk})).content.decode()
    assert "<svg" in page and "2025" in page and ">9<" in page and ">6<" in page


def test_a_member_units_account_can_type_only_its_own_self_scores(world):
    make_table(world.by_a, sections=1, per_section=1, bonus=(), penalty=())
    page = world.client("leader_a").get(_url("awards:score_grid", world.by_a)).content.decode()
    editable = page.count('data-f="s" value="" data-orig="" inputmode="decimal" aria-label')
    assert 'id="grid-save"' in page
    own = world.leader_unit_a.name
    assert f'aria-label="{own}, 1, tự chấm">' in page  # no readonly on its own self score
    assert page.count('readonly tabindex="-1"') == 5 * 2 - 1  # everything else is read-only
    assert editable == 5


def test_ranking_page_names_the_approver_as_the_history_does(world):
    """The approver is named as the audit history names people (full name, else the user name)."""
    from django.test import Client

    from blocs.choices import Role
    from tests.factories import UserFactory, grant

    table = make_table(world.by_a, sections=1, per_section=2)
    for i, m in enumerate(world.by_a.members.order_by("pk")):
        for c in leaves(table):
            Score.objects.create(member=m, criterion=c, verified_score=10 - i)
    approver = grant(UserFactory(username="thu_ky_moi", first_name="Hoa", last_name="Trần"), Role.SECRETARY,
                     bloc=world.bloc_a)
    client = Client()
    client.force_login(approver)
    client.post(_url("awards:ranking_compute", world.by_a))
    client.post(_url("awards:ranking_approve", world.by_a), {"confirm": "1"})
    page = world.client("reviewer_a").get(_url("awards:ranking", world.by_a)).content.decode()
    assert "bởi Hoa Trần." in page and "Hoa Trần · phê duyệt" in page
