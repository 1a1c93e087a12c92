"""The office's review queue as an .xlsx workbook (every filtered row, not only the page shown)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from emulation.lib import sheets


def queue_workbook(qs, year):
    """The .xlsx bytes of the proposals ``qs`` (the queue's queryset) of ``year``: one row each, with the
    failing checks' messages. Reads ``qs`` in chunks."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"De nghi {year}"
    header = [_("STT"), _("Khối, cụm"), _("Đối tượng"), _("Chức vụ, đơn vị"), _("Hình thức"), _("Thứ hạng"), _("Phiếu đồng ý"),
              _("Tỷ lệ (%)"), _("Trạng thái"), _("Lỗi bắt buộc"), _("Cảnh báo"), _("Kết quả kiểm tra"), _("Căn cứ"),
              _("Số quyết định"), _("Ngày quyết định"), _("Lý do")]
    sheets.append_row(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, p in enumerate(qs.iterator(chunk_size=500), start=1):
        person = ", ".join(x for x in [p.person_title, p.person_unit] if x)
        failing = "; ".join(c["message"] for c in p.checks if not c.get("ok"))
        sheets.append_row(ws, [
            i, p.bloc_year.bloc.name, str(p.nominee), person, p.award_type.name, p.rank,
            f"{p.vote.votes_for}/{p.vote.base_count}" if p.vote else "", float(p.vote.percent) if p.vote else None,
            p.get_status_display(), p.checks_blocking, p.checks_warning, failing or _("Đạt"), p.rule_set,
            p.decision_number, p.decision_date, p.status_reason or p.override_reason,
        ])
    for col, width in zip("ABCDEFGHIJKLMNOP", [5, 40, 30, 30, 32, 8, 10, 9, 14, 8, 8, 60, 30, 16, 14, 40], strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
