"""Builders of criteria tables and score grids for the scoring tests."""

from decimal import Decimal

from awards.choices import CriterionKind
from awards.models import CriteriaTable, Criterion, Score
from awards.scoring import services as svc
from tests.factories import bloc_year_with_members


def make_table(bloc_year, *, sections=2, per_section=3, max_points=10, bonus=(5,), penalty=(5,), bonus_cap=None,
               penalty_cap=None, tiebreaks=None, fallback=False, classification=None):
    """A table with ``sections`` sections of ``per_section`` criteria each, then bonus and penalty items."""
    table = CriteriaTable.objects.create(bloc_year=bloc_year, title="Bảng thử", bonus_cap=bonus_cap, penalty_cap=penalty_cap,
                                         tiebreaks=tiebreaks or [], allow_self_fallback=fallback,
                                         classification=classification or [])
    order = 0
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for i in range(sections):
        order += 10
        s = Criterion.objects.create(table=table, kind=CriterionKind.SECTION, code=roman[i % 10], title=f"Nhóm {i + 1}", order=order)
        for j in range(per_section):
            order += 10
            Criterion.objects.create(table=table, parent=s, kind=CriterionKind.CRITERION, code=str(j + 1),
                                     title=f"Tiêu chí {i + 1}.{j + 1}", max_points=Decimal(max_points), order=order)
    for k, cap in enumerate(bonus):
        order += 10
        Criterion.objects.create(table=table, kind=CriterionKind.BONUS, code=f"C{k + 1}", title=f"Điểm cộng {k + 1}",
                                 max_points=Decimal(cap), order=order)
    for k, cap in enumerate(penalty):
        order += 10
        Criterion.objects.create(table=table, kind=CriterionKind.PENALTY, code=f"T{k + 1}", title=f"Điểm trừ {k + 1}",
                                 max_points=Decimal(cap), order=order)
    return table


def leaves(table):
    return list(table.criteria.exclude(kind=CriterionKind.SECTION).order_by("order"))


def fill(table, members, value_of):
    """Store verified scores: ``value_of(member_index, criterion)`` -> number or None."""
    rows = []
    for i, m in enumerate(members):
        for c in leaves(table):
            v = value_of(i, c)
            if v is not None:
                rows.append(Score(member=m, criterion=c, verified_score=Decimal(str(v)), self_score=Decimal(str(v))))
    Score.objects.bulk_create(rows)


def big_grid(n_members, n_criteria, bloc=None, year=2024):
    """A bloc-year of ``n_members`` units with a table of ``n_criteria`` leaves (in sections of 10), all scored."""
    by = bloc_year_with_members(n_members, bloc=bloc, year=year)
    table = make_table(by, sections=max(1, n_criteria // 10), per_section=10, bonus=(), penalty=())
    members = list(by.members.all())
    fill(table, members, lambda i, c: (i + c.order) % 10)
    return by, table


def cell(m, c, **kw):
    """A grid cell to save: ``s``, ``v``, ``n`` the self score, verified score and note given; ``ver`` the base version."""
    return svc.CellInput(member_id=m.pk, criterion_id=c.pk, has_self="s" in kw, has_verified="v" in kw, has_note="n" in kw,
                         self_score=kw.get("s"), verified_score=kw.get("v"), note=kw.get("n"), base_version=kw.get("ver", 0))


def small_grid(world):
    """bloc-year A with one section of two criteria, two bonus items (capped at 15 together) and a penalty:
    (world, table, members by pk, leaves)."""
    table = make_table(world.by_a, sections=1, per_section=2, bonus=(10, 10), penalty=(5,), bonus_cap=15)
    members = list(world.by_a.members.select_related("unit").order_by("pk"))
    return world, table, members, leaves(table)
