"""The score grid of a bloc-year: members × criteria, self and verified scores, saved as one batch."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.choices import CriterionKind
from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring import services as svc
from awards.scoring.models import Ranking, Score
from blocs.models import AuditEntry
from blocs.years.lookups import get_bloc_year_for_user


def _grid_cells(table):
    """{(member_id, criterion_id): (self, verified, note, version)} of a table, as plain tuples: one query,
    no model instances (a 40 × 60 grid has 2,400 scores and building ``Score`` objects was a third of the page)."""
    if table is None:
        return {}
    rows = Score.objects.filter(criterion__table=table).values_list(
        "member_id", "criterion_id", "self_score", "verified_score", "note", "version")
    return {(m, c): (own, verified, note, version) for m, c, own, verified, note, version in rows}


class _Formatter:
    """``scoring.fmt`` remembered per value: a grid holds few distinct scores (0–10 in steps of 0,25 or so)."""

    def __init__(self):
        self.seen = {None: ""}

    def __call__(self, value):
        try:
            return self.seen[value]
        except KeyError:
            text = self.seen[value] = scoring.fmt(value)
            return text


def _member_cells(members, editable_self, can_verify):
    """Per member, what every cell of its two columns shares: (pk, escaped unit name, self readonly, verified readonly)."""
    readonly = ' readonly tabindex="-1"'
    return [(m.pk, escape(m.unit.name), "" if editable_self[m.pk] else readonly, "" if can_verify else readonly)
            for m in members]


def _cells_html(criterion, member_cells, cells, labels, fmt):
    """The input cells of one criterion row, built here rather than in a template loop: a 40 × 60 grid
    has 4,800 inputs and the template engine spends most of the page's time on them."""
    code = escape(criterion.code or criterion.title)
    label_s, label_v = f", {code}, {labels['s']}", f", {code}, {labels['v']}"
    cid = criterion.pk
    parts = []
    for pk, unit, ro_s, ro_v in member_cells:
        cell = cells.get((pk, cid))
        if cell is None:
            own = verified = note = ""
            version = 0
        else:
            own, verified, note, version = fmt(cell[0]), fmt(cell[1]), escape(cell[2]) if cell[2] else "", cell[3]
        parts.append(
            f'<td class="cell{" has-note" if note else ""}" data-m="{pk}" data-ver="{version}" '
            f'data-note="{note}" title="{note}"><input class="s" data-f="s" value="{own}" data-orig="{own}" '
            f'inputmode="decimal" aria-label="{unit}{label_s}"{ro_s}></td>'
            f'<td class="cell v" data-m="{pk}"><input class="v" data-f="v" value="{verified}" data-orig="{verified}" '
            f'inputmode="decimal" aria-label="{unit}{label_v}"{ro_v}></td>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a number


def _head_html(members):
    """The per-member parts of the grid's head: columns, unit names, and the TC / TĐ sub-headings."""
    sub = (f'<th class="sub" title="{escape(_("Điểm tự chấm"))}">{escape(_("TC"))}</th>'
           f'<th class="sub" title="{escape(_("Điểm thẩm định"))}">{escape(_("TĐ"))}</th>')
    return {
        "cols": mark_safe('<col class="w-cell"><col class="w-cell">' * len(members)),  # noqa: S308 - constant
        "units": mark_safe("".join(  # noqa: S308 - unit names escaped
            f'<th colspan="2" class="unit" scope="colgroup" data-m="{m.pk}">{escape(m.unit.name)}</th>' for m in members)),
        "subs": mark_safe(sub * len(members)),  # noqa: S308 - escaped translations
    }


def _blank_cells(member_ids, css):
    """The empty computed cells of a section or totals row (filled by score_grid.js): the same for every row."""
    return mark_safe("".join(  # noqa: S308 - member ids only
        f'<td class="{css} s" data-m="{pk}"></td><td class="{css} v" data-m="{pk}"></td>' for pk in member_ids))


def _describe(entries):
    """Set ``change_text`` on audit entries of scores: "TĐ: 5 → 6; ghi chú: — → Thiếu minh chứng"."""
    names = {"self_score": _("TC"), "verified_score": _("TĐ"), "note": _("ghi chú")}

    def show(field, value):
        if value in (None, ""):
            return "—"
        if field == "note":
            return str(value)
        try:
            return scoring.fmt(value)
        except Exception:  # noqa: BLE001 - an odd stored value is shown as it is
            return str(value)

    for a in entries:
        a.change_text = "; ".join(
            f"{names.get(f, f)}: {show(f, pair[0])} → {show(f, pair[1])}"
            for f, pair in (a.changes or {}).items() if isinstance(pair, list) and len(pair) == 2
        )
    return entries


def _rows_html(criteria, spec, member_cells, cells):
    """One <tr> per criterion, built here rather than in the template: see ``_cells_html``."""
    labels = {"s": _("tự chấm"), "v": _("thẩm định")}
    fmt = _Formatter()
    section_cells = _blank_cells([pk for pk, *_rest in member_cells], "sum")
    rows = []
    for c in criteria:
        node = spec.by_id[c.pk]
        code, title, depth = escape(c.code), escape(c.title), c.depth
        if node.is_leaf:
            sign = "−" if c.kind == CriterionKind.PENALTY else "+" if c.kind == CriterionKind.BONUS else ""
            sections = " ".join(map(str, spec.ancestors[c.pk]))
            rows.append(
                f'<tr class="leaf kind-{c.kind}" data-c="{c.pk}" data-kind="{c.kind}" data-max="{localize(c.max_points)}" '
                f'data-sections="{sections}">\n      <td class="c-code">{code}</td><td class="c-title" '
                f'style="padding-left: {depth}em">{title}</td><td class="c-max">{sign}{fmt(c.max_points)}</td>\n      '
                f'{_cells_html(c, member_cells, cells, labels, fmt)}\n    </tr>')
        else:
            rows.append(
                f'<tr class="section depth-{depth}" data-section="{c.pk}">\n      <th class="c-code">{code}</th>'
                f'<th class="c-title" style="padding-left: {depth}em">{title}</th>'
                f'<th class="c-max">{scoring.fmt(spec.section_max(c.pk))}</th>\n      {section_cells}\n    </tr>')
    return mark_safe("\n    ".join(rows))  # noqa: S308 - codes and titles escaped, the rest numbers


@login_required
def score_grid(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    table = selectors.table_of(bloc_year)
    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    access = selectors.grid_access(request.user, bloc_year, ranking)
    criteria = selectors.criteria_in_tree_order(table)
    members = selectors.members_of(bloc_year)
    spec = selectors.table_spec(table, criteria)
    member_ids = [m.pk for m in members]
    editable_self = {m.pk: access.may_enter_self(m.unit_id) for m in members}
    member_cells = _member_cells(members, editable_self, access.can_verify)
    rows_html = _rows_html(criteria, spec, member_cells, _grid_cells(table))
    history = _describe(list(AuditEntry.objects.filter(bloc_year=bloc_year, action__in=["score_change", "score_clear"])[:25]))
    return render(request, "awards/scoring/grid.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "table": table, "spec": spec, "rows_html": rows_html,
        "members": members, "frozen": access.frozen, "ranking": ranking,
        "head_html": _head_html(members), "bonus_cells": _blank_cells(member_ids, "bonus"), "penalty_cells": _blank_cells(member_ids, "penalty"),
        "grid_width": f"{22.1 + 7.6 * len(members):.1f}rem",  # fixed table layout: see _styles.html
        "can_verify": access.can_verify, "can_save": access.can_verify or any(editable_self.values()),
        "max_total": scoring.fmt(spec.max_total()), "history": history,
        "bonus_cap": scoring.fmt(spec.bonus_cap) if spec.bonus_cap is not None else "",
        "penalty_cap": scoring.fmt(spec.penalty_cap) if spec.penalty_cap is not None else "",
        "fallback": spec.allow_self_fallback, "kinds": CriterionKind,
        "save_url": reverse("awards:score_save", args=[bloc_year.bloc_id, bloc_year.year]),
    })


@login_required
def score_history(request, bloc_id, year):
    """Every score change of the bloc-year (who, when, old, new, reason), newest first, filterable by unit."""

    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    members = selectors.members_of(bloc_year)
    entries = AuditEntry.objects.filter(bloc_year=bloc_year, action__in=["score_change", "score_clear"])
    unit = request.GET.get("don_vi", "")
    chosen = next((m for m in members if str(m.unit_id) == unit), None)
    if chosen is not None:
        ids = [str(pk) for pk in Score.objects.filter(member=chosen).values_list("pk", flat=True)]
        entries = entries.filter(object_type=Score._meta.label_lower, object_id__in=ids)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    _describe(page.object_list)
    return render(request, "awards/scoring/history.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "page": page, "members": members, "chosen": chosen,
    })


def _key(value):
    """An id or a version from the page: a whole number the database can hold, else ValueError."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(value)
    number = int(value)
    if not 0 <= number < 2**31:
        raise ValueError(value)
    return number


def _cells_from_json(payload):
    cells = []
    for raw in payload.get("cells", []):
        cells.append(svc.CellInput(
            member_id=_key(raw["m"]), criterion_id=_key(raw["c"]),
            self_score=raw.get("s"), verified_score=raw.get("v"), note=raw.get("n"),
            base_version=_key(raw.get("ver", 0)),
            has_self="s" in raw, has_verified="v" in raw, has_note="n" in raw,
        ))
    return cells


@login_required
@require_POST
def score_save(request, bloc_id, year):
    """Save the changed cells of the grid (JSON). Answers JSON: what was saved, or why nothing was."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    access = selectors.grid_access(request.user, bloc_year)
    if not access.may_save:
        raise PermissionDenied
    try:
        if request.content_type == "application/json":
            payload = json.loads(request.body or b"{}")
        else:  # the same JSON in a form field (clients that post forms)
            payload = json.loads(request.POST.get("payload") or "{}")
        cells = _cells_from_json(payload)
        table_version = payload.get("table_version")
        table_version = None if table_version is None else _key(table_version)
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse({"ok": False, "message": _("Dữ liệu gửi lên không đúng định dạng.")}, status=400)
    try:
        saved = svc.scores_save(bloc_year=bloc_year, user=request.user, cells=cells, access=access,
                                table_version=table_version)
    except svc.ScoreSaveError as exc:
        return JsonResponse({"ok": False, "message": exc.message, "errors": exc.errors, "conflicts": exc.conflicts},
                            status=409 if exc.conflicts else 400)
    return JsonResponse({
        "ok": True,
        "message": _("Đã lưu %(n)s ô điểm.") % {"n": len(saved)} if saved else _("Không có thay đổi nào để lưu."),
        "versions": {f"{s.member_id}-{s.criterion_id}": s.version for s in saved},
        "ranking_url": reverse("awards:ranking", args=[bloc_year.bloc_id, bloc_year.year]),
    })
