"""Download the ranking and the score breakdown of a bloc-year as .xlsx or .csv."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from awards.scoring import maths as scoring
from awards.scoring import selectors
from awards.scoring.excel.common import as_float, style_header_row, workbook_bytes
from awards.scoring.models import Ranking
from emulation.lib import sheets


def ranking_rows(bloc_year):
    """Header and rows of the stored ranking."""

    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    header = [_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Xếp loại"), _("Tiêu chí phụ đã dùng")]
    rows = []
    if ranking:
        for e in ranking.entries.select_related("unit").order_by("rank", "unit__sort_key"):
            rows.append([e.rank, e.unit.name, as_float(e.total), e.classification, e.tiebreak_note])
    return header, rows


def breakdown_rows(bloc_year):
    """Header and one row per unit: every leaf's self and verified score, the section totals and the total."""
    table = selectors.table_of(bloc_year)
    criteria = selectors.criteria_in_tree_order(table)
    spec, standing = selectors.standings(bloc_year, table=table, criteria=criteria)
    scores = selectors.scores_by_cell(table)
    header = [_("Đơn vị")]
    for leaf in spec.leaves:
        header += [f"{leaf.label} – {_('TC')}", f"{leaf.label} – {_('TĐ')}"]
    header += [f"{s.label} ({_('tổng')})" for s in spec.sections]
    header += [_("Điểm cộng"), _("Điểm trừ"), _("Tổng điểm")]
    rows = []
    for st in standing:
        row = [st.member.unit.name]
        for leaf in spec.leaves:
            s = scores.get((st.member.pk, leaf.id))
            row += [as_float(s.self_score) if s else None, as_float(s.verified_score) if s else None]
        row += [float(st.totals.sections.get(s.id, 0)) for s in spec.sections]
        row += [float(st.totals.bonus), float(st.totals.penalty), float(st.totals.total)]
        rows.append(row)
    return header, rows


def as_xlsx(title, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    sheets.append_row(ws, header)
    style_header_row(ws)
    for row in rows:
        sheets.append_row(ws, row)
    ws.freeze_panes = "B2"
    ws.column_dimensions["B"].width = 34
    return workbook_bytes(wb)


def as_csv(header, rows):
    """UTF-8 with a byte-order mark so that Excel opens the Vietnamese text correctly; decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out)
    sheets.csv_rows(writer, [header])
    sheets.csv_rows(writer, ([scoring.fmt(v) if isinstance(v, float) else v for v in row] for row in rows))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
