"""Pure scoring maths: cell validation, totals and the ranking with tie-breaks (no ORM here).

A criteria table is a tree: sections (nhóm) hold criteria; leaves are criteria (counted in the
maximum), bonus items (điểm cộng) and penalty items (điểm trừ). Each leaf's ``max_points`` is its
maximum (for bonus and penalty items: the cap of that item); the table may also cap the total of
bonus points and of penalty points.

The total of a unit = sum of its criteria + min(bonus, bonus cap) - min(penalty, penalty cap).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SECTION, CRITERION, BONUS, PENALTY = "section", "criterion", "bonus", "penalty"
ZERO = Decimal("0")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    kind: str
    code: str
    title: str
    max_points: Decimal
    depth: int = 0

    @property
    def is_leaf(self):
        return self.kind != SECTION

    @property
    def label(self):
        return f"{self.code} {self.title}".strip()


@dataclass
class TableSpec:
    """The criteria of a table in tree order (parents before children), with its caps."""

    nodes: list
    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None
    allow_self_fallback: bool = False

    def __post_init__(self):
        self.by_id = {n.id: n for n in self.nodes}
        self.leaves = [n for n in self.nodes if n.is_leaf]
        # For each leaf, the sections above it (nearest first).
        self.ancestors = {}
        for n in self.nodes:
            chain, parent = [], n.parent_id
            while parent is not None and parent in self.by_id:
                chain.append(parent)
                parent = self.by_id[parent].parent_id
            self.ancestors[n.id] = chain
        # "I.2" style codes (the codes of the sections above, then the item's own code).
        self.path_codes = {
            n.id: ".".join(c for c in [*(self.by_id[a].code for a in reversed(self.ancestors[n.id])), n.code] if c)
            for n in self.nodes
        }

    @property
    def sections(self):
        return [n for n in self.nodes if n.kind == SECTION]

    def max_total(self):
        """The maximum of the table without bonus points (what the secretary calls 'thang điểm')."""
        return sum((n.max_points for n in self.leaves if n.kind == CRITERION), ZERO)

    def section_max(self, section_id):
        return sum(
            (n.max_points for n in self.leaves if n.kind == CRITERION and section_id in self.ancestors[n.id]), ZERO
        )

    def bonus_max(self):
        items = sum((n.max_points for n in self.leaves if n.kind == BONUS), ZERO)
        return min(items, self.bonus_cap) if self.bonus_cap is not None else items

    def penalty_max(self):
        items = sum((n.max_points for n in self.leaves if n.kind == PENALTY), ZERO)
        return min(items, self.penalty_cap) if self.penalty_cap is not None else items


SCORE_LIMIT = Decimal(10) ** 6


def parse_score(raw):
    """A typed value as a Decimal (``None`` when empty). Accepts a decimal comma (9,5).

    Raises ``ValueError`` with a Vietnamese reason when the text is not a number.
    """
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(" ", "")
        if text == "":
            return None
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(text)s” không phải là số.") % {"text": str(raw).strip()}) from None
    if not value.is_finite():
        raise ValueError(_("“%(text)s” không phải là số.") % {"text": str(raw).strip()})
    if abs(value) >= SCORE_LIMIT:  # the column holds 8 digits, 2 after the comma
        raise ValueError(_("“%(text)s” quá lớn: điểm phải nhỏ hơn %(max)s.") % {
            "text": str(raw).strip()[:40], "max": "1.000.000"})
    if value != value.quantize(TWO_PLACES):
        raise ValueError(_("Điểm chỉ được có tối đa 2 chữ số thập phân."))
    return value.quantize(TWO_PLACES)


def cell_error(node, value):
    """The Vietnamese reason why ``value`` (a Decimal or None) cannot be a score of ``node``, or None."""
    if value is None:
        return None
    if node.kind == SECTION:
        return _("Nhóm tiêu chí không chấm điểm trực tiếp.")
    if value < 0:
        return _("Điểm không được âm.")
    if value > node.max_points:
        if node.kind == BONUS:
            return _("Điểm cộng vượt mức tối đa của mục (%(max)s).") % {"max": fmt(node.max_points)}
        if node.kind == PENALTY:
            return _("Điểm trừ vượt mức tối đa của mục (%(max)s).") % {"max": fmt(node.max_points)}
        return _("Vượt điểm tối đa của tiêu chí (%(max)s).") % {"max": fmt(node.max_points)}
    return None


def fmt(value):
    """A score for display: 9.50 -> '9,5', 10.00 -> '10' (Vietnamese decimal comma)."""
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value.quantize(TWO_PLACES):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass
class UnitTotals:
    total: Decimal = ZERO
    criteria: Decimal = ZERO
    bonus: Decimal = ZERO  # after the cap
    penalty: Decimal = ZERO  # after the cap
    bonus_raw: Decimal = ZERO
    penalty_raw: Decimal = ZERO
    sections: dict = field(default_factory=dict)
    scored: int = 0  # leaves with a value


def effective(spec, self_score, verified_score):
    """The score that counts: verified, else the self score when the table allows it."""
    if verified_score is not None:
        return verified_score
    if spec.allow_self_fallback:
        return self_score
    return None


def unit_totals(spec, values):
    """Totals of one unit. ``values`` maps leaf id -> Decimal or None (the values that count)."""
    t = UnitTotals(sections={s.id: ZERO for s in spec.sections})
    for leaf in spec.leaves:
        value = values.get(leaf.id)
        if value is None:
            continue
        t.scored += 1
        if leaf.kind == CRITERION:
            t.criteria += value
            sign = 1
        elif leaf.kind == BONUS:
            t.bonus_raw += value
            sign = 1
        else:
            t.penalty_raw += value
            sign = -1
        for section_id in spec.ancestors[leaf.id]:
            t.sections[section_id] += sign * value
    t.bonus = min(t.bonus_raw, spec.bonus_cap) if spec.bonus_cap is not None else t.bonus_raw
    t.penalty = min(t.penalty_raw, spec.penalty_cap) if spec.penalty_cap is not None else t.penalty_raw
    t.total = t.criteria + t.bonus - t.penalty
    return t


def cap_errors(spec, values):
    """Reasons for a unit's bonus/penalty totals over the table's caps: {kind: reason}."""
    errors = {}
    bonus = sum((values.get(n.id) or ZERO for n in spec.leaves if n.kind == BONUS), ZERO)
    penalty = sum((values.get(n.id) or ZERO for n in spec.leaves if n.kind == PENALTY), ZERO)
    if spec.bonus_cap is not None and bonus > spec.bonus_cap:
        errors[BONUS] = _("Tổng điểm cộng (%(sum)s) vượt mức tối đa của bảng (%(max)s).") % {
            "sum": fmt(bonus), "max": fmt(spec.bonus_cap)}
    if spec.penalty_cap is not None and penalty > spec.penalty_cap:
        errors[PENALTY] = _("Tổng điểm trừ (%(sum)s) vượt mức tối đa của bảng (%(max)s).") % {
            "sum": fmt(penalty), "max": fmt(spec.penalty_cap)}
    return errors


def unit_cap_errors(spec, scores, member_id, code, new):
    """Cap reasons of one unit once ``new`` values are saved: {kind: reason}.

    The one merge of stored and new values behind every bonus/penalty cap check (the score grid's
    save and both Excel upload layouts): ``scores`` maps (member id, criterion id) to anything with
    ``self_score`` and ``verified_score``; ``code`` "s" checks the self scores, "v" the verified ones;
    ``new`` maps criterion id to the value about to replace the stored one.
    """
    if spec.bonus_cap is None and spec.penalty_cap is None:
        return {}
    field_name = "self_score" if code == "s" else "verified_score"
    values = {}  # only the bonus and penalty leaves count: looked up, not found by scanning every score
    for leaf in spec.leaves:
        if leaf.kind in (BONUS, PENALTY) and (stored := scores.get((member_id, leaf.id))) is not None:
            values[leaf.id] = getattr(stored, field_name)
    values.update(new)
    return cap_errors(spec, values)


def classify(total, classification):
    """The label of the first band whose ``min`` the total reaches (bands sorted high to low)."""
    if total is None:
        return ""
    for band in sorted(classification or [], key=lambda b: Decimal(str(b.get("min", 0))), reverse=True):
        if total >= Decimal(str(band.get("min", 0))):
            return str(band.get("label", ""))
    return ""


# ---- ranking ---------------------------------------------------------------------------------

@dataclass
class Candidate:
    unit_id: int
    name: str
    sort_key: str
    total: Decimal
    sections: dict = field(default_factory=dict)
    penalty: Decimal = ZERO
    votes: int | None = None
    women_share: Decimal | None = None


@dataclass
class Placed:
    unit_id: int
    rank: int
    total: Decimal
    tiebreak_note: str = ""


TIEBREAK_FEWER_PENALTY = "fewer_penalty"
TIEBREAK_VOTE = "vote"
TIEBREAK_WOMEN = "women"
WOMEN_PRIORITY_PERCENT = Decimal("70")


def tiebreak_label(rule, spec=None):
    if rule == TIEBREAK_FEWER_PENALTY:
        return _("ít điểm trừ hơn")
    if rule == TIEBREAK_VOTE:
        return _("nhiều phiếu bình xét hơn")
    if rule == TIEBREAK_WOMEN:
        return _("tập thể có từ 70% nữ được ưu tiên")
    if rule.startswith("section:"):
        node = spec.by_id.get(int(rule.split(":", 1)[1])) if spec else None
        name = node.label if node else rule.split(":", 1)[1]
        return _("điểm cao hơn ở nhóm “%(name)s”") % {"name": name}
    return rule


def _rule_key(rule, c):
    """A value where larger wins, or None when the rule cannot tell (e.g. no vote recorded)."""
    if rule == TIEBREAK_FEWER_PENALTY:
        return -c.penalty
    if rule == TIEBREAK_VOTE:
        return c.votes if c.votes is not None else -1
    if rule == TIEBREAK_WOMEN:
        return 1 if (c.women_share is not None and c.women_share >= WOMEN_PRIORITY_PERCENT) else 0
    if rule.startswith("section:"):
        try:
            return c.sections.get(int(rule.split(":", 1)[1]), ZERO)
        except ValueError:
            return ZERO
    return 0


def valid_tiebreaks(rules, spec):
    out = []
    for rule in rules or []:
        if rule in (TIEBREAK_FEWER_PENALTY, TIEBREAK_VOTE, TIEBREAK_WOMEN):
            out.append(rule)
        elif isinstance(rule, str) and rule.startswith("section:"):
            try:
                if spec is None or int(rule.split(":", 1)[1]) in spec.by_id:
                    out.append(rule)
            except ValueError:
                continue
    return out


def rank(candidates, tiebreaks, spec=None):
    """Rank by total (high first), then by each tie-break rule in order.

    Units still equal after every rule share a rank (1, 2, 2, 4); the order among them follows the
    Vietnamese alphabetical order, which never decides a rank. Each unit that was tied on total
    gets a note naming the rules that separated it from the others, or saying it stays tied.
    """
    rules = valid_tiebreaks(tiebreaks, spec)

    def full_key(c):
        return (c.total, *(_rule_key(r, c) for r in rules))

    ordered = sorted(candidates, key=lambda c: c.sort_key)
    ordered.sort(key=full_key, reverse=True)
    placed, previous_key, previous_rank = [], None, 0
    for i, c in enumerate(ordered):
        key = full_key(c)
        position = previous_rank if key == previous_key else i + 1
        placed.append(Placed(unit_id=c.unit_id, rank=position, total=c.total))
        previous_key, previous_rank = key, position
    # Notes for the units tied on total.
    by_total = {}
    for c in ordered:
        by_total.setdefault(c.total, []).append(c)
    notes = {}
    for total, group in by_total.items():
        if len(group) < 2:
            continue
        used = []
        for a, b in zip(group, group[1:], strict=False):
            ka, kb = full_key(a), full_key(b)
            for idx, rule in enumerate(rules, start=1):
                if ka[idx] != kb[idx]:
                    if rule not in used:
                        used.append(rule)
                    break
        for c in group:
            same = [o for o in group if o is not c and full_key(o) == full_key(c)]
            parts = [_("Bằng tổng điểm %(total)s với %(n)s đơn vị khác") % {"total": fmt(total), "n": len(group) - 1}]
            if used:
                parts.append(_("phân định theo: %(rules)s") % {"rules": "; ".join(tiebreak_label(r, spec) for r in used)})
            if same:
                parts.append(_("vẫn đồng hạng"))
            notes[c.unit_id] = ", ".join(parts) + "."
    for p in placed:
        p.tiebreak_note = notes.get(p.unit_id, "")[:255]
    return placed
