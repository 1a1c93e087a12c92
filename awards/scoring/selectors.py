"""Reads of the scoring area: criteria in tree order, the table spec, scores by cell, who may do what on the grid, standings and the computed ranking (no writes)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Max

from awards.choices import RankingSource
from awards.scoring import maths as scoring
from awards.scoring.models import CriteriaTable, Score
from awards.votes.models import Vote
from blocs.access.scope import is_admin_user, leader_unit_ids
from blocs.models import BlocMember


def criteria_in_tree_order(table):
    """The criteria of ``table`` depth-first (parents before children), each with ``depth`` set. One query."""
    if table is None or table.pk is None:
        return []
    items = list(table.criteria.all().order_by("order", "pk"))
    children = {}
    for c in items:
        children.setdefault(c.parent_id, []).append(c)
    out = []

    def walk(parent_id, depth):
        for c in children.get(parent_id, []):
            c.depth = depth
            out.append(c)
            walk(c.pk, depth + 1)

    walk(None, 0)
    return out


def table_spec(table, criteria=None):
    criteria = criteria if criteria is not None else criteria_in_tree_order(table)
    nodes = [
        scoring.Node(id=c.pk, parent_id=c.parent_id, kind=c.kind, code=c.code, title=c.title,
                     max_points=c.max_points, depth=getattr(c, "depth", 0))
        for c in criteria
    ]
    return scoring.TableSpec(
        nodes=nodes,
        bonus_cap=table.bonus_cap if table else None,
        penalty_cap=table.penalty_cap if table else None,
        allow_self_fallback=table.allow_self_fallback if table else False,
    )


def criteria_with_counts(table, criteria):
    """The spec of ``table``; each of ``criteria`` gets ``n_scores`` (scores under it) and ``max_text``
    (its maximum, a section's the sum of its items), as the criteria table page shows them. One query."""
    spec = table_spec(table, criteria)
    counts = dict(table.criteria.annotate(n=Count("scores")).values_list("pk", "n")) if table else {}
    for c in criteria:
        c.n_scores = counts.get(c.pk, 0)
        c.max_text = scoring.fmt(spec.section_max(c.pk) if c.kind == scoring.SECTION else c.max_points)
    return spec


def table_of(bloc_year):
    return CriteriaTable.objects.filter(bloc_year=bloc_year).first()


def members_of(bloc_year):
    return list(bloc_year.members.select_related("unit").in_display_order())


def scores_by_cell(table):
    """{(member_id, criterion_id): Score} of a table. One query."""
    if table is None:
        return {}
    return {(s.member_id, s.criterion_id): s for s in Score.objects.filter(criterion__table=table)}


class CellScore(NamedTuple):
    self_score: Decimal | None
    verified_score: Decimal | None


def score_values_by_cell(table):
    """{(member_id, criterion_id): CellScore(self_score, verified_score)}: what totals need, without building
    ``Score`` instances (the ranking page's standings spent most of their time on them). One query."""
    if table is None:
        return {}
    rows = Score.objects.filter(criterion__table=table).values_list("member_id", "criterion_id", "self_score", "verified_score")
    return {(m, c): CellScore(own, verified) for m, c, own, verified in rows}


def votes_by_unit(bloc_year):
    """The highest agreeing vote count recorded for each unit in the bloc-year."""
    rows = Vote.objects.filter(bloc_year=bloc_year, unit__isnull=False).values("unit_id").annotate(n=Max("votes_for"))
    return {r["unit_id"]: r["n"] for r in rows}


@dataclass
class Standing:
    member: BlocMember
    totals: scoring.UnitTotals
    self_totals: scoring.UnitTotals
    missing: int = 0  # leaves without a counting value
    classification: str = ""
    extra: dict = field(default_factory=dict)


def standings(bloc_year, table=None, criteria=None, members=None, scores=None):
    """Totals of every member (counting values and self scores), in display order."""
    table = table if table is not None else table_of(bloc_year)
    criteria = criteria if criteria is not None else criteria_in_tree_order(table)
    spec = table_spec(table, criteria)
    members = members if members is not None else members_of(bloc_year)
    scores = scores if scores is not None else score_values_by_cell(table)
    out = []
    for m in members:
        counting, own = {}, {}
        for leaf in spec.leaves:
            s = scores.get((m.pk, leaf.id))
            if s is None:
                continue
            counting[leaf.id] = scoring.effective(spec, s.self_score, s.verified_score)
            own[leaf.id] = s.self_score
        totals = scoring.unit_totals(spec, counting)
        out.append(Standing(
            member=m, totals=totals, self_totals=scoring.unit_totals(spec, own),
            missing=len(spec.leaves) - totals.scored,
            classification=scoring.classify(totals.total, table.classification if table else []),
        ))
    return spec, out


def computed_ranking(bloc_year, table=None):
    """(spec, standings, placed) computed from the scores, without writing anything."""
    table = table if table is not None else table_of(bloc_year)
    spec, rows = standings(bloc_year, table=table)
    votes = votes_by_unit(bloc_year)
    candidates = [
        scoring.Candidate(
            unit_id=r.member.unit_id, name=r.member.unit.name, sort_key=r.member.unit.sort_key or r.member.unit.name,
            total=r.totals.total, sections=r.totals.sections, penalty=r.totals.penalty,
            votes=votes.get(r.member.unit_id), women_share=r.member.women_share,
        )
        for r in rows
    ]
    placed = scoring.rank(candidates, table.tiebreaks if table else [], spec)
    return spec, rows, placed



def ranking_is_stale(ranking, placed, entries=None):
    """Whether the stored computed ranking is out of date: the ranking the scores give now (``placed``
    from ``computed_ranking``; None without a criteria table) differs in a unit, a rank or a total.
    An approved or entered ranking is never stale. ``entries``: the stored entries when already read."""
    if ranking is None or placed is None or ranking.source != RankingSource.COMPUTED or ranking.is_frozen:
        return False
    entries = entries if entries is not None else ranking.entries.all()
    return {(p.unit_id, p.rank, p.total) for p in placed} != {(e.unit_id, e.rank, e.total) for e in entries}

# ---- who may do what on the score grid -------------------------------------------------------


@dataclass(frozen=True)
class GridAccess:
    """What one user may do on a bloc-year's score grid (see ``grid_access``)."""

    may_verify: bool  # holds the permission to enter verified scores
    self_unit_ids: frozenset | None = None  # units whose self scores and notes they enter; None: every unit
    frozen: bool = False  # the ranking is approved: nothing may be entered

    @property
    def can_verify(self):
        return self.may_verify and not self.frozen

    def may_enter_self(self, unit_id):
        """The one rule of self scores: a unit's account enters (and notes) only its own unit's cells."""
        return not self.frozen and (self.self_unit_ids is None or unit_id in self.self_unit_ids)

    @property
    def may_save(self):
        """May post scores at all: a verifier, or the account of at least one member unit."""
        return self.may_verify or bool(self.self_unit_ids)


def grid_access(user, bloc_year, ranking=None):
    """Who may edit what on the grid: verifiers (and administrators) every cell, a unit's account the self
    scores of its own units (``awards.self_score``), anyone else nothing; an approved ``ranking`` freezes all."""
    may_verify = user.has_perm("awards.verify_scores", bloc_year)
    if may_verify or is_admin_user(user):
        units = None
    elif user.has_perm("awards.self_score", bloc_year):
        units = frozenset(leader_unit_ids(user))
    else:
        units = frozenset()
    return GridAccess(may_verify=may_verify, self_unit_ids=units, frozen=bool(ranking and ranking.is_frozen))
