"""Helpers of the document tests: poppler's pdftotext, pdffonts, pdfinfo and pdftoppm on PDF bytes."""

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

from blocs.choices import MemberRole
from tests.factories import BlocFactory, BlocMemberFactory, BlocYearFactory, UnitFactory


def _need(tool):
    if not shutil.which(tool):
        pytest.fail(f"Thiếu công cụ {tool} (gói poppler-utils; make test tự cài).")


def _run(tool, pdf, *args):
    _need(tool)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run([tool, *args, f.name, *([] if tool != "pdftotext" else ["-"])],
                              check=True, capture_output=True, text=True).stdout


def pdf_text(pdf, *, layout=False, page=None):
    args = ["-layout"] if layout else []
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    text = _run("pdftotext", pdf, *args)
    return unicodedata.normalize("NFC", text)


def flat(text):
    """Text with line breaks and runs of spaces collapsed (a name may wrap across lines)."""
    return re.sub(r"\s+", " ", text)


def pdf_fonts(pdf):
    """[(name, type, embedded)] from pdffonts."""
    rows = []
    for line in _run("pdffonts", pdf).splitlines()[2:]:
        parts = line.split()
        # name, type (may be two words), encoding, emb, sub, uni, object, id
        name = parts[0]
        emb = parts[-5]
        ftype = " ".join(parts[1:-6])
        rows.append((name, ftype, emb == "yes"))
    return rows


def pdf_page_sizes(pdf):
    """[(width, height)] in points for every page."""
    out = _run("pdfinfo", pdf, "-f", "1", "-l", "999")
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]


A4 = (595.28, 841.89)


def is_a4(size, landscape=False):
    w, h = size
    ew, eh = (A4[1], A4[0]) if landscape else A4
    return abs(w - ew) < 1 and abs(h - eh) < 1


def save_page_png(pdf, name):
    """Page 1 as PNG in the test run's artefacts (visual check)."""
    _need("pdftoppm")
    folder = Path(os.environ.get("ARTEFACTS", "artefacts")) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", f.name,
                        str(folder / name)], check=True)
    return folder / f"{name}.png"


def make_bloc_year(n, *, year=2026, bloc=None, kind="khoi", prefix="Đơn vị thành viên"):
    """A bloc-year with ``n`` members named "<prefix> 01"...; the first leads, the second deputises."""
    bloc = bloc or BlocFactory(kind=kind)
    by = BlocYearFactory(bloc=bloc, year=year)
    for i in range(n):
        role = MemberRole.LEADER if i == 0 else MemberRole.DEPUTY if i == 1 else MemberRole.MEMBER
        unit = UnitFactory(name=f"{prefix} {i + 1:02d}", head_title="Giám đốc",
                           signing_formula="GIÁM ĐỐC" if i % 2 else "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
        BlocMemberFactory(bloc_year=by, unit=unit, role=role)
    return by
