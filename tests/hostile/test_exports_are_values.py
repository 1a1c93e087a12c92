"""Every export writes values, never formulas: a unit, a criterion and a person named like a formula
come out as text in .xlsx (no formula cell but the grid template's own totals) and with OWASP's
apostrophe in .csv."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.choices import ProposalStatus, Subject
from awards.models import AwardType, Proposal, Score
from awards.scoring import services as scoring_services
from blocs.models import Unit
from blocs.years.resources import BlocMemberResource, UnitResource
from tests.awards.scoring.helpers import leaves, make_table

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://x.example","bấm")'


@pytest.fixture
def evil(world):
    by = world.by_a
    member = by.members.order_by("pk").first()
    Unit.objects.filter(pk=member.unit_id).update(name=EVIL)
    table = make_table(by, sections=1, per_section=2, bonus=(), penalty=())
    first = leaves(table)[0]
    first.title = "+" + EVIL
    first.save()
    for m in by.members.all():
        for leaf in leaves(table):
            Score.objects.create(member=m, criterion=leaf, verified_score=5, note="@SUM(A1)")
    scoring_services.ranking_compute(bloc_year=by, user=world.users["secretary_a"])
    Proposal.objects.create(bloc_year=by, subject=Subject.INDIVIDUAL, person_name="-" + EVIL, person_unit=EVIL,
                            award_type=AwardType.objects.filter(subject__in=["", "individual"]).first(),
                            status=ProposalStatus.SUBMITTED)
    return by


def _cells(content):
    wb = load_workbook(io.BytesIO(content))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _url(name, by, **kw):
    return reverse(name, kwargs={"bloc_id": by.bloc_id, "year": by.year, **kw})


def test_xlsx_exports_hold_no_formula_from_data(world, evil):
    client = world.client("secretary_a")
    downloads = {
        "criteria": client.get(_url("awards:criteria_export", evil)),
        "grid template": client.get(_url("awards:scores_template", evil)),
        "list template": client.get(_url("awards:scores_template", evil) + "?dang=danh-sach"),
        "ranking": client.get(_url("awards:ranking_export", evil, fmt="xlsx")),
        "breakdown": client.get(_url("awards:breakdown_export", evil, fmt="xlsx")),
        "members": client.get(_url("blocs:members_export", evil)),
        "review queue": world.client("reviewer_a").get(reverse("awards:review_export") + "?trang_thai=all"),
    }
    for what, response in downloads.items():
        assert response.status_code == 200, what
        cells = _cells(response.content)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert any(EVIL in t for t in texts), what
        for c in cells:
            if c.data_type == "f":  # only the grid template's own total formulas, made of cell references
                assert what == "grid template" and "HYPERLINK" not in c.value and "@" not in c.value, (what, c.value)
            if isinstance(c.value, str) and EVIL in c.value:
                assert c.data_type == "s", (what, c.coordinate)


def test_csv_exports_prefix_formula_text(world, evil):
    client = world.client("secretary_a")
    for name in ("awards:ranking_export", "awards:breakdown_export"):
        text = client.get(_url(name, evil, fmt="csv")).content.decode("utf-8-sig")
        fields = [f for row in csv.reader(io.StringIO(text)) for f in row]
        assert "'" + EVIL in fields, name
        assert not any(f.startswith(("=", "+", "-", "@")) for f in fields if not f.lstrip("-").replace(",", "").isdigit()), name


def test_admin_import_export_resources_write_values(world, evil):
    units = UnitResource().export(Unit.objects.filter(name=EVIL))
    assert units.dict[0]["name"] == "'" + EVIL
    members = BlocMemberResource().export()
    assert all(not str(v).startswith(("=", "+", "@")) for row in members.dict for v in row.values())
