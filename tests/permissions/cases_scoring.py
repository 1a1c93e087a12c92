"""Permission cases of the scoring area (criteria tables, score grid, ranking, Excel)."""

import json

from .cases import Case

IN_SCOPE_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}
EDIT_CRITERIA = {"admin", "reviewer_a", "secretary_a"}
VERIFY = {"admin", "secretary_a"}


def _year(w):
    return {"bloc_id": w.bloc_a.pk, "year": 2026}


def _table(w):
    from awards.models import CriteriaTable
    from tests.awards.scoring.helpers import make_table

    table = CriteriaTable.objects.filter(bloc_year=w.by_a).first() or make_table(w.by_a, sections=1, per_section=2)
    return table


def _criterion(w):
    return {**_year(w), "criterion_id": _table(w).criteria.filter(kind="criterion").first().pk}


def _criterion_to_delete(w):
    from awards.models import Criterion

    table = _table(w)
    c = Criterion.objects.create(table=table, kind="criterion", title="Tiêu chí để xóa", max_points=5)
    return {**_year(w), "criterion_id": c.pk}


def _save_payload(w):
    table = _table(w)
    leader = w.by_a.members.get(role="leader")
    c = table.criteria.filter(kind="criterion").first()
    return {"cells": [{"m": leader.pk, "c": c.pk, "s": "5", "ver": 0}]}



def _approved(w):
    from awards.models import Ranking

    _table(w)
    Ranking.objects.update_or_create(bloc_year=w.by_a, defaults={"status": "approved"})
    return _year(w)


CASES = [
    Case("awards:criteria_table", kwargs=_year, allowed=IN_SCOPE_A),
    Case("awards:criteria_table", kwargs=_year, method="post", data={"action": "create"}, allowed=EDIT_CRITERIA),
    Case("awards:criterion_edit", kwargs=_criterion, allowed=EDIT_CRITERIA),
    Case("awards:criterion_delete", kwargs=_criterion_to_delete, method="post", allowed=EDIT_CRITERIA),
    Case("awards:score_grid", kwargs=lambda w: (_table(w), _year(w))[1], allowed=IN_SCOPE_A),
    # The leader's account enters the self score of its own unit; the reviewer only reads.
    Case("awards:score_save", kwargs=_year, method="post", data=lambda w: {"payload": json.dumps(_save_payload(w))},
         allowed={"admin", "secretary_a", "leader_a"}),
    Case("awards:ranking", kwargs=lambda w: (_table(w), _year(w))[1], allowed=IN_SCOPE_A),
    Case("awards:ranking_compute", kwargs=lambda w: (_table(w), _year(w))[1], method="post", allowed=VERIFY),
    Case("awards:ranking_approve", kwargs=lambda w: (_table(w), _year(w))[1], method="post", data={"confirm": "1"},
         allowed=EDIT_CRITERIA),
    Case("awards:ranking_reopen", kwargs=_approved, method="post", data={"reason": "Sai sót khi nhập điểm"},
         allowed={"admin", "reviewer_a"}),
    Case("awards:unit_scores", kwargs=lambda w: {"bloc_id": w.bloc_a.pk, "unit_id": w.leader_unit_a.pk}, allowed=IN_SCOPE_A),
]

CASES += [
    Case("awards:scores_template", kwargs=lambda w: (_table(w), _year(w))[1], allowed=IN_SCOPE_A),
    Case("awards:scores_import", kwargs=lambda w: (_table(w), _year(w))[1], allowed=VERIFY),
    Case("awards:ranking_export", kwargs=lambda w: {**_year(w), "fmt": "xlsx"}, allowed=IN_SCOPE_A),
    Case("awards:breakdown_export", kwargs=lambda w: (_table(w), {**_year(w), "fmt": "csv"})[1], allowed=IN_SCOPE_A),
]
CASES += [Case("awards:criteria_export", kwargs=lambda w: (_table(w), _year(w))[1], allowed=IN_SCOPE_A)]
CASES += [Case("awards:score_history", kwargs=_year, allowed=IN_SCOPE_A)]
