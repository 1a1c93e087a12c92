"""The criteria table editor in the browser's terms: create, add, change with confirmation, copy."""

from decimal import Decimal as D

from django.urls import reverse

from awards.models import CriteriaTable, Criterion, Score
from blocs.models import AuditEntry
from tests.factories import bloc_year_with_members

from .helpers import leaves, make_table


def url(world, name="awards:criteria_table", **kw):
    return reverse(name, kwargs={"bloc_id": world.bloc_a.pk, "year": 2026, **kw})


def test_secretary_builds_a_table_of_sections_criteria_bonus_and_penalty(world):
    client = world.client("secretary_a")
    client.post(url(world), {"action": "create"})
    table = CriteriaTable.objects.get(bloc_year=world.by_a)
    client.post(url(world), {"action": "add", "new-kind": "section", "new-code": "I", "new-title": "Công tác  chuyên môn"})
    section = Criterion.objects.get(table=table, kind="section")
    assert section.title == "Công tác chuyên môn"
    r = client.post(url(world), {"action": "add", "new-kind": "criterion", "new-parent": section.pk, "new-code": "1",
                                 "new-title": "Hoàn thành kế hoạch", "new-max_points": "60"})
    assert r.status_code == 302
    client.post(url(world), {"action": "add", "new-kind": "criterion", "new-parent": section.pk, "new-code": "2",
                             "new-title": "Cải cách hành chính", "new-max_points": "40"})
    client.post(url(world), {"action": "add", "new-kind": "bonus", "new-code": "C1", "new-title": "Cờ thi đua", "new-max_points": "15"})
    r = client.post(url(world), {"action": "add", "new-kind": "criterion", "new-code": "3", "new-title": "Thiếu điểm"})
    assert "Cần nhập điểm tối đa." in r.content.decode()
    page = client.get(url(world)).content.decode()
    assert 'data-testid="max-total">100<' in page
    r = client.post(url(world), {"action": "settings", "title": "Bảng 2026", "bonus_cap": "20", "classification": "95: Xuất sắc\n85: Tốt",
                                 "tiebreak_1": f"section:{section.pk}", "tiebreak_2": "fewer_penalty"})
    table.refresh_from_db()
    assert table.tiebreaks == [f"section:{section.pk}", "fewer_penalty"]
    assert table.classification[0] == {"min": 95.0, "label": "Xuất sắc"} and table.bonus_cap == D(20)
    assert AuditEntry.objects.filter(action="criterion_create").count() == 4


def test_reviewer_of_another_organiser_cannot_add(world):
    make_table(world.by_a)
    r = world.client("reviewer_b").post(url(world), {"action": "add", "new-kind": "section", "new-title": "X"})
    assert r.status_code == 404
    r = world.client("leader_a").post(url(world), {"action": "add", "new-kind": "section", "new-title": "X"})
    assert r.status_code == 403


def test_lowering_a_maximum_asks_for_confirmation_and_keeps_the_scores_that_fit(world):
    table = make_table(world.by_a, sections=1, per_section=1)
    (c1, *_rest) = leaves(table)
    m1, m2 = world.by_a.members.order_by("pk")[:2]
    Score.objects.create(member=m1, criterion=c1, verified_score=9)
    Score.objects.create(member=m2, criterion=c1, verified_score=4, self_score=7)
    client = world.client("secretary_a")
    edit = url(world, "awards:criterion_edit", criterion_id=c1.pk)
    data = {"kind": "criterion", "parent": c1.parent_id, "code": "1", "title": c1.title, "max_points": "6"}
    r = client.post(edit, data)
    assert r.status_code == 200 and "2 ô điểm vượt điểm tối đa mới (6)" in r.content.decode()
    c1.refresh_from_db()
    assert c1.max_points == D(10)
    r = client.post(edit, {**data, "confirm": "on"})
    assert r.status_code == 302
    assert Score.objects.get(member=m1).verified_score is None
    s2 = Score.objects.get(member=m2)
    assert (s2.verified_score, s2.self_score) == (D(4), None)
    assert AuditEntry.objects.filter(action="score_clear").count() == 2


def test_copy_from_last_year_keeps_tree_and_tiebreaks(world):
    last = bloc_year_with_members(3, bloc=world.bloc_a, year=2025)
    source = make_table(last, sections=2, per_section=2)
    section = source.criteria.filter(kind="section").first()
    source.tiebreaks = [f"section:{section.pk}", "vote"]
    source.save()
    client = world.client("secretary_a")
    page = client.get(url(world)).content.decode()
    assert "Sao chép bảng tiêu chí" in page
    r = client.post(url(world), {"action": "copy", "source": source.pk})
    assert r.status_code == 302
    table = CriteriaTable.objects.get(bloc_year=world.by_a)
    assert table.criteria.count() == source.criteria.count()
    copied_section = table.criteria.get(kind="section", code=section.code)
    assert table.tiebreaks == [f"section:{copied_section.pk}", "vote"]
    assert copied_section.children.count() == 2


def test_copy_refused_when_scores_exist(world):
    last = bloc_year_with_members(3, bloc=world.bloc_a, year=2025)
    source = make_table(last)
    table = make_table(world.by_a)
    Score.objects.create(member=world.by_a.members.first(), criterion=leaves(table)[0], verified_score=1)
    r = world.client("secretary_a").post(url(world), {"action": "copy", "source": source.pk}, follow=True)
    assert "đã có điểm" in r.content.decode()


def test_cannot_copy_a_table_the_user_cannot_see(world):
    other = make_table(world.by_b)
    r = world.client("secretary_a").post(url(world), {"action": "copy", "source": other.pk})
    assert r.status_code == 200 and not CriteriaTable.objects.filter(bloc_year=world.by_a).exists()


def _xlsx(rows):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tiêu chí"
    ws.append(["Cấp", "Số thứ tự", "Nội dung", "Loại", "Điểm tối đa"])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("tieu-chi.xlsx", out.getvalue())


def test_import_criteria_from_excel_with_preview_and_row_errors(world):
    client = world.client("secretary_a")
    bad = [[1, "I", "Nhóm một", "Nhóm", None], [2, "1", "Tiêu chí", "Tiêu chí", "abc"], [3, "a", "Quá sâu", "Tiêu chí", 5],
           [1, "C1", "Cộng", "Điểm thưởng", 5]]
    page = client.post(url(world), {"action": "import", "file": _xlsx(bad)}).content.decode()
    assert "Dòng 3: “abc” không phải là số." in page
    assert "Dòng 4: cấp 3 không nằm dưới một nhóm ở cấp 2." in page
    assert "Dòng 5: loại “Điểm thưởng” không hợp lệ" in page
    assert not Criterion.objects.exists()
    good = [[1, "I", "Nhóm một", "Nhóm", None], [2, "1", "Tiêu chí một", "Tiêu chí", 60], [2, "2", "Tiêu chí hai", "tiêu chí", 40],
            [1, "C1", "Cộng", "Điểm cộng", 5], [1, "T1", "Trừ", "Điểm trừ", "2,5"]]
    page = client.post(url(world), {"action": "import", "file": _xlsx(good)}).content.decode()
    assert 'id="criteria-import-preview"' in page and not Criterion.objects.exists()
    client.post(url(world), {"action": "import_confirm"})
    table = CriteriaTable.objects.get(bloc_year=world.by_a)
    section = table.criteria.get(kind="section")
    assert list(section.children.values_list("title", "max_points")) == [("Tiêu chí một", 60), ("Tiêu chí hai", 40)]
    assert table.criteria.get(kind="penalty").max_points == D("2.5")
    # The export is the same layout and imports back.
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(client.get(url(world, "awards:criteria_export")).content))["Tiêu chí"]
    assert [c.value for c in ws[3]][:5] == [2, "1", "Tiêu chí một", "Tiêu chí", 60]
