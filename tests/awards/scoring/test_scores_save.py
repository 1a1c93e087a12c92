"""Saving grid cells: validation all or nothing, version check, permissions of a unit's account, audit."""

from decimal import Decimal as D

import pytest

from awards.models import RankEntry, Ranking, Score
from awards.scoring import selectors
from awards.scoring import services as svc
from blocs.models import AuditEntry

from .helpers import cell, small_grid

FULL = selectors.GridAccess(may_verify=True)  # a verifier: every cell


@pytest.fixture
def grid(world):
    return small_grid(world)


def test_valid_cells_are_saved_with_audit_and_ranking(grid):
    world, table, members, (c1, c2, b1, b2, p1) = grid
    user = world.users["secretary_a"]
    saved = svc.scores_save(bloc_year=world.by_a, user=user, access=FULL, cells=[
        cell(members[0], c1, s="9", v="8,5", n="Có minh chứng"), cell(members[1], c1, v="10"),
    ])
    assert len(saved) == 2
    s = Score.objects.get(member=members[0], criterion=c1)
    assert (s.self_score, s.verified_score, s.note, s.version, s.updated_by) == (D(9), D("8.5"), "Có minh chứng", 1, user)
    entry = AuditEntry.objects.get(action="score_change", object_id=str(s.pk))
    assert entry.user == user and entry.changes["verified_score"] == [None, "8.50"]
    ranking = Ranking.objects.get(bloc_year=world.by_a)
    assert RankEntry.objects.get(ranking=ranking, unit=members[1].unit).rank == 1
    assert RankEntry.objects.get(ranking=ranking, unit=members[0].unit).total == D("8.5")


def test_one_bad_cell_saves_nothing_and_names_each_reason(grid):
    world, table, members, (c1, c2, b1, b2, p1) = grid
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=world.users["secretary_a"], access=FULL, cells=[
            cell(members[0], c1, v="9"), cell(members[0], c2, v="11"), cell(members[1], c1, v="abc"),
            cell(members[2], c1, v="-1"), cell(members[3], b1, v="10"), cell(members[3], b2, v="8"),
        ])
    errors = exc.value.errors
    assert errors[f"{members[0].pk}-{c2.pk}-v"] == "Vượt điểm tối đa của tiêu chí (10)."
    assert errors[f"{members[1].pk}-{c1.pk}-v"] == "“abc” không phải là số."
    assert errors[f"{members[2].pk}-{c1.pk}-v"] == "Điểm không được âm."
    assert errors[f"{members[3].pk}-{b2.pk}-v"] == "Tổng điểm cộng (18) vượt mức tối đa của bảng (15)."
    assert f"{members[0].pk}-{c1.pk}-v" not in errors
    assert not Score.objects.exists() and not AuditEntry.objects.filter(action="score_change").exists()


def test_later_save_is_told_which_cells_the_other_changed(grid):
    world, table, members, (c1, c2, *_rest) = grid
    a, b = world.users["secretary_a"], world.users["admin"]
    svc.scores_save(bloc_year=world.by_a, user=a, access=FULL, cells=[cell(members[0], c1, v="5")])
    # Both loaded the grid at version 1; A saves 6, then B (still at version 1) tries 7.
    svc.scores_save(bloc_year=world.by_a, user=a, access=FULL, cells=[cell(members[0], c1, v="6", ver=1)])
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=b, access=FULL,
                        cells=[cell(members[0], c1, v="7", ver=1), cell(members[0], c2, v="3")])
    (conflict,) = exc.value.conflicts
    assert conflict["unit"] == members[0].unit.name and conflict["criterion"] == "1 Tiêu chí 1.1"
    assert conflict["by"] == "secretary_a" and conflict["verified_score"] == "6" and conflict["version"] == 2
    assert Score.objects.get(member=members[0], criterion=c1).verified_score == D(6)
    assert not Score.objects.filter(criterion=c2).exists()  # nothing of B's batch was written
    # B decides to keep the own value: saves again with the version it was shown.
    svc.scores_save(bloc_year=world.by_a, user=b, access=FULL, cells=[cell(members[0], c1, v="7", ver=2)])
    assert Score.objects.get(member=members[0], criterion=c1).verified_score == D(7)


def test_a_units_account_enters_only_its_own_self_scores(grid):
    world, table, members, (c1, *_rest) = grid
    leader = world.users["leader_a"]
    own = next(m for m in members if m.unit_id == world.leader_unit_a.pk)
    other = next(m for m in members if m.unit_id != world.leader_unit_a.pk)
    access = selectors.grid_access(leader, world.by_a)
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=leader, access=access,
                        cells=[cell(own, c1, v="9")])
    assert "không có quyền nhập điểm thẩm định" in exc.value.errors[f"{own.pk}-{c1.pk}-v"]
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=leader, access=access,
                        cells=[cell(other, c1, s="9")])
    assert "đơn vị mình" in exc.value.errors[f"{other.pk}-{c1.pk}-s"]
    with pytest.raises(svc.ScoreSaveError) as exc:
        svc.scores_save(bloc_year=world.by_a, user=leader, access=access,
                        cells=[cell(other, c1, n="Ghi chú hộ")])
    assert "ghi chú cho đơn vị mình" in exc.value.errors[f"{other.pk}-{c1.pk}-n"]
    svc.scores_save(bloc_year=world.by_a, user=leader, access=access, cells=[cell(own, c1, s="9")])
    assert Score.objects.get(member=own, criterion=c1).self_score == D(9)


def test_approved_ranking_freezes_scores_until_reopened_with_a_reason(grid):
    world, table, members, (c1, *_rest) = grid
    sec, rev = world.users["secretary_a"], world.users["reviewer_a"]
    svc.scores_save(bloc_year=world.by_a, user=sec, access=FULL, cells=[cell(members[0], c1, v="5")])
    svc.ranking_approve(bloc_year=world.by_a, user=sec)
    with pytest.raises(svc.ScoreSaveError, match="đã bị khóa"):
        svc.scores_save(bloc_year=world.by_a, user=sec, access=FULL, cells=[cell(members[0], c1, v="6", ver=1)])
    with pytest.raises(Exception, match="lý do"):
        svc.ranking_reopen(bloc_year=world.by_a, user=rev, reason="")
    svc.ranking_reopen(bloc_year=world.by_a, user=rev, reason="Đơn vị khiếu nại điểm tiêu chí 1")
    assert AuditEntry.objects.get(action="ranking_reopen").reason == "Đơn vị khiếu nại điểm tiêu chí 1"
    svc.scores_save(bloc_year=world.by_a, user=sec, access=FULL, cells=[cell(members[0], c1, v="6", ver=1)])
    assert Score.objects.get(member=members[0], criterion=c1).verified_score == D(6)


def test_changed_table_refuses_a_grid_loaded_before(grid):
    world, table, members, (c1, *_rest) = grid
    with pytest.raises(svc.ScoreSaveError, match="Bảng tiêu chí đã được sửa"):
        svc.scores_save(bloc_year=world.by_a, user=world.users["admin"], access=FULL,
                        table_version=table.version + 1, cells=[cell(members[0], c1, v="5")])


def test_history_page_lists_every_change_and_filters_by_unit(grid):
    world, table, members, (c1, c2, *_rest) = grid
    sec = world.users["secretary_a"]
    svc.scores_save(bloc_year=world.by_a, user=sec, access=FULL, cells=[cell(members[0], c1, v="5"), cell(members[1], c1, v="4")])
    svc.scores_save(bloc_year=world.by_a, user=sec, access=FULL, cells=[cell(members[0], c1, v="6", ver=1)])
    from django.urls import reverse

    url = reverse("awards:score_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    page = world.client("reviewer_a").get(url).content.decode()
    assert page.count("secretary_a</td>") == 3 and "TĐ: 5 → 6" in page
    page = world.client("reviewer_a").get(url + f"?don_vi={members[1].unit_id}").content.decode()
    assert page.count("secretary_a</td>") == 1 and "TĐ: — → 4" in page


def test_stored_ranking_uses_section_then_recorded_votes_and_women_share(grid):
    from awards.models import Vote

    world, table, members, (c1, c2, *_rest) = grid
    section = table.criteria.get(kind="section")
    table.tiebreaks = [f"section:{section.pk}", "fewer_penalty", "vote", "women"]
    table.save()
    a, b, c, d = members[:4]
    cells = [cell(a, c1, v="10"), cell(b, c1, v="10"), cell(c, c1, v="10"), cell(d, c1, v="10")]
    svc.scores_save(bloc_year=world.by_a, user=world.users["admin"], access=FULL, cells=cells)
    Vote.objects.create(bloc_year=world.by_a, unit=b.unit, votes_for=4, base_count=5)
    Vote.objects.create(bloc_year=world.by_a, unit=a.unit, votes_for=3, base_count=5)
    Vote.objects.create(bloc_year=world.by_a, unit=c.unit, votes_for=3, base_count=5)
    c.women_share = 75
    c.save()
    svc.ranking_compute(bloc_year=world.by_a, user=world.users["admin"])
    ranks = {e.unit_id: (e.rank, e.tiebreak_note) for e in RankEntry.objects.filter(ranking__bloc_year=world.by_a)}
    assert ranks[b.unit_id][0] == 1 and ranks[c.unit_id][0] == 2 and ranks[a.unit_id][0] == 3 and ranks[d.unit_id][0] == 4
    assert "nhiều phiếu bình xét hơn" in ranks[b.unit_id][1] and "70% nữ" in ranks[c.unit_id][1]
    assert ranks[members[4].unit_id][0] == 5
