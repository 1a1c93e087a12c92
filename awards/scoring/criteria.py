"""Criteria tables: create, change, copy and import a table and its criteria (each change audited; changes after scoring ask first and keep fitting scores)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from awards.choices import CriterionKind
from awards.scoring import maths as scoring
from awards.scoring.models import CriteriaTable, Criterion, Score
from awards.scoring.selectors import criteria_in_tree_order
from awards.scoring.services import _bump, _ensure_not_frozen
from blocs.audit.services import record


@transaction.atomic
def table_get_or_create(*, bloc_year, user) -> CriteriaTable:
    table, created = CriteriaTable.objects.get_or_create(
        bloc_year=bloc_year, defaults={"title": _("Bảng tiêu chí chấm điểm thi đua năm %(y)s") % {"y": bloc_year.year}}
    )
    if created:
        record(user=user, action="criteria_table_create", obj=table, bloc_year=bloc_year)
    return table


@transaction.atomic
def table_update(*, table, user, data) -> CriteriaTable:
    """Update the settings of a table (title, fallback, caps, tie-breaks, classification); audited."""
    _ensure_not_frozen(table.bloc_year)
    fields = ["title", "allow_self_fallback", "bonus_cap", "penalty_cap", "tiebreaks", "classification"]
    changes = {f: (getattr(table, f), data[f]) for f in fields if f in data and getattr(table, f) != data[f]}
    for f, (_old, new) in changes.items():
        setattr(table, f, new)
    if changes:
        table.version += 1
        table.full_clean()
        table.save()
        record(user=user, action="criteria_table_update", obj=table, changes=changes, bloc_year=table.bloc_year)
    return table


def scores_over(criterion, new_max):
    """Scores of ``criterion`` that would no longer fit under ``new_max``."""

    return Score.objects.filter(criterion=criterion).filter(Q(self_score__gt=new_max) | Q(verified_score__gt=new_max))


@transaction.atomic
def criterion_save(*, table, user, criterion=None, data, confirm=False) -> Criterion:
    """Create or change a criterion. When scores exist and the change affects them, ``confirm`` is
    needed; scores that no longer fit the new maximum are cleared (audited), the others are kept.

    Raises ValidationError (code ``needs_confirm`` with the count) when confirmation is missing.
    """
    _ensure_not_frozen(table.bloc_year)
    parent = data.get("parent")
    if parent is not None and (parent.table_id != table.pk or parent.kind != CriterionKind.SECTION):
        raise ValidationError({"parent": _("Mục cha phải là một nhóm tiêu chí của cùng bảng.")})
    creating = criterion is None
    if creating:
        criterion = Criterion(table=table)
    else:
        # A section cannot be moved under itself or its descendants.
        p = parent
        while p is not None:
            if p.pk == criterion.pk:
                raise ValidationError({"parent": _("Không thể đặt một nhóm vào trong chính nó.")})
            p = p.parent
    if not creating and data["kind"] == CriterionKind.SECTION and criterion.kind != CriterionKind.SECTION \
            and criterion.scores.exists():
        raise ValidationError({"kind": _("Tiêu chí đã có điểm, không thể đổi thành nhóm tiêu chí.")})
    if not creating and data["kind"] != CriterionKind.SECTION and criterion.kind == CriterionKind.SECTION \
            and criterion.children.exists():
        raise ValidationError({"kind": _("Nhóm còn tiêu chí con, không thể đổi thành tiêu chí.")})
    over = []
    if not creating and criterion.kind != CriterionKind.SECTION:
        over = list(scores_over(criterion, data["max_points"]).select_related("member__unit"))
        if over and not confirm:
            raise ValidationError(
                _("%(n)s ô điểm vượt điểm tối đa mới (%(max)s). Xác nhận để xóa các điểm này; các điểm còn lại được giữ.")
                % {"n": len(over), "max": scoring.fmt(data["max_points"])},
                code="needs_confirm",
            )
    old = {f: getattr(criterion, f) for f in ("kind", "code", "title", "max_points", "order", "parent_id")}
    criterion.kind = data["kind"]
    criterion.code = data.get("code", "")
    criterion.title = data["title"]
    criterion.max_points = Decimal("0") if data["kind"] == CriterionKind.SECTION else data["max_points"]
    criterion.parent = parent
    if data.get("order") is not None:
        criterion.order = data["order"]
    elif creating:
        criterion.order = (table.criteria.aggregate(m=Max("order"))["m"] or 0) + 10
    criterion.full_clean(exclude=["table"])
    criterion.save()
    for s in over:
        changes = {}
        if s.self_score is not None and s.self_score > criterion.max_points:
            changes["self_score"] = (s.self_score, None)
            s.self_score = None
        if s.verified_score is not None and s.verified_score > criterion.max_points:
            changes["verified_score"] = (s.verified_score, None)
            s.verified_score = None
        s.version += 1
        s.updated_by = user if getattr(user, "is_authenticated", False) else None
        s.save()
        record(user=user, action="score_clear", obj=s, changes=changes, bloc_year=table.bloc_year,
               reason=_("Điểm tối đa của tiêu chí giảm còn %(max)s.") % {"max": scoring.fmt(criterion.max_points)})
    new = {f: getattr(criterion, f) for f in old}
    changes = {f: (old[f], new[f]) for f in old if old[f] != new[f]} if not creating else {f: (None, v) for f, v in new.items()}
    record(user=user, action="criterion_create" if creating else "criterion_update", obj=criterion,
           changes=changes, bloc_year=table.bloc_year)
    _bump(table)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion, user, confirm=False):
    """Delete a criterion (and, for a section, everything under it). Scores under it need ``confirm``."""
    table = criterion.table
    _ensure_not_frozen(table.bloc_year)
    ids = [criterion.pk]
    frontier = [criterion.pk]
    while frontier:
        frontier = list(Criterion.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    n_scores = Score.objects.filter(criterion_id__in=ids).count()
    if n_scores and not confirm:
        raise ValidationError(
            _("Mục này có %(n)s ô điểm. Xác nhận để xóa mục cùng các điểm đó.") % {"n": n_scores}, code="needs_confirm"
        )
    record(user=user, action="criterion_delete", obj=criterion, bloc_year=table.bloc_year,
           changes={"title": (criterion.title, None), "max_points": (criterion.max_points, None), "scores": (n_scores, 0)})
    criterion.delete()
    _bump(table)


@transaction.atomic
def table_copy(*, source, target_bloc_year, user) -> CriteriaTable:
    """Copy the criteria (and settings) of ``source`` into the table of ``target_bloc_year``.

    The target's existing criteria are replaced; refused when the target already has scores.
    """
    _ensure_not_frozen(target_bloc_year)
    table = table_get_or_create(bloc_year=target_bloc_year, user=user)
    if source.pk == table.pk:
        raise ValidationError(_("Không thể sao chép bảng tiêu chí vào chính nó."), code="same_table")
    if Score.objects.filter(criterion__table=table).exists():
        raise ValidationError(
            _("Bảng tiêu chí năm nay đã có điểm; không thể thay bằng bảng khác."), code="has_scores"
        )
    table.criteria.all().delete()
    mapping = {}
    for c in criteria_in_tree_order(source):
        new = Criterion.objects.create(
            table=table, parent_id=mapping.get(c.parent_id), kind=c.kind, code=c.code, title=c.title,
            max_points=c.max_points, order=c.order,
        )
        mapping[c.pk] = new.pk
    table.allow_self_fallback = source.allow_self_fallback
    table.bonus_cap, table.penalty_cap = source.bonus_cap, source.penalty_cap
    table.classification = source.classification
    table.tiebreaks = [
        f"section:{mapping[int(r.split(':', 1)[1])]}" if r.startswith("section:") and int(r.split(":", 1)[1]) in mapping else r
        for r in source.tiebreaks if not r.startswith("section:") or r.split(":", 1)[1].isdecimal()
    ]
    table.version += 1
    table.save()
    record(user=user, action="criteria_table_copy", obj=table, bloc_year=target_bloc_year,
           changes={"source": (None, str(source.bloc_year))})
    return table


@transaction.atomic
def table_import(*, bloc_year, user, rows) -> CriteriaTable:
    """Replace the criteria of the bloc-year's table with ``rows`` (checked by ``read_criteria``).

    Refused when scores exist (they would lose their criteria).
    """
    _ensure_not_frozen(bloc_year)
    table = table_get_or_create(bloc_year=bloc_year, user=user)
    if Score.objects.filter(criterion__table=table).exists():
        raise ValidationError(_("Bảng tiêu chí năm nay đã có điểm; không thể thay bằng bảng nhập từ tệp."), code="has_scores")
    table.criteria.all().delete()
    parents = []
    for order, row in enumerate(rows, start=1):
        parent = parents[row["level"] - 2] if row["level"] > 1 else None
        c = Criterion.objects.create(table=table, parent=parent, kind=row["kind"], code=row["code"], title=row["title"],
                                     max_points=Decimal(row["max"]), order=order * 10)
        parents = parents[:row["level"] - 1] + [c]
    table.tiebreaks = [r for r in table.tiebreaks if not r.startswith("section:")]
    table.version += 1
    table.save()
    record(user=user, action="criteria_table_import", obj=table, bloc_year=bloc_year,
           changes={"criteria": (None, len(rows))})
    return table


TABLE_ACTIONS = ("create", "settings", "add", "copy", "import_confirm")


def table_action(action, *, bloc_year, table, user, data):
    """Run one change asked on the criteria table page (one of ``TABLE_ACTIONS``) through the service that
    holds its rule. ``data``: the bound form's cleaned data, or the checked rows of an import.

    Returns (the success message, the criterion added or None). Raises ValidationError.
    """
    if action == "import_confirm":
        table_import(bloc_year=bloc_year, user=user, rows=data)
        return _("Đã nhập %(n)s dòng tiêu chí từ tệp.") % {"n": len(data)}, None
    if action == "create":
        table_get_or_create(bloc_year=bloc_year, user=user)
        return _("Đã tạo bảng tiêu chí. Thêm nhóm và tiêu chí bên dưới."), None
    if action == "settings":
        table_update(table=table, user=user, data=data)
        return _("Đã lưu cài đặt bảng tiêu chí."), None
    if action == "add":
        criterion = criterion_save(table=table, user=user, data=data)
        return _("Đã thêm “%(c)s”.") % {"c": criterion}, criterion
    if action == "copy":
        table_copy(source=data["source"], target_bloc_year=bloc_year, user=user)
        return _("Đã sao chép bảng tiêu chí từ %(s)s.") % {"s": data["source"].bloc_year}, None
    raise ValueError(f"unknown criteria table action: {action}")
