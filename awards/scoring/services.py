"""Services and selectors of criteria tables, scores and rankings (the ORM side of ``awards.scoring.maths``)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.choices import RankingSource, RankingStatus
from awards.scoring import maths as scoring
from awards.scoring.models import CriteriaTable, RankEntry, Ranking, Score
from awards.scoring.selectors import computed_ranking, criteria_in_tree_order, table_of, table_spec
from blocs.audit.services import entry as audit_entry
from blocs.audit.services import record, user_name
from blocs.models import AuditEntry
from emulation.lib.text import nfc

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


def scores_save(*, bloc_year, user, cells, access, table_version=None, recompute=True, audit_reason=""):
    """Save a batch of grid cells all or nothing. Returns the list of saved Score rows.

    * every value is validated (number, not negative, within the criterion's maximum, bonus and
      penalty totals within the table's caps) and refused with a Vietnamese reason per cell;
    * ``access`` (``selectors.grid_access``): verified scores only when it may verify, self scores
      and notes only of the units it may enter;
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
        batch = _Batch(spec=table_spec(locked_table, criteria_in_tree_order(locked_table)),
                       members={m.pk: m for m in bloc_year.members.select_related("unit")})
        for cell in cells:
            batch.check(cell, access)
        batch.lock_existing(locked_table)
        batch.check_caps()
        batch.raise_if_refused()
        changed, audits = batch.apply(user)
        saved = _write_scores(changed, audits, locked_table, bloc_year=bloc_year, user=user, audit_reason=audit_reason)
        if recompute and saved and (ranking is None or ranking.source == RankingSource.COMPUTED):
            ranking_compute(bloc_year=bloc_year, user=user, table=locked_table, audit=False)
        return saved


@dataclass
class _Batch:
    """One batch of ``scores_save`` on its way: the wanted cells, the stored scores, what is refused."""

    spec: scoring.TableSpec
    members: dict  # member id -> BlocMember (with unit)
    wanted: dict = field(default_factory=dict)  # (member id, criterion id) -> CellInput
    existing: dict = field(default_factory=dict)  # (member id, criterion id) -> Score, locked
    errors: dict = field(default_factory=dict)  # cell_key -> reason
    conflicts: list = field(default_factory=list)

    def check(self, cell, access):
        """Check one cell on its own (place, permission, values, note); its values become Decimals."""
        key = (cell.member_id, cell.criterion_id)
        member, node = self.members.get(cell.member_id), self.spec.by_id.get(cell.criterion_id)
        prefix = cell_key(cell.member_id, cell.criterion_id, "")
        if member is None or node is None or not node.is_leaf:
            self.errors[prefix + "s"] = _("Ô điểm không thuộc bảng chấm điểm này.")
            return
        if key in self.wanted:
            self.errors[prefix + "s"] = _("Ô điểm bị gửi hai lần.")
            return
        self.wanted[key] = cell
        own_unit = access.may_enter_self(member.unit_id)
        if cell.has_verified and not access.may_verify:
            self.errors[prefix + "v"] = _("Bạn không có quyền nhập điểm thẩm định.")
        if cell.has_self and not own_unit:
            self.errors[prefix + "s"] = _("Bạn chỉ được nhập điểm tự chấm của đơn vị mình.")
        for code, present, raw in (("s", cell.has_self, cell.self_score), ("v", cell.has_verified, cell.verified_score)):
            if present:
                self._parse(cell, node, prefix, code, raw)
        if cell.has_note and not own_unit:
            self.errors[prefix + "n"] = _("Bạn chỉ được ghi chú cho đơn vị mình.")
        elif cell.has_note:
            cell.note = " ".join(str(cell.note or "").split())
            if len(cell.note) > 500:
                self.errors[prefix + "n"] = _("Ghi chú dài quá 500 ký tự.")
            else:
                cell.note = nfc(cell.note)

    def _parse(self, cell, node, prefix, code, raw):
        try:
            value = scoring.parse_score(raw)
        except ValueError as exc:
            self.errors[prefix + code] = str(exc)
            return
        reason = scoring.cell_error(node, value)
        if reason:
            self.errors[prefix + code] = reason
        if code == "s":
            cell.self_score = value
        else:
            cell.verified_score = value

    def lock_existing(self, table):
        """Lock the stored scores of the batch's units and note the cells someone else changed meanwhile."""
        if not self.wanted:
            return
        member_ids = {k[0] for k in self.wanted}
        qs = Score.objects.select_for_update(of=("self",)).filter(criterion__table=table, member_id__in=member_ids)
        self.existing = {(s.member_id, s.criterion_id): s for s in qs.select_related("updated_by")}
        for key, cell in self.wanted.items():
            current = self.existing.get(key)
            current_version = current.version if current else 0
            if current_version != int(cell.base_version or 0):
                m, node = self.members[key[0]], self.spec.by_id[key[1]]
                who = user_name(current.updated_by) if current and current.updated_by else _("người khác")
                self.conflicts.append({
                    "member_id": key[0], "criterion_id": key[1], "unit": m.unit.name, "criterion": node.label,
                    "by": who, "self_score": scoring.fmt(current.self_score) if current else "",
                    "verified_score": scoring.fmt(current.verified_score) if current else "",
                    "note": current.note if current else "", "version": current_version,
                })

    def check_caps(self):
        """Caps of bonus/penalty totals, per unit, with the new values over the stored ones."""
        if self.spec.bonus_cap is None and self.spec.penalty_cap is None:
            return
        for member_id in {k[0] for k in self.wanted}:
            cells = {cid: cell for (mid, cid), cell in self.wanted.items() if mid == member_id}
            for code, attr, present in (("s", "self_score", "has_self"), ("v", "verified_score", "has_verified")):
                new = {cid: getattr(cell, attr) for cid, cell in cells.items()
                       if getattr(cell, present) and isinstance(getattr(cell, attr), (Decimal, type(None)))}
                for kind, reason in scoring.unit_cap_errors(self.spec, self.existing, member_id, code, new).items():
                    for cid, cell in cells.items():
                        if self.spec.by_id[cid].kind == kind and getattr(cell, present):
                            self.errors.setdefault(cell_key(member_id, cid, code), reason)

    def raise_if_refused(self):
        if self.errors:
            raise ScoreSaveError(
                _("Chưa lưu: %(n)s ô điểm không hợp lệ. Các giá trị vẫn được giữ trên màn hình.") % {"n": len(self.errors)},
                errors=self.errors,
            )
        if self.conflicts:
            raise ScoreSaveError(
                _("Chưa lưu: %(n)s ô vừa được người khác sửa sau khi bạn mở trang. Xem danh sách, "
                  "quyết định giữ giá trị nào rồi lưu lại.") % {"n": len(self.conflicts)},
                conflicts=self.conflicts,
            )

    def apply(self, user):
        """Set the new values on Score rows (new or stored). Returns (changed rows, audit triples)."""
        now = timezone.now()
        actor = user if getattr(user, "is_authenticated", False) else None
        saved, audits = [], []
        for key, cell in self.wanted.items():
            s = self.existing.get(key) or Score(member_id=key[0], criterion_id=key[1], version=0)
            changes = {}
            for present, attr, value in ((cell.has_self, "self_score", cell.self_score),
                                         (cell.has_verified, "verified_score", cell.verified_score),
                                         (cell.has_note, "note", cell.note)):
                if present and getattr(s, attr) != value:
                    changes[attr] = (getattr(s, attr), value)
                    setattr(s, attr, value)
            if not changes:
                continue
            s.version += 1
            s.updated_by = actor
            s.updated_at = now
            saved.append(s)
            m, node = self.members[key[0]], self.spec.by_id[key[1]]
            audits.append((s, f"{m.unit.name} / {node.label}"[:255], changes))
        return saved, audits


def _write_scores(changed, audits, table, *, bloc_year, user, audit_reason):
    """Store the changed rows (new ones in one INSERT, stored ones in one UPDATE) and their audit entries.
    Returns the rows, the new ones first."""
    to_create = [s for s in changed if s.pk is None]
    to_update = [s for s in changed if s.pk is not None]
    Score.objects.bulk_create(to_create)
    if to_update:
        _update_scores(to_update)
    if to_create and any(s.pk is None for s in to_create):  # backends that do not return ids
        ids = {(s.member_id, s.criterion_id): s.pk for s in Score.objects.filter(criterion__table=table)}
        for s in to_create:
            s.pk = ids[(s.member_id, s.criterion_id)]
    # The audit history, one entry per changed cell, stored in one statement.
    AuditEntry.objects.bulk_create([
        audit_entry(user=user, action="score_change", obj=s, object_repr=label, bloc_year=bloc_year,
                    reason=audit_reason, changes=changes)
        for s, label, changes in audits
    ])
    return to_create + to_update


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
