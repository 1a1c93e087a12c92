"""The office's review queue: scope, filters, sorting, evidence, bulk actions (htmx), export, query counts."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.choices import ProposalStatus, Subject
from awards.models import Proposal
from tests.factories import bloc_year_with_members

from .conftest import award, collective, rank_all, vote

URL = reverse("awards:review_queue")


def _individuals(bloc_year, n, status=ProposalStatus.SUBMITTED, code="bk-tinh"):
    at = award(code)
    Proposal.objects.bulk_create([
        Proposal(bloc_year=bloc_year, organizer_id=bloc_year.bloc.organizer_id, year=bloc_year.year, award_type=at,
                 subject=Subject.INDIVIDUAL, person_name=f"Cá nhân {i:04d}", person_unit="Sở Nội vụ", status=status,
                 checks=[{"code": "duplicate", "level": "legal", "ok": True, "message": "ok", "basis": ""}])
        for i in range(n)
    ])


@pytest.fixture
def queue(ranked):
    units = ranked.units_a
    ranked.flag = collective(ranked.by_a, units[0], "co-chinh-phu", status=ProposalStatus.SUBMITTED,
                             vote=ranked.by_a.votes.get(unit=units[0]), rank=1)
    ranked.cert = collective(ranked.by_a, units[1], "bk-ttg", status=ProposalStatus.IN_REVIEW, rank=2,
                             checks_blocking=1, checks=[{"code": "quota", "level": "legal", "ok": False, "message": "Vượt chỉ tiêu X", "basis": ""}])
    ranked.draft = collective(ranked.by_a, units[2], "bk-ttg", status=ProposalStatus.DRAFT)
    other = rank_all(ranked.by_b)
    ranked.foreign = collective(ranked.by_b, other[0], "co-tinh", status=ProposalStatus.SUBMITTED)
    return ranked


def _rows(response):
    html = response.content.decode()
    return html.count('<tr data-id="')


def test_queue_shows_awaiting_proposals_of_the_reviewers_organiser_only(queue):
    r = queue.client("reviewer_a").get(URL + "?nam=2026")
    html = r.content.decode()
    assert _rows(r) == 2
    assert queue.flag.unit.name in html and queue.cert.unit.name in html
    assert queue.foreign.unit.name not in html and queue.draft.unit.name not in html
    # evidence on one screen: the votes with the percentage and threshold, the failing check
    assert "5/5 (100" in html and "ngưỡng 50" in html and "Vượt chỉ tiêu X" in html


def test_admin_sees_every_organiser(queue):
    assert _rows(queue.client("admin").get(URL + "?nam=2026")) == 3


def test_filters_by_bloc_award_status_and_failing_checks(queue):
    c = queue.client("reviewer_a")
    assert _rows(c.get(URL, {"nam": 2026, "hinh_thuc": award("bk-ttg").pk})) == 1
    assert _rows(c.get(URL, {"nam": 2026, "kiem_tra": "blocking"})) == 1
    assert _rows(c.get(URL, {"nam": 2026, "kiem_tra": "ok"})) == 1
    # a draft never sent is the bloc's own work: not in the office's queue
    assert _rows(c.get(URL, {"nam": 2026, "trang_thai": "all"})) == 2
    assert _rows(c.get(URL, {"nam": 2026, "trang_thai": "in_review"})) == 1
    assert _rows(c.get(URL, {"nam": 2026, "khoi": queue.bloc_a.pk})) == 2
    assert _rows(c.get(URL, {"nam": 2025})) == 0


def test_sort_by_failing_checks_puts_blocked_rows_first(queue):
    html = queue.client("reviewer_a").get(URL, {"nam": 2026, "sap_xep": "checks"}).content.decode()
    assert html.index(f'data-id="{queue.cert.pk}"') < html.index(f'data-id="{queue.flag.pk}"')
    html = queue.client("reviewer_a").get(URL, {"nam": 2026, "sap_xep": "rank"}).content.decode()
    assert html.index(f'data-id="{queue.flag.pk}"') < html.index(f'data-id="{queue.cert.pk}"')


def test_bulk_return_with_htmx_answers_the_table_fragment(queue):
    r = queue.client("reviewer_a").post(reverse("awards:review_bulk") + "?nam=2026",
                                        {"action": "return", "reason": "Thiếu hồ sơ", "ids": [queue.flag.pk, queue.cert.pk]},
                                        HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html and 'id="queue"' in html
    assert "Đã trả lại 2 đề nghị." in html
    assert set(Proposal.objects.filter(pk__in=[queue.flag.pk, queue.cert.pk]).values_list("status", flat=True)) == {"returned"}


def test_bulk_approve_approves_passing_rows_and_reports_blocked_ones(queue):
    from awards.choices import AttachmentKind
    from awards.models import ProposalAttachment

    for kind in [AttachmentKind.SUBMISSION, AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.MINUTES]:
        ProposalAttachment.objects.create(proposal=queue.flag, kind=kind, file="x.pdf", original_name="x.pdf")
    # the second unit asked for the Government flag fails a legal check at approval
    bad = collective(queue.by_a, queue.units_a[1], "co-chinh-phu", status=ProposalStatus.SUBMITTED)
    r = queue.client("reviewer_a").post(reverse("awards:review_bulk") + "?nam=2026", {
        "action": "approve", "decision_number": "88/QĐ-TTg", "decision_date": "2027-03-01", "ids": [queue.flag.pk, bad.pk]},
        HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert "Đã duyệt 1 đề nghị." in html and "Điều 25" in html
    queue.flag.refresh_from_db()
    bad.refresh_from_db()
    assert queue.flag.status == "approved" and queue.flag.decision_number == "88/QĐ-TTg"
    assert queue.flag.decision_date == datetime.date(2027, 3, 1)
    assert bad.status == "submitted"


def test_bulk_approve_needs_decision_and_selection(queue):
    c = queue.client("reviewer_a")
    html = c.post(reverse("awards:review_bulk"), {"action": "approve", "ids": [queue.flag.pk]}, HTTP_HX_REQUEST="true").content.decode()
    assert "Nhập số và ngày quyết định để duyệt." in html
    html = c.post(reverse("awards:review_bulk"), {"action": "return", "reason": "x"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Chọn ít nhất một đề nghị." in html
    queue.flag.refresh_from_db()
    assert queue.flag.status == "submitted"


def test_bulk_cannot_touch_another_organisers_proposal(queue):
    queue.client("reviewer_a").post(reverse("awards:review_bulk"), {"action": "return", "reason": "x", "ids": [queue.foreign.pk]})
    queue.foreign.refresh_from_db()
    assert queue.foreign.status == "submitted"


def test_export_lists_the_filtered_rows_in_xlsx(queue):
    r = queue.client("reviewer_a").get(reverse("awards:review_export"), {"nam": 2026})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Khối, cụm", "Đối tượng", "Chức vụ, đơn vị", "Hình thức")
    assert len(rows) == 3
    names = {row[2] for row in rows[1:]}
    assert names == {queue.flag.unit.name, queue.cert.unit.name}
    flag_row = next(row for row in rows[1:] if row[2] == queue.flag.unit.name)
    assert flag_row[6] == "5/5" and flag_row[7] == 100.0 and flag_row[11] == "Đạt"


@pytest.mark.parametrize("n", [10, 1000])
def test_queue_query_count_does_not_grow(world, django_assert_max_num_queries, n):
    by = bloc_year_with_members(3, bloc=world.bloc_a, year=2025)
    _individuals(by, n)
    rank_all(by)
    v = vote(by, by.members.first().unit, votes_for=3, present=3)
    Proposal.objects.filter(bloc_year=by).update(vote=v, checks_warning=1)
    client = world.client("reviewer_a")
    with django_assert_max_num_queries(9):
        r = client.get(URL, {"nam": 2025, "trang_thai": "all"})
    assert _rows(r) == min(n, 50)


@pytest.mark.parametrize("n", [10, 1000])
def test_export_query_count_does_not_grow(world, django_assert_max_num_queries, n):
    by = bloc_year_with_members(3, bloc=world.bloc_a, year=2025)
    _individuals(by, n)
    client = world.client("reviewer_a")
    with django_assert_max_num_queries(6):
        r = client.get(reverse("awards:review_export"), {"nam": 2025})
    assert load_workbook(io.BytesIO(r.content)).active.max_row == n + 1


def test_office_sets_a_quota_and_sees_the_places_used(queue):
    c = queue.client("reviewer_a")
    url = reverse("awards:quota_list")
    r = c.post(url, {"organizer": queue.org_a.pk, "year": 2026, "award_type": award("bk-ttg").pk, "max_count": 1}, follow=True)
    html = r.content.decode()
    assert "Đã lưu chỉ tiêu." in html and "Bằng khen của Thủ tướng Chính phủ" in html
    # the in-review certificate uses the one place; the quota check of the proposals is refreshed
    from awards.models import Quota

    assert Quota.objects.get(organizer=queue.org_a, year=2026).max_count == 1
    row = html[html.index('id="quotas"'):html.index("</table>", html.index('id="quotas"'))]
    assert "<td class=\"num\">1</td>" in row
    queue.draft.refresh_from_db()
    assert any(ch["code"] == "quota" and not ch["ok"] for ch in queue.draft.checks)


def test_quota_needs_a_limit_and_only_for_own_organiser(queue):
    c = queue.client("reviewer_a")
    html = c.post(reverse("awards:quota_list"), {"organizer": queue.org_a.pk, "year": 2026, "award_type": award("bk-ttg").pk}).content.decode()
    assert "Nhập số lượng tối đa hoặc tỷ lệ tối đa." in html
    html = c.post(reverse("awards:quota_list"), {"organizer": queue.org_b.pk, "year": 2026, "award_type": award("bk-ttg").pk, "max_count": 3}).content.decode()
    assert "Lựa chọn không hợp lệ hoặc không thuộc phạm vi của bạn." in html
    from awards.models import Quota

    assert not Quota.objects.exists()


def test_queue_rows_show_badges_evidence_and_actions(queue, settings):
    """Each row of the queue (a template loop, badges from awards/_check_badges.html): the selection box
    for rows awaiting review, the link, the vote and threshold, the badges, the failing check with its
    level, the override reason, the files and the status with the decision number."""
    queue.flag.checks_at = datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC)
    queue.flag.override_reason = "Đơn vị <đặc biệt>"
    queue.flag.save()
    approved = collective(queue.by_a, queue.units_a[3], "bk-ttg", status=ProposalStatus.APPROVED, decision_number="12/QĐ-TTg",
                          checks_warning=2, checks=[{"code": "vote", "level": "convention", "ok": False, "message": "Thiếu phiếu"}])
    html = queue.client("reviewer_a").get(URL + "?nam=2026&trang_thai=all").content.decode()
    assert _rows_html(html, queue.flag).count('name="ids"') == 1
    flag = _rows_html(html, queue.flag)
    assert f'aria-label="Chọn {queue.flag.unit.name}"' in flag
    assert f'href="{reverse("awards:proposal_detail", args=[queue.flag.pk])}"' in flag
    assert '<span class="badge badge-ok">Đạt</span>' in flag and "ngưỡng 50%" in flag and "0 tệp" in flag
    assert "Giải trình: Đơn vị &lt;đặc biệt&gt;" in flag
    cert = _rows_html(html, queue.cert)
    assert '<span class="badge status-rejected">1 lỗi</span>' in cert and '<li class="attention-danger">Vượt chỉ tiêu X</li>' in cert
    done = _rows_html(html, approved)
    assert 'name="ids"' not in done and '<span class="badge badge-warn">2 cảnh báo</span>' in done
    assert '<li class="attention-warning">Thiếu phiếu</li>' in done and "<small>12/QĐ-TTg</small>" in done
    assert '<span class="badge status-approved">Đã duyệt</span>' in done


def _rows_html(html, proposal):
    start = html.index(f'<tr data-id="{proposal.pk}">')
    return html[start:html.index("</tr>", start)]
