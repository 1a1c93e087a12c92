"""The official documents of a bloc-year, composed from the recorded facts.

Each ``compose_*`` function returns a :class:`Document`: a header in the Decree 30/2020 layout, a
list of blocks (headings, paragraphs, lists, tables), the signatures and an optional attached list.
The same structure is printed to PDF (``templates/pdf/document.html``) and to .docx
(``awards.documents.docx``), so nothing is typed twice and both outputs say the same thing.

Facts come from the models; a fact that is not recorded is left out (or left blank to be written by
hand on the printed draft), never invented.
"""

import datetime
from dataclasses import dataclass, field

from awards.catalog.models import LegalBasis
from awards.templatetags.vn_documents import vn_date_words
from blocs.choices import BlocKind, MeetingKind, MemberRole, ProvinceKind, UnitKind
from blocs.models import BlocMember, BlocYear

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
RANKING_KINDS = {MeetingKind.YEAR_END, MeetingKind.RANKING}
NBSP = "\u00a0"


# --- the structure ------------------------------------------------------------------------------

@dataclass
class Signer:
    formula: list = field(default_factory=list)  # upper-case lines: "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    name: str = ""
    unit: str = ""  # the unit's heading (pledge grid)
    role: str = ""  # "Cụm trưởng", "Cụm phó" (pledge grid)


@dataclass
class Table:
    columns: list  # [(label, width in %, centred)]
    rows: list  # [{"cells": [...], "group": bool}]

    @property
    def body(self):
        """Rows ready to print: group rows span the table; cells carry their column's alignment."""
        out = []
        for row in self.rows:
            if row.get("group"):
                out.append({"group": True, "text": row["cells"][0]})
            else:
                out.append({"group": False, "cells": [(c, col[2]) for c, col in zip(row["cells"], self.columns, strict=False)]})
        return out


@dataclass
class Block:
    kind: str  # "heading" | "subheading" | "para" | "plain" | "list" | "numbered" | "table" | "note"
    text: str = ""
    items: list = field(default_factory=list)
    table: Table | None = None


@dataclass
class Document:
    slug: str  # file name stem
    parent_body: str
    issuing_body: str
    number: str
    place: str
    date: datetime.date | None
    year: int
    doc_type: str
    summary: str = ""
    addressee: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    signers: list = field(default_factory=list)  # side by side at the end (left one, right one)
    grid_title: str = ""
    grid: list = field(default_factory=list)  # rows of Signer (pledge)
    grid_columns: int = 0
    attachment: dict | None = None  # {"title", "subtitle", "landscape", "table"}
    warnings: list = field(default_factory=list)  # facts missing, shown on screen, not printed

    @property
    def date_line(self):
        return f"{self.place or ''}{', ' if self.place else ''}{vn_date_words(self.date, self.year)}"

    @property
    def quoc_hieu(self):
        return QUOC_HIEU

    @property
    def tieu_ngu(self):
        return TIEU_NGU


def _para(text):
    return Block("para", text=text)


# --- names --------------------------------------------------------------------------------------

def unit_label(unit):
    """A unit as named in running text: "tỉnh Phú Thọ", "thành phố Hà Nội", "Sở Xây dựng"."""
    if unit.kind == UnitKind.PROVINCE and unit.province_id:
        name = unit.name
        if name.lower().startswith(("tỉnh ", "thành phố ")):
            return name
        prefix = "thành phố" if unit.province.kind == ProvinceKind.CITY else "tỉnh"
        return f"{prefix} {name}"
    return unit.name


def unit_heading(unit):
    """A unit as the issuing or signing body (upper-cased by the stylesheet): "UBND tỉnh Phú Thọ"."""
    if unit.kind == UnitKind.PROVINCE and unit.province_id:
        return f"UBND {unit_label(unit)}"
    return unit.name


def _capitalise(text):
    return text[:1].upper() + text[1:] if text else text


def role_labels(bloc):
    if bloc.kind == BlocKind.CLUSTER:
        return {MemberRole.LEADER: "Cụm trưởng", MemberRole.DEPUTY: "Cụm phó"}
    return {MemberRole.LEADER: "Trưởng khối", MemberRole.DEPUTY: "Phó trưởng khối"}


def _formula_lines(text):
    return [line.strip().upper() for line in (text or "").splitlines() if line.strip()]


def _percent(value):
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _number(value):
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def legal_bases_on(day):
    """The confirmed laws and decrees in force on ``day`` (the law first)."""
    bases = LegalBasis.objects.filter(confirmed=True).valid_on(day)
    return sorted(bases, key=lambda b: (0 if "QH" in b.code or b.code.startswith("TĐKT") else 1, b.code))


def _members(bloc_year):
    return list(
        BlocMember.objects.filter(bloc_year=bloc_year).select_related("unit", "unit__province").in_display_order()
    )


def load_bloc_year(bloc_id, year):
    return BlocYear.objects.select_related("bloc", "bloc__organizer", "bloc__province").get(bloc_id=bloc_id, year=year)


def _place_of(bloc):
    return bloc.province.name if bloc.province_id else ""


# --- the pledge ---------------------------------------------------------------------------------


# --- the minutes --------------------------------------------------------------------------------


# --- the submission (tờ trình) with its list -------------------------------------------------------


