"""Timing the documents: WeasyPrint against LibreOffice converting the same document as .docx.

Secretaries today type the pledge and the minutes in a word processor and export them to PDF; the
comparison is LibreOffice's ``--headless --convert-to pdf`` on the .docx this app builds from the
same :class:`awards.documents.compose.Document`. The documents here are synthetic (a 40-member bloc, a
minutes with its ranking and votes) so that the figure does not depend on the data set.

``python -m blocs.documents_bench`` prints the figures; ``make bench`` adds them to its report
through ``emulation.devtools.bench_documents``.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Imports inside the functions below: this module also runs as a bare script in a subprocess of the
# bench, where Django must be set up (``_django``) before any model or template module is imported.


def _django():
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        os.environ["DJANGO_SETTINGS_MODULE"] = "emulation.settings"
        os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def synthetic_pledge(n=40):
    """A pledge of ``n`` members, laid out exactly as ``compose_pledge`` lays out a real one."""
    import datetime

    from awards.documents.compose import Block, Document, Signer
    from awards.documents.pledge_doc import (
        DEFAULT_COMMITMENTS,
        DEFAULT_GOALS,
        DEFAULT_IMPLEMENTATION,
        grid_columns_for,
    )

    bloc = "Khối thi đua các sở, ban, ngành tỉnh"
    fill = {"year": 2026, "bloc": bloc, "leader_role": "Trưởng khối", "deputy_role": "phó trưởng khối"}
    doc = Document(slug="giao-uoc", parent_body="UBND tỉnh Phú Thọ", issuing_body=bloc, number="", place="Phú Thọ",
                   date=datetime.date(2026, 3, 5), year=2026, doc_type="Bản giao ước thi đua năm 2026",
                   summary=f"Giữa các đơn vị thành viên {bloc}")
    doc.blocks += [Block("para", text="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;"),
                   Block("para", text="Căn cứ Nghị định số 152/2025/NĐ-CP;")]
    names = [f"Sở thành viên số {i + 1:02d}" for i in range(n)]
    doc.blocks.append(Block("list", items=names))
    doc.blocks += [Block("heading", text="I. MỤC TIÊU"), Block("para", text=DEFAULT_GOALS.format(**fill)),
                   Block("heading", text="II. NỘI DUNG GIAO ƯỚC"),
                   Block("numbered", items=[c.format(**fill) for c in DEFAULT_COMMITMENTS]),
                   Block("heading", text="III. TỔ CHỨC THỰC HIỆN"), Block("para", text=DEFAULT_IMPLEMENTATION.format(**fill))]
    signers = [Signer(formula=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name=f"Nguyễn Văn {chr(65 + i % 26)}", unit=name,
                      role="Trưởng khối" if i == 0 else "Phó trưởng khối" if i == 1 else "") for i, name in enumerate(names)]
    cols = grid_columns_for(n)
    doc.grid_title, doc.grid_columns = "Đại diện các đơn vị thành viên ký giao ước", cols
    doc.grid = [signers[i:i + cols] for i in range(0, n, cols)]
    return doc


def synthetic_minutes(n=40):
    import datetime

    from awards.documents.compose import Block, Document, Signer, Table

    doc = Document(slug="bien-ban", parent_body="UBND tỉnh Phú Thọ", issuing_body="Khối thi đua các sở, ban, ngành tỉnh",
                   number="Số: 01/BB-KTĐ", place="Phú Thọ", date=datetime.date(2027, 1, 15), year=2027, doc_type="Biên bản",
                   summary="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026")
    names = [f"Sở thành viên số {i + 1:02d}" for i in range(n)]
    doc.blocks += [Block("heading", text="I. THỜI GIAN, ĐỊA ĐIỂM"),
                   Block("para", text="Vào lúc 08 giờ 00 phút, ngày 15 tháng 01 năm 2027, tại Hội trường Sở Nội vụ."),
                   Block("heading", text="II. THÀNH PHẦN THAM DỰ"),
                   Block("list", items=[f"{name}: Đại diện, Phó Giám đốc" for name in names]),
                   Block("heading", text="III. NỘI DUNG HỘI NGHỊ"),
                   Block("table", table=Table(columns=[("Thứ hạng", 12, True), ("Đơn vị", 48, False), ("Tổng điểm", 18, True), ("Xếp loại", 22, True)],
                                              rows=[{"cells": [str(i + 1), name, str(100 - i), "Tốt"]} for i, name in enumerate(names)])),
                   Block("table", table=Table(columns=[("STT", 7, True), ("Đơn vị", 40, False), ("Số phiếu", 15, True), ("Tỷ lệ", 18, True), ("Kết quả", 20, True)],
                                              rows=[{"cells": [str(i + 1), names[i], f"{n - i}/{n}", f"{(n - i) * 100 // n}%", "Đạt"]} for i in range(5)])),
                   Block("heading", text="IV. KẾT THÚC HỘI NGHỊ"),
                   Block("para", text="Hội nghị kết thúc vào lúc 11 giờ 30 phút cùng ngày.")]
    doc.signers = [Signer(formula=["THƯ KÝ HỘI NGHỊ"], name="Lê Thị Cúc"), Signer(formula=["CHỦ TRÌ HỘI NGHỊ"], name="Nguyễn Văn An")]
    return doc


def render_weasyprint(doc):
    from django.template.loader import render_to_string

    from emulation.lib.pdf import render_pdf

    return render_pdf(render_to_string("pdf/document.html", {"doc": doc}))


def libreoffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(docx_bytes):
    """Seconds LibreOffice takes to convert the .docx to PDF (a fresh headless process, as a secretary's export)."""
    office = libreoffice()
    if not office:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "van-ban.docx"
        source.write_bytes(docx_bytes)
        profile = Path(folder) / "profile"
        started = time.perf_counter()
        subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(source)], check=True, capture_output=True, timeout=180)
        seconds = time.perf_counter() - started
        if not (Path(folder) / "van-ban.pdf").exists():
            raise RuntimeError("LibreOffice không tạo được tệp PDF.")
    return seconds


def measure(repeat=5, n=40):
    """Median milliseconds per document for WeasyPrint and (if installed) LibreOffice, with the ratio."""
    from awards.documents.docx import build_docx

    rows = []
    for label, doc in ((f"Giao ước {n} đơn vị", synthetic_pledge(n)), (f"Biên bản {n} đơn vị", synthetic_minutes(n))):
        render_weasyprint(doc)  # warm-up: fonts and stylesheet
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            render_weasyprint(doc)
            times.append((time.perf_counter() - started) * 1000)
        weasy = statistics.median(times)
        office = None
        if libreoffice():
            docx = build_docx(doc)
            office = statistics.median(convert_with_libreoffice(docx) * 1000 for _ in range(max(1, repeat // 2)))
        rows.append({"label": label, "weasyprint_ms": weasy, "libreoffice_ms": office,
                     "ratio": (weasy / office) if office else None})
    return rows


def main(argv=None):
    _django()
    rows = measure()
    print("| Văn bản | WeasyPrint (ms) | LibreOffice .docx → PDF (ms) | Tỷ lệ |")
    print("|---|---:|---:|---:|")
    for r in rows:
        office = f"{r['libreoffice_ms']:.0f}" if r["libreoffice_ms"] else "không có LibreOffice trên máy"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] else "—"
        print(f"| {r['label']} | {r['weasyprint_ms']:.0f} | {office} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
