"""Services and selectors of criteria tables, scores and rankings (the ORM side of ``awards.scoring.maths``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.choices import CriterionKind, RankingSource, RankingStatus
from awards.scoring import maths as scoring
from awards.scoring.models import CriteriaTable, Criterion, RankEntry, Ranking, Score
from awards.votes.models import Vote
from blocs.audit.services import entry as audit_entry
from blocs.audit.services import record
from blocs.models import AuditEntry, BlocMember
from emulation.lib.text import nfc

# ---- selectors -------------------------------------------------------------------------------


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


# ---- criteria tables -------------------------------------------------------------------------


def _bump(table):
    CriteriaTable.objects.filter(pk=table.pk).update(version=table.version + 1)
    table.version += 1


def _ensure_not_frozen(bloc_year):
    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    if ranking and ranking.is_frozen:
        raise ValidationError(
            _("Kết quả xếp hạng đã được phê duyệt: điểm và bảng tiêu chí bị khóa. Cần mở lại (có lý do) trước khi sửa."),
            code="frozen",
        )


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
        for r in source.tiebreaks if not r.startswith("section:") or r.split(":", 1)[1].isdigit()
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


# ---- scores ----------------------------------------------------------------------------------


@dataclass
class CellInput:
    member_id: int
    criterion_id: int
    self_score: object = None  # raw text / Decimal / None; absent field -> keep
    verified_score: object = None
    note: object = None
    base_version: int = 0
    has_self: bool = False
    has_verified: bool = False
    has_note: bool = False


class ScoreSaveError(Exception):
    """Nothing was saved. ``errors``: {"<member>-<criterion>-<field>": reason}; ``conflicts``: a list
    of dicts naming the cells another user changed since the page was loaded."""

    def __init__(self, message, *, errors=None, conflicts=None, versions=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.conflicts = conflicts or []
        self.versions = versions or {}


def cell_key(member_id, criterion_id, field_code):
    return f"{member_id}-{criterion_id}-{field_code}"


def scores_save(*, bloc_year, user, cells, can_verify, self_unit_ids=None, table_version=None,
                recompute=True, audit_reason=""):
    """Save a batch of grid cells all or nothing. Returns the list of saved Score rows.

    * every value is validated (number, not negative, within the criterion's maximum, bonus and
      penalty totals within the table's caps) and refused with a Vietnamese reason per cell;
    * ``can_verify`` False: only self scores may be given, and only for ``self_unit_ids`` when set;
    * version check: a cell whose stored version differs from ``base_version`` was changed by
      someone else since the grid was loaded; nothing is saved and the conflicts are returned;
    * every changed value is recorded in the audit history (who, when, old, new);
    * the draft computed ranking is recomputed (``recompute``).
    Raises ScoreSaveError.
    """
    table = table_of(bloc_year)
    if table is None:
        raise ScoreSaveError(_("Năm này chưa có bảng tiêu chí."))
    with transaction.atomic():
        ranking = Ranking.objects.select_for_update().filter(bloc_year=bloc_year).first()
        if ranking and ranking.is_frozen:
            raise ScoreSaveError(_("Kết quả xếp hạng đã được phê duyệt: điểm đã bị khóa, không thể sửa."))
        locked_table = CriteriaTable.objects.select_for_update().get(pk=table.pk)
        if table_version is not None and int(table_version) != locked_table.version:
            raise ScoreSaveError(_("Bảng tiêu chí đã được sửa sau khi bạn mở trang. Hãy tải lại trang (các giá trị "
                                   "đang nhập vẫn còn trên màn hình, hãy ghi lại trước khi tải)."))
        criteria = criteria_in_tree_order(locked_table)
        spec = table_spec(locked_table, criteria)
        members = {m.pk: m for m in bloc_year.members.select_related("unit")}
        errors, conflicts = {}, []
        wanted = {}
        for cell in cells:
            key = (cell.member_id, cell.criterion_id)
            member = members.get(cell.member_id)
            node = spec.by_id.get(cell.criterion_id)
            prefix = cell_key(cell.member_id, cell.criterion_id, "")
            if member is None or node is None or not node.is_leaf:
                errors[prefix + "s"] = _("Ô điểm không thuộc bảng chấm điểm này.")
                continue
            if key in wanted:
                errors[prefix + "s"] = _("Ô điểm bị gửi hai lần.")
                continue
            wanted[key] = cell
            if cell.has_verified and not can_verify:
                errors[prefix + "v"] = _("Bạn không có quyền nhập điểm thẩm định.")
            if cell.has_self and self_unit_ids is not None and member.unit_id not in self_unit_ids:
                errors[prefix + "s"] = _("Bạn chỉ được nhập điểm tự chấm của đơn vị mình.")
            for code, present, raw in (("s", cell.has_self, cell.self_score), ("v", cell.has_verified, cell.verified_score)):
                if not present:
                    continue
                try:
                    value = scoring.parse_score(raw)
                except ValueError as exc:
                    errors[prefix + code] = str(exc)
                    continue
                reason = scoring.cell_error(node, value)
                if reason:
                    errors[prefix + code] = reason
                if code == "s":
                    cell.self_score = value
                else:
                    cell.verified_score = value
            if cell.has_note and self_unit_ids is not None and member.unit_id not in self_unit_ids:
                errors[prefix + "n"] = _("Bạn chỉ được ghi chú cho đơn vị mình.")
            elif cell.has_note:
                cell.note = " ".join(str(cell.note or "").split())
                if len(cell.note) > 500:
                    errors[prefix + "n"] = _("Ghi chú dài quá 500 ký tự.")
                else:

                    cell.note = nfc(cell.note)
        existing = {}
        if wanted:
            member_ids = {k[0] for k in wanted}
            qs = Score.objects.select_for_update(of=("self",)).filter(criterion__table=locked_table, member_id__in=member_ids)
            existing = {(s.member_id, s.criterion_id): s for s in qs.select_related("updated_by")}
        # Version check.
        for key, cell in wanted.items():
            current = existing.get(key)
            current_version = current.version if current else 0
            if current_version != int(cell.base_version or 0):
                m, node = members[key[0]], spec.by_id[key[1]]
                who = current.updated_by.get_full_name() or current.updated_by.username if current and current.updated_by else _("người khác")
                conflicts.append({
                    "member_id": key[0], "criterion_id": key[1], "unit": m.unit.name, "criterion": node.label,
                    "by": who, "self_score": scoring.fmt(current.self_score) if current else "",
                    "verified_score": scoring.fmt(current.verified_score) if current else "",
                    "note": current.note if current else "", "version": current_version,
                })
        # Caps of bonus/penalty totals, per unit, with the new values merged in.
        if spec.bonus_cap is not None or spec.penalty_cap is not None:
            for member_id in {k[0] for k in wanted}:
                merged = {"s": {}, "v": {}}
                for (mid, cid), s in existing.items():
                    if mid == member_id:
                        merged["s"][cid], merged["v"][cid] = s.self_score, s.verified_score
                for (mid, cid), cell in wanted.items():
                    if mid == member_id:
                        if cell.has_self and isinstance(cell.self_score, (Decimal, type(None))):
                            merged["s"][cid] = cell.self_score
                        if cell.has_verified and isinstance(cell.verified_score, (Decimal, type(None))):
                            merged["v"][cid] = cell.verified_score
                for code in ("s", "v"):
                    for kind, reason in scoring.cap_errors(spec, merged[code]).items():
                        for (mid, cid), cell in wanted.items():
                            if mid == member_id and spec.by_id[cid].kind == kind and \
                                    (cell.has_self if code == "s" else cell.has_verified):
                                errors.setdefault(cell_key(mid, cid, code), reason)
        if errors:
            raise ScoreSaveError(
                _("Chưa lưu: %(n)s ô điểm không hợp lệ. Các giá trị vẫn được giữ trên màn hình.") % {"n": len(errors)},
                errors=errors,
            )
        if conflicts:
            raise ScoreSaveError(
                _("Chưa lưu: %(n)s ô vừa được người khác sửa sau khi bạn mở trang. Xem danh sách, "
                  "quyết định giữ giá trị nào rồi lưu lại.") % {"n": len(conflicts)},
                conflicts=conflicts,
            )
        now = timezone.now()
        actor = user if getattr(user, "is_authenticated", False) else None
        to_create, to_update, audits = [], [], []
        for key, cell in wanted.items():
            s = existing.get(key)
            new = s is None
            if new:
                s = Score(member_id=key[0], criterion_id=key[1], version=0)
            changes = {}
            if cell.has_self and s.self_score != cell.self_score:
                changes["self_score"] = (s.self_score, cell.self_score)
                s.self_score = cell.self_score
            if cell.has_verified and s.verified_score != cell.verified_score:
                changes["verified_score"] = (s.verified_score, cell.verified_score)
                s.verified_score = cell.verified_score
            if cell.has_note and s.note != cell.note:
                changes["note"] = (s.note, cell.note)
                s.note = cell.note
            if not changes:
                continue
            s.version += 1
            s.updated_by = actor
            s.updated_at = now
            (to_create if new else to_update).append(s)
            m, node = members[key[0]], spec.by_id[key[1]]
            audits.append((s, f"{m.unit.name} / {node.label}"[:255], changes))
        Score.objects.bulk_create(to_create)
        if to_update:
            _update_scores(to_update)
        if to_create and any(s.pk is None for s in to_create):  # backends that do not return ids
            ids = {(s.member_id, s.criterion_id): s.pk for s in Score.objects.filter(criterion__table=locked_table)}
            for s in to_create:
                s.pk = ids[(s.member_id, s.criterion_id)]
        # The audit history, one entry per changed cell, stored in one statement.
        AuditEntry.objects.bulk_create([
            audit_entry(user=actor, action="score_change", obj=s, object_repr=label, bloc_year=bloc_year,
                        reason=audit_reason, changes=changes)
            for s, label, changes in audits
        ])
        saved = to_create + to_update
        if recompute and saved and (ranking is None or ranking.source == RankingSource.COMPUTED):
            ranking_compute(bloc_year=bloc_year, user=user, table=locked_table, audit=False)
        return saved


def _update_scores(rows):
    """UPDATE the changed Score rows with one prepared statement (executemany).

    ``bulk_update`` builds a CASE expression per field and batch, which takes seconds for a 40 × 60
    grid; an executemany of a plain UPDATE is pipelined by psycopg and cheap on SQLite.
    """

    ops, meta = connection.ops, Score._meta
    cols = [meta.get_field(f).column for f in ("self_score", "verified_score", "note", "version", "updated_by", "updated_at")]
    qn = connection.ops.quote_name
    sql = (f"UPDATE {qn(meta.db_table)} SET " + ", ".join(f"{qn(c)} = %s" for c in cols)
           + f" WHERE {qn(meta.pk.column)} = %s")

    def dec(v):
        return ops.adapt_decimalfield_value(v, 8, 2) if v is not None else None

    params = [
        (dec(s.self_score), dec(s.verified_score), s.note, s.version, s.updated_by_id,
         ops.adapt_datetimefield_value(s.updated_at), s.pk)
        for s in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# ---- rankings --------------------------------------------------------------------------------


def ranking_compute(*, bloc_year, user, table=None, audit=True) -> Ranking:
    """Write the ranking computed from the scores as RankEntry rows (replacing the draft ones).

    Refused when the ranking is approved. The source becomes "computed".
    """
    with transaction.atomic():
        ranking, _created = Ranking.objects.select_for_update().get_or_create(bloc_year=bloc_year)
        if ranking.is_frozen:
            raise ValidationError(_("Kết quả xếp hạng đã được phê duyệt, không thể tính lại."), code="frozen")
        table = table if table is not None else table_of(bloc_year)
        if table is None:
            raise ValidationError(_("Năm này chưa có bảng tiêu chí, chưa thể xếp hạng."), code="no_table")
        _write_entries(ranking, bloc_year, table)
        if ranking.source != RankingSource.COMPUTED:
            ranking.source = RankingSource.COMPUTED
            ranking.save(update_fields=["source"])
        if audit:
            record(user=user, action="ranking_compute", obj=ranking, bloc_year=bloc_year)
        return ranking


def _write_entries(ranking, bloc_year, table):
    spec, rows, placed = computed_ranking(bloc_year, table)
    by_unit = {r.member.unit_id: r for r in rows}
    ranking.entries.all().delete()
    RankEntry.objects.bulk_create([
        RankEntry(ranking=ranking, unit_id=p.unit_id, rank=p.rank, total=p.total,
                  classification=by_unit[p.unit_id].classification[:60], tiebreak_note=p.tiebreak_note)
        for p in placed
    ])
    return placed


@transaction.atomic
def ranking_approve(*, bloc_year, user, note="") -> Ranking:
    """Approve the ranking: recompute it from the scores once more, then freeze scores and table."""
    ranking = ranking_compute(bloc_year=bloc_year, user=user, audit=False)
    ranking.status = RankingStatus.APPROVED
    ranking.approved_at = timezone.now()
    ranking.approved_by = user
    if note:
        ranking.note = note
    ranking.save()
    record(user=user, action="ranking_approve", obj=ranking, bloc_year=bloc_year,
           changes={"status": (RankingStatus.DRAFT, RankingStatus.APPROVED)}, reason=note)
    return ranking


@transaction.atomic
def ranking_reopen(*, bloc_year, user, reason) -> Ranking:
    """Reopen an approved ranking (scores become editable again). The reason is required and recorded."""
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ValidationError({"reason": _("Cần nêu lý do mở lại (ít nhất 5 ký tự).")})
    ranking = Ranking.objects.select_for_update().filter(bloc_year=bloc_year).first()
    if ranking is None or not ranking.is_frozen:
        raise ValidationError(_("Kết quả xếp hạng chưa được phê duyệt."), code="not_approved")
    ranking.status = RankingStatus.DRAFT
    ranking.approved_at = None
    ranking.approved_by = None
    ranking.save()
    record(user=user, action="ranking_reopen", obj=ranking, bloc_year=bloc_year,
           changes={"status": (RankingStatus.APPROVED, RankingStatus.DRAFT)}, reason=reason)
    return ranking
