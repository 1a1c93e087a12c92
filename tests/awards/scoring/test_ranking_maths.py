"""The pure ranking maths: totals with caps, tie-breaks in order, shared ranks, notes."""

from decimal import Decimal as D

import pytest

from awards.scoring import maths as scoring
from awards.scoring.maths import BONUS, CRITERION, PENALTY, SECTION, Candidate, Node, TableSpec


def spec(bonus_cap=None, penalty_cap=None, fallback=False):
    nodes = [
        Node(1, None, SECTION, "I", "Nhóm 1", D(0)), Node(2, 1, CRITERION, "1", "A", D(10)), Node(3, 1, CRITERION, "2", "B", D(20)),
        Node(4, None, SECTION, "II", "Nhóm 2", D(0)), Node(5, 4, CRITERION, "1", "C", D(70)),
        Node(6, None, BONUS, "C1", "Cờ thi đua", D(15)), Node(7, None, BONUS, "C2", "Bằng khen", D(10)),
        Node(8, None, PENALTY, "T1", "Chậm báo cáo", D(5)), Node(9, None, PENALTY, "T2", "Vi phạm", D(10)),
    ]
    return TableSpec(nodes=nodes, bonus_cap=bonus_cap, penalty_cap=penalty_cap, allow_self_fallback=fallback)


def test_max_total_counts_criteria_only_and_sections_sum_their_children():
    s = spec(bonus_cap=D(20))
    assert s.max_total() == D(100)
    assert s.section_max(1) == D(30)
    assert s.bonus_max() == D(20)


def test_totals_apply_bonus_and_penalty_caps():
    s = spec(bonus_cap=D(20), penalty_cap=D(8))
    t = scoring.unit_totals(s, {2: D(10), 3: D("19.5"), 5: D(60), 6: D(15), 7: D(10), 8: D(5), 9: D(10)})
    assert t.criteria == D("89.5")
    assert (t.bonus_raw, t.bonus) == (D(25), D(20))
    assert (t.penalty_raw, t.penalty) == (D(15), D(8))
    assert t.total == D("101.5")
    assert t.sections[1] == D("29.5")


def test_cell_errors_name_the_reason_in_vietnamese():
    s = spec()
    assert scoring.cell_error(s.by_id[2], D(11)) == "Vượt điểm tối đa của tiêu chí (10)."
    assert scoring.cell_error(s.by_id[6], D(16)) == "Điểm cộng vượt mức tối đa của mục (15)."
    assert scoring.cell_error(s.by_id[2], D(-1)) == "Điểm không được âm."
    assert scoring.cell_error(s.by_id[2], D(10)) is None
    with pytest.raises(ValueError, match="không phải là số"):
        scoring.parse_score("mười")
    assert scoring.parse_score("9,5") == D("9.50")
    with pytest.raises(ValueError, match="2 chữ số thập phân"):
        scoring.parse_score("9.555")


def test_cap_errors_report_the_bonus_total_over_the_cap():
    errors = scoring.cap_errors(spec(bonus_cap=D(20)), {6: D(15), 7: D(10)})
    assert errors[BONUS] == "Tổng điểm cộng (25) vượt mức tối đa của bảng (20)."


def test_self_score_counts_only_when_the_table_allows_it():
    assert scoring.effective(spec(), D(9), None) is None
    assert scoring.effective(spec(fallback=True), D(9), None) == D(9)
    assert scoring.effective(spec(fallback=True), D(9), D(8)) == D(8)


def _c(uid, total, **kw):
    return Candidate(unit_id=uid, name=f"U{uid}", sort_key=f"u{uid}", total=D(total), **kw)


def test_rank_by_total_then_section_then_penalty_then_vote():
    s = spec()
    cands = [
        _c(1, 90, sections={1: D(25)}, penalty=D(0), votes=5),
        _c(2, 95, sections={1: D(20)}),
        _c(3, 90, sections={1: D(28)}, penalty=D(2), votes=3),
        _c(4, 90, sections={1: D(25)}, penalty=D(1), votes=7),
        _c(5, 80),
    ]
    placed = scoring.rank(cands, ["section:1", "fewer_penalty", "vote"], s)
    assert [(p.unit_id, p.rank) for p in placed] == [(2, 1), (3, 2), (1, 3), (4, 4), (5, 5)]
    note = {p.unit_id: p.tiebreak_note for p in placed}
    assert "Bằng tổng điểm 90" in note[1]
    assert "điểm cao hơn ở nhóm “I Nhóm 1”" in note[1] and "ít điểm trừ hơn" in note[1]
    assert note[2] == "" and note[5] == ""


def test_vote_decides_when_everything_else_is_equal():
    placed = scoring.rank([_c(1, 90, votes=4), _c(2, 90, votes=6)], ["fewer_penalty", "vote"], spec())
    assert [(p.unit_id, p.rank) for p in placed] == [(2, 1), (1, 2)]
    assert "nhiều phiếu bình xét hơn" in placed[0].tiebreak_note


def test_units_equal_after_every_rule_share_the_rank_and_the_next_rank_is_skipped():
    placed = scoring.rank([_c(1, 70), _c(2, 90), _c(3, 90), _c(4, 95)], ["fewer_penalty"], spec())
    assert [(p.unit_id, p.rank) for p in placed] == [(4, 1), (2, 2), (3, 2), (1, 4)]
    assert "vẫn đồng hạng" in placed[1].tiebreak_note


def test_without_rules_a_tie_is_shared_and_unknown_rules_are_ignored():
    placed = scoring.rank([_c(1, 50), _c(2, 50)], ["section:999", "nonsense"], spec())
    assert {p.rank for p in placed} == {1}


def test_women_priority_rule():
    placed = scoring.rank([_c(1, 80, women_share=D(50)), _c(2, 80, women_share=D(72))], ["women"], spec())
    assert placed[0].unit_id == 2 and placed[0].rank == 1


def test_classification_bands():
    bands = [{"min": 95, "label": "Xuất sắc"}, {"min": 85, "label": "Tốt"}]
    assert scoring.classify(D(96), bands) == "Xuất sắc"
    assert scoring.classify(D(85), bands) == "Tốt"
    assert scoring.classify(D(60), bands) == ""
