"""The scoring rules kept in one place: who may do what on the grid, a stale ranking, the criteria page's
actions and the bonus/penalty cap merge shared by the grid and the Excel upload."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from awards.models import CriteriaTable, Ranking, Score
from awards.scoring import criteria as criteria_services
from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.selectors import CellScore

from .helpers import cell, fill, small_grid


@pytest.fixture
def grid(world):
    return small_grid(world)


# ---- grid_access -----------------------------------------------------------------------------


def test_secretary_and_admin_may_edit_everycell(world):
    for who in ("secretary_a", "admin"):
        access = selectors.grid_access(world.users[who], world.by_a)
        assert access.can_verify and access.may_save and access.self_unit_ids is None
        assert all(access.may_enter_self(m.unit_id) for m in world.by_a.members.all())


def test_a_units_account_may_enter_only_its_own_self_scores(world):
    access = selectors.grid_access(world.users["leader_a"], world.by_a)
    assert not access.can_verify and access.may_save
    others = [m.unit_id for m in world.by_a.members.all() if m.unit_id != world.leader_unit_a.pk]
    assert access.may_enter_self(world.leader_unit_a.pk)
    assert others and not any(access.may_enter_self(u) for u in others)


def test_a_reviewer_sees_the_grid_but_may_not_save(world):
    access = selectors.grid_access(world.users["reviewer_a"], world.by_a)
    assert not access.may_save and not access.can_verify
    assert not any(access.may_enter_self(m.unit_id) for m in world.by_a.members.all())


def test_an_approved_ranking_freezes_everycell(world):
    ranking = Ranking(bloc_year=world.by_a, status="approved")
    assert ranking.is_frozen
    access = selectors.grid_access(world.users["secretary_a"], world.by_a, ranking)
    assert access.may_verify and not access.can_verify
    assert not access.may_enter_self(world.leader_unit_a.pk)


def test_the_service_refuses_another_units_self_score_for_a_units_account(grid):
    world, table, members, (c1, *_rest) = grid
    leader = world.users["leader_a"]
    other = next(m for m in members if m.unit_id != world.leader_unit_a.pk)
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=leader, access=selectors.grid_access(leader, world.by_a),
                        cells=[cell(other, c1, s="9")])
    assert exc.value.errors == {f"{other.pk}-{c1.pk}-s": "Bạn chỉ được nhập điểm tự chấm của đơn vị mình."}
    assert not Score.objects.exists()


# ---- ranking_is_stale ------------------------------------------------------------------------


def _stale(bloc_year):
    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    _spec, _rows, placed = selectors.computed_ranking(bloc_year)
    return selectors.ranking_is_stale(ranking, placed)


def test_ranking_is_stale_after_a_score_change_and_fresh_after_compute(grid):
    world, table, members, (c1, *_rest) = grid
    fill(table, members, lambda i, c: 5 + i if c.pk == c1.pk else None)
    user = world.users["secretary_a"]
    assert not _stale(world.by_a)  # no ranking yet: nothing to be out of date
    svc.ranking_compute(bloc_year=world.by_a, user=user)
    assert not _stale(world.by_a)
    score = Score.objects.get(member=members[0], criterion=c1)
    svc.scores_save(bloc_year=world.by_a, user=user, access=selectors.GridAccess(may_verify=True), recompute=False,
                    cells=[cell(members[0], c1, v="10", ver=score.version)])
    assert _stale(world.by_a)
    svc.ranking_compute(bloc_year=world.by_a, user=user)
    assert not _stale(world.by_a)


def test_an_approved_ranking_is_never_stale(grid):
    world, table, members, (c1, *_rest) = grid
    fill(table, members, lambda i, c: 5 if c.pk == c1.pk else None)
    svc.ranking_approve(bloc_year=world.by_a, user=world.users["secretary_a"])
    Score.objects.filter(member=members[0], criterion=c1).update(verified_score=D(9))
    assert not _stale(world.by_a)


# ---- the criteria page's actions ---------------------------------------------------------------


def test_table_actions_create_add_and_report_what_they_did(world):
    user = world.users["secretary_a"]
    message, criterion = criteria_services.table_action("create", bloc_year=world.by_a, table=None, user=user, data=None)
    assert message.startswith("Đã tạo bảng tiêu chí") and criterion is None
    table = CriteriaTable.objects.get(bloc_year=world.by_a)
    data = {"parent": None, "kind": "criterion", "code": "1", "title": "Hoàn thành nhiệm vụ", "max_points": D(10),
            "order": None}
    message, criterion = criteria_services.table_action("add", bloc_year=world.by_a, table=table, user=user, data=data)
    assert message == "Đã thêm “1 Hoàn thành nhiệm vụ”." and criterion.table == table
    message, _c = criteria_services.table_action("settings", bloc_year=world.by_a, table=table, user=user,
                                                 data={"title": "Bảng mới"})
    assert message == "Đã lưu cài đặt bảng tiêu chí." and CriteriaTable.objects.get(pk=table.pk).title == "Bảng mới"


def test_table_action_refusals_come_back_as_validation_errors(grid):
    world, table, members, (c1, *_rest) = grid
    fill(table, members, lambda i, c: 5)
    rows = [{"level": 1, "code": "1", "title": "Một", "kind": "criterion", "max": "10", "line": 2}]
    with pytest.raises(ValidationError) as exc:
        criteria_services.table_action("import_confirm", bloc_year=world.by_a, table=table,
                                       user=world.users["secretary_a"], data=rows)
    assert exc.value.code == "has_scores"


def test_criteria_with_counts_marks_scores_and_section_maximums(grid):
    world, table, members, (c1, c2, *_rest) = grid
    fill(table, members[:2], lambda i, c: 1 if c.pk == c1.pk else None)
    criteria = selectors.criteria_in_tree_order(table)
    selectors.criteria_with_counts(table, criteria)
    by_pk = {c.pk: c for c in criteria}
    assert by_pk[c1.pk].n_scores == 2 and by_pk[c2.pk].n_scores == 0
    section = next(c for c in criteria if c.kind == "section")
    assert section.max_text == "20"


# ---- the cap merge -------------------------------------------------------------------------------


def test_unit_cap_errors_merges_new_values_over_the_stored_ones(grid):
    world, table, members, (_c1, _c2, b1, b2, _p1) = grid
    spec = selectors.table_spec(table)
    stored = {(1, b1.pk): CellScore(D(8), D(8)), (2, b2.pk): CellScore(D(10), D(10))}
    assert scoring.unit_cap_errors(spec, stored, 1, "v", {b2.pk: D(6)}) == {}
    errors = scoring.unit_cap_errors(spec, stored, 1, "s", {b2.pk: D(8)})
    assert errors == {"bonus": "Tổng điểm cộng (16) vượt mức tối đa của bảng (15)."}
    assert scoring.unit_cap_errors(spec, stored, 1, "v", {b1.pk: D(5), b2.pk: D(10)}) == {}
