"""Spreadsheets in and out, bounded and inert.

In: ``open_workbook`` / ``read_csv`` refuse an upload before reading it when it is larger than the
limits in settings (bytes on disk; uncompressed bytes, from the zip directory, so a zip bomb is never
inflated; rows; columns; characters in a cell; seconds), then stream its rows (openpyxl read-only).
A refusal is ``UploadRejected``: a ``ValidationError`` whose Vietnamese message names the limit.

Out: ``append_row`` and ``csv_rows`` write values, never formulas: text that a spreadsheet would
run (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is stored as text in .xlsx (with Excel's
quote prefix) and prefixed with an apostrophe in .csv (OWASP's CSV-injection rule); numbers stay numbers.
"""

import csv
import datetime
import decimal
import io
import time
import zipfile
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UploadRejected(ValidationError):
    """An upload refused before or while it is read; the message names the limit it passed."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed: int
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_seconds: float
    header_rows: int = 0  # rows above the data (a header), allowed on top of ``max_rows``

    @classmethod
    def from_settings(cls, **overrides):
        names = [name for name in cls.__dataclass_fields__ if name != "header_rows"]
        base = cls(**{name: getattr(settings, f"UPLOAD_{name.upper()}") for name in names})
        return replace(base, **overrides)


def _n(value):
    return number_format(value, force_grouping=True)


def _size(n_bytes):
    return _("%(mb)s MB") % {"mb": number_format(n_bytes / (1024 * 1024), decimal_pos=1)}


def check_size(upload, limits):
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    upload.seek(0)
    if size > limits.max_bytes:
        raise UploadRejected(_("Tệp quá lớn: %(size)s, tối đa %(max)s.") % {
            "size": _size(size), "max": _size(limits.max_bytes)}, code="too_big")


def _check_zip(upload, limits, clock):
    """Refuse a workbook whose parts would expand past the limit, reading only the zip directory."""
    try:
        with zipfile.ZipFile(upload) as archive:
            total = sum(info.file_size for info in archive.infolist())
            entries = len(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRejected(_("Không đọc được tệp: cần tệp Excel .xlsx."), code="bad_file") from None
    finally:
        upload.seek(0)
    if total > limits.max_uncompressed or entries > 1000:
        raise UploadRejected(_("Tệp Excel giải nén ra %(size)s, vượt giới hạn %(max)s: hãy chia nhỏ tệp.") % {
            "size": _size(total), "max": _size(limits.max_uncompressed)}, code="too_big_uncompressed")
    try:
        _count_rows(upload, limits, clock)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UploadRejected(_("Không đọc được tệp: cần tệp Excel .xlsx."), code="bad_file") from None
    finally:
        upload.seek(0)


_ROW_TAGS = (b"<row ", b"<row>", b":row ", b":row>")


def _count_rows(upload, limits, clock):
    """Refuse a sheet with far too many rows from its raw XML, before openpyxl parses anything (a sheet
    without a ``<dimension>`` would otherwise be scanned whole just to open it). Formatted empty rows
    count here, so the bar is twice the row limit; the exact count of filled rows comes while reading."""
    bar = 2 * (limits.max_rows + limits.header_rows) + 1000
    with zipfile.ZipFile(upload) as archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            seen, tail = 0, b""
            with archive.open(info) as part:
                while chunk := part.read(1 << 20):
                    window = tail + chunk
                    seen += sum(window.count(tag) for tag in _ROW_TAGS)
                    tail = chunk[-5:]
                    seen -= sum(tail.count(tag) for tag in _ROW_TAGS)  # counted again with the next chunk
                    if seen > bar:
                        raise UploadRejected(_("Tệp có hơn %(max)s dòng: tối đa %(max)s dòng mỗi lần, hãy chia nhỏ tệp.") % {
                            "max": _n(limits.max_rows)}, code="too_many_rows")
                    clock.check()


class _Clock:
    def __init__(self, limits):
        self.limits = limits
        self.start = time.monotonic()

    def check(self):
        if time.monotonic() - self.start > self.limits.max_seconds:
            raise UploadRejected(_("Đọc tệp quá %(s)s giây: hãy chia nhỏ tệp.") % {"s": _n(self.limits.max_seconds)},
                                 code="too_slow")


def _bounded(rows, limits, clock, *, sheet=""):
    """Yield the rows as tuples, refusing the file at the first row, column or cell over the limits.

    Empty rows pass without counting (a template may format rows it leaves blank); the clock counts them.
    """
    filled = 0
    for number, row in enumerate(rows, start=1):
        if number % 500 == 0:
            clock.check()
        row = tuple(row)
        while row and row[-1] in (None, ""):
            row = row[:-1]
        if not row:
            yield row
            continue
        filled += 1
        if filled > limits.max_rows + limits.header_rows:
            raise UploadRejected(_("Tệp có hơn %(max)s dòng: tối đa %(max)s dòng mỗi lần, hãy chia nhỏ tệp.") % {
                "max": _n(limits.max_rows)}, code="too_many_rows")
        if len(row) > limits.max_columns:
            raise UploadRejected(_("%(w)s có quá %(max)s cột.") % {"w": _where(sheet, number), "max": _n(limits.max_columns)},
                                 code="too_many_columns")
        for value in row:
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise UploadRejected(_("%(w)s có ô dài %(c)s ký tự: tối đa %(max)s.") % {
                    "w": _where(sheet, number), "c": _n(len(value)), "max": _n(limits.max_cell_chars)}, code="cell_too_long")
            if isinstance(value, str) and "\x00" in value:
                raise UploadRejected(_("%(w)s có ký tự không hợp lệ (NUL).") % {"w": _where(sheet, number)}, code="nul")
        yield row


def _where(sheet, number):
    """Where a refused row is, for its message (built only when a row is refused, not for every row)."""
    return (_("Trang “%(s)s”, dòng %(n)s") % {"s": sheet, "n": number}) if sheet else (_("Dòng %(n)s") % {"n": number})


class BoundedSheet:
    def __init__(self, worksheet, limits, clock):
        self._ws, self._limits, self._clock = worksheet, limits, clock
        self.title = worksheet.title

    def iter_rows(self, **kwargs):
        """Rows as tuples of values (``values_only`` always), within the limits."""
        kwargs["values_only"] = True
        kwargs["max_col"] = min(kwargs.get("max_col") or self._limits.max_columns + 1, self._limits.max_columns + 1)
        return _bounded(self._ws.iter_rows(**kwargs), self._limits, self._clock, sheet=self.title)

    def rows(self):
        return list(self.iter_rows())


class BoundedWorkbook:
    """A read-only workbook whose sheets yield rows only within the limits."""

    def __init__(self, workbook, limits, clock):
        self._wb, self._limits, self._clock = workbook, limits, clock
        self.sheetnames = workbook.sheetnames

    def __getitem__(self, name):
        return BoundedSheet(self._wb[name], self._limits, self._clock)

    def __contains__(self, name):
        return name in self.sheetnames

    @property
    def worksheets(self):
        return [self[name] for name in self.sheetnames]

    def close(self):
        self._wb.close()


def open_workbook(upload, *, limits=None, **overrides):
    """Open an uploaded .xlsx within the limits (settings ``UPLOAD_*``, overridable per call)."""
    limits = limits or Limits.from_settings(**overrides)
    check_size(upload, limits)
    clock = _Clock(limits)  # one clock from the first byte scanned to the last row read
    _check_zip(upload, limits, clock)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise UploadRejected(_("Không đọc được tệp: cần tệp Excel .xlsx."), code="bad_file") from None
    return BoundedWorkbook(workbook, limits, clock)


def read_csv(upload, *, limits=None, **overrides):
    """The rows of an uploaded .csv (UTF-8, with or without BOM; comma or semicolon) within the limits."""
    limits = limits or Limits.from_settings(**overrides)
    check_size(upload, limits)
    raw = upload.read(limits.max_bytes + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_("Tệp CSV phải mã hoá UTF-8."), code="encoding") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(_bounded(reader, limits, _Clock(limits)))
    except csv.Error:
        raise UploadRejected(_("Tệp CSV không đúng định dạng."), code="bad_file") from None


def capped(errors, cap=None):
    """The first ``cap`` error messages and, if there were more, one line "và N lỗi khác"."""
    cap = cap or settings.UPLOAD_MAX_ERRORS_SHOWN
    errors = list(errors)
    if len(errors) <= cap:
        return errors
    rest = len(errors) - cap
    return errors[:cap] + [ngettext("… và %(n)s lỗi khác.", "… và %(n)s lỗi khác.", rest) % {"n": _n(rest)}]


# Out -----------------------------------------------------------------------------------------------

def _is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _xlsx_value(value):
    if value is None or isinstance(value, bool | int | float | decimal.Decimal | datetime.date | datetime.datetime):
        return value
    return str(value)


def _inert(cell):
    """Keep a cell that openpyxl took for a formula (or that a spreadsheet would run) as text."""
    if cell.data_type == "f" or _is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(ws, values):
    """Append one data row to an openpyxl sheet: every cell a value, never a formula."""
    ws.append([_xlsx_value(v) for v in values])
    return tuple(_inert(cell) for cell in ws[ws.max_row])


def set_text(cell, value):
    """Write ``value`` into one cell as inert data (see ``append_row``)."""
    cell.value = _xlsx_value(value)
    return _inert(cell)


def csv_value(value):
    """One .csv field by OWASP's rule: text that would start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    return "'" + value if _is_formula_like(value) else value


def csv_rows(writer, rows):
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
