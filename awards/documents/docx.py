"""The same documents as .docx (python-docx), for secretaries who finish them in a word processor.

Built from the :class:`awards.documents.compose.Document` the PDF prints, with the Decree 30/2020 page set-up:
A4, margins 20/20/30/15 mm, Times New Roman (the font Word users have; the PDF embeds its metric
clone Tinos), the two-column header, page numbers centred at the top from page 2.
"""

import io

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def _font(run, size=14, bold=False, italic=False, upper=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.font.all_caps = upper
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return run


def _para(container, text="", *, size=14, bold=False, italic=False, upper=False, align=None, indent=True,
          space_after=6):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Mm(10)
    p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    if text:
        _font(p.add_run(text), size, bold, italic, upper)
    return p


def _center(container, text, **kw):
    return _para(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=0, **kw)


def _no_borders(table):
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _set_widths(table, widths_mm):
    """Fixed column widths (Word and LibreOffice read them from every cell and from the grid)."""
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(width)


def _cant_split(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    tr_pr.append(el)


def _bottom_border(paragraph):
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    p_pr.append(borders)


def _page_number_header(section):
    """A page number centred in the header, not on the first page (Decree 30/2020)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _font(p.add_run(), 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _setup(section, landscape=False):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(30), Mm(15)
        section.left_margin, section.right_margin = Mm(20), Mm(20)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def _data_table(container, table_spec, width_mm):
    columns = table_spec.columns
    table = container.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (label, width, _centred) in enumerate(columns):
        cell = table.rows[0].cells[i]
        cell.width = Mm(width_mm * width / 100)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(label), 12, bold=True)
    for row in table_spec.body:
        cells = table.add_row().cells
        if row["group"]:
            merged = cells[0].merge(cells[-1])
            _font(merged.paragraphs[0].add_run(row["text"]), 12, bold=True)
            continue
        for i, (text, centred) in enumerate(row["cells"]):
            p = cells[i].paragraphs[0]
            if centred:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(str(text)), 12)
    _set_widths(table, [width_mm * width / 100 for _label, width, _c in columns])
    for row in table.rows:
        _cant_split(row)
    return table


def _signer_cell(cell, signer):
    first = True
    for line in ([signer.role] if signer.role else []) + ([signer.unit] if signer.unit else []):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(line), 12.5, bold=line == signer.unit, italic=line == signer.role, upper=line == signer.unit)
    for line in signer.formula:
        if not line:
            continue
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(line), 13, bold=True)
    for _ in range(4):
        cell.add_paragraph()
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(signer.name), 14, bold=True)


TEXT_WIDTH = 165  # mm: 210 - 30 - 15


def build_docx(doc):
    """The .docx bytes of a composed :class:`awards.documents.compose.Document`."""
    out = DocxDocument()
    style = out.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    section = out.sections[0]
    _setup(section)
    _page_number_header(section)
    _header_table(out, doc)
    _title(out, doc)
    for block in doc.blocks:
        _block(out, block)
    if doc.signers:
        _signature(out, doc)
    if doc.grid:
        _signer_grid(out, doc)
    if doc.attachment:
        att = doc.attachment
        new = out.add_section(WD_SECTION.NEW_PAGE)
        _setup(new, landscape=att["landscape"])
        _center(out, att["title"].upper(), bold=True)
        _center(out, att["subtitle"], italic=True)
        _para(out, "", indent=False)
        _data_table(out, att["table"], 257 if att["landscape"] else TEXT_WIDTH)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _header_table(out, doc):
    """The two-column head: issuing bodies and number on the left, the national motto and date on the right."""
    header = out.add_table(rows=2, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.parent_body:
        _font(p.add_run(doc.parent_body.upper()), 12.5)
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(doc.issuing_body.upper()), 12.5, bold=True)
    _bottom_border(p)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(doc.quoc_hieu), 12.5, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(doc.tieu_ngu), 13.5, bold=True)
    _bottom_border(p)
    number, date = header.rows[1].cells
    number.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number.paragraphs[0].add_run(doc.number), 13)
    _font(date.paragraphs[0].add_run(doc.date_line), 13.5, italic=True)
    date.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(header, [66, 99])


def _title(out, doc):
    """The document type, its summary and whom it is addressed to."""
    _para(out, "", indent=False)
    _center(out, doc.doc_type.upper(), bold=True)
    if doc.summary:
        _bottom_border(_center(out, doc.summary, bold=True))
    if doc.addressee:
        _para(out, "", indent=False)
        for i, a in enumerate(doc.addressee):
            _center(out, ("Kính gửi: " if i == 0 else "") + a + (";" if i < len(doc.addressee) - 1 else ""))
    _para(out, "", indent=False)


def _block(out, block):
    """One block of the body, formatted by its kind."""
    if block.kind == "heading":
        _para(out, block.text, bold=True)
    elif block.kind == "subheading":
        _para(out, block.text, bold=True, italic=True)
    elif block.kind in ("para", "plain"):
        _para(out, block.text, indent=block.kind == "para")
    elif block.kind == "note":
        _para(out, block.text, size=12, italic=True, indent=False)
    elif block.kind == "list":
        for item in block.items:
            _para(out, f"- {item}")
    elif block.kind == "numbered":
        for i, item in enumerate(block.items, 1):
            _para(out, f"{i}. {item}")
    elif block.kind == "table":
        _data_table(out, block.table, TEXT_WIDTH)
        _para(out, "", indent=False, space_after=0)


def _signature(out, doc):
    """The signature row: recipients and one signer, or two signers side by side."""
    table = out.add_table(rows=1, cols=2)
    _no_borders(table)
    _cant_split(table.rows[0])
    cells = table.rows[0].cells
    if len(doc.signers) == 1:
        if doc.recipients:
            p = cells[0].paragraphs[0]
            _font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
            for r in doc.recipients:
                _font(cells[0].add_paragraph().add_run(f"- {r}"), 11)
        _signer_cell(cells[1], doc.signers[0])
    else:
        for cell, signer in zip(cells, doc.signers[:2], strict=False):
            _signer_cell(cell, signer)


def _signer_grid(out, doc):
    """The grid of signers (the pledge's member units), rows kept whole across pages."""
    _para(out, "", indent=False)
    _center(out, doc.grid_title.upper(), bold=True)
    table = out.add_table(rows=0, cols=doc.grid_columns)
    _no_borders(table)
    for row in doc.grid:
        cells = table.add_row().cells
        for cell, signer in zip(cells, row, strict=False):
            _signer_cell(cell, signer)
    for row in table.rows:
        _cant_split(row)
