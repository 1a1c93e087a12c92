"""Individual proposals imported from an Excel file: the template and the all-or-nothing import."""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from awards.catalog.models import AwardType
from awards.choices import Subject
from awards.proposals.services import _error, proposals_create_batch
from blocs.models import BlocYear
from emulation.lib import sheets
from emulation.lib.bounds import BIRTH_YEARS
from emulation.lib.text import nfc, search_key

IMPORT_COLUMNS = ["Họ và tên", "Chức vụ", "Đơn vị công tác", "Giới tính", "Năm sinh", "Hình thức khen thưởng", "Thành tích"]


# A bloc proposes tens of individuals a year; each row is checked and created in one transaction (all or
# nothing), so the file is kept to a size that holds the database for seconds, not minutes.
IMPORT_MAX_ROWS = 300


def import_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ca nhan"
    ws.append(IMPORT_COLUMNS)
    ws.append(["Nguyễn Văn An", "Chuyên viên", "Sở Nội vụ tỉnh Tuyên Quang", "Nam", 1980, "Bằng khen của Chủ tịch UBND tỉnh",
               "Có thành tích xuất sắc trong hoạt động Cụm thi đua"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _award_lookup():
    table = {}
    for at in AwardType.objects.all():
        table[search_key(at.name)] = at
        table[at.code] = at
    return table


@transaction.atomic
def individuals_import(*, bloc_year: BlocYear, user, upload) -> list:
    """Create draft proposals for individuals from an .xlsx file: all rows or none.

    Raises ``ValidationError`` listing every bad row ("Dòng 5: ...") and creates nothing then.
    """


    rows = sheets.open_workbook(upload, max_rows=IMPORT_MAX_ROWS, header_rows=1).worksheets[0].rows()
    if not rows:
        raise ValidationError(_("Tệp Excel không có dữ liệu."), code="empty")
    header = [search_key(str(c or "")) for c in rows[0]]
    wanted = [search_key(c) for c in IMPORT_COLUMNS]
    missing = [IMPORT_COLUMNS[i] for i, w in enumerate(wanted) if w not in header]
    if missing:
        raise ValidationError(_("Thiếu cột: %(cols)s. Dòng đầu phải là: %(all)s.") % {
            "cols": ", ".join(missing), "all": ", ".join(IMPORT_COLUMNS)}, code="columns")
    idx = {IMPORT_COLUMNS[i]: header.index(w) for i, w in enumerate(wanted)}
    awards = _award_lookup()
    errors, items, seen = [], [], {}
    for n, row in enumerate(rows[1:], start=2):
        cells = {c: (row[i] if i < len(row) else None) for c, i in idx.items()}
        if all(v in (None, "") for v in cells.values()):
            continue
        text = {c: nfc(str(v)).strip() if v is not None else "" for c, v in cells.items()}
        row_errors = []
        name = " ".join(text["Họ và tên"].split())
        if not name:
            row_errors.append(_("thiếu họ và tên"))
        award = awards.get(search_key(text["Hình thức khen thưởng"])) or awards.get(text["Hình thức khen thưởng"])
        if award is None:
            row_errors.append(_("hình thức “%(v)s” không có trong danh mục") % {"v": text["Hình thức khen thưởng"]})
        elif not award.allows(Subject.INDIVIDUAL):
            row_errors.append(_("%(a)s không xét cho cá nhân") % {"a": award.name})
        gender = {"nam": "nam", "nữ": "nu", "nu": "nu", "": ""}.get(search_key(text["Giới tính"]))
        if gender is None:
            row_errors.append(_("giới tính “%(v)s” phải là Nam hoặc Nữ") % {"v": text["Giới tính"]})
        birth = None
        if text["Năm sinh"]:
            raw = text["Năm sinh"].split(".")[0]
            if not raw.isdecimal() or not (BIRTH_YEARS.low <= int(raw) <= bloc_year.year):
                row_errors.append(_("năm sinh “%(v)s” không hợp lệ") % {"v": text["Năm sinh"]})
            else:
                birth = int(raw)
        key = (search_key(name), search_key(text["Đơn vị công tác"]), award.pk if award else None)
        if name and key in seen:
            row_errors.append(_("trùng với dòng %(n)s") % {"n": seen[key]})
        seen.setdefault(key, n)
        if row_errors:
            errors.append(_("Dòng %(n)s: %(e)s.") % {"n": n, "e": "; ".join(row_errors)})
            continue
        items.append({"award_type": award, "subject": Subject.INDIVIDUAL, "person_name": name, "person_title": text["Chức vụ"],
                      "person_unit": text["Đơn vị công tác"], "person_gender": gender, "person_birth_year": birth,
                      "justification": text["Thành tích"]})
    if not items and not errors:
        raise ValidationError(_("Tệp Excel không có dòng dữ liệu nào."), code="empty")
    if errors:
        raise _error(sheets.capped(errors), "rows")
    return proposals_create_batch(bloc_year=bloc_year, user=user, items=items)
