"""Every transition of a proposal, the forbidden ones, the timeline, audit and notifications."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.models import Notification, Proposal, ProposalAttachment, ProposalTransition
from awards.proposals import services
from blocs.models import AuditEntry

from .conftest import award

D = datetime.date(2027, 2, 1)


def with_dossier(proposal):
    """The three documents Decree 152/2025 lists (a convention check otherwise warns)."""
    for kind in [AttachmentKind.SUBMISSION, AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.MINUTES]:
        ProposalAttachment.objects.create(proposal=proposal, kind=kind, file="x.pdf", original_name=f"{kind}.pdf")
    return proposal


@pytest.fixture
def draft(ranked):
    user = ranked.users["secretary_a"]
    return with_dossier(services.proposal_create(bloc_year=ranked.by_a, user=user, data={
        "award_type": award("co-chinh-phu"), "subject": Subject.COLLECTIVE, "unit": ranked.units_a[0],
        "justification": "Dẫn đầu Cụm năm 2026"}))


def _submitted(world, proposal):
    return services.proposal_submit(proposal=proposal, user=world.users["leader_a"])


def test_create_links_the_vote_and_rank_and_records_draft(ranked, draft):
    assert draft.status == ProposalStatus.DRAFT and draft.rank == 1
    assert draft.vote and draft.vote.unit == ranked.units_a[0]
    assert list(draft.transitions.values_list("from_status", "to_status")) == [("", "draft")]
    assert AuditEntry.objects.filter(action="proposal_create", object_id=str(draft.pk)).exists()
    assert draft.checks_blocking == 0 and draft.checks_at is not None


def test_leader_submits_a_draft_and_the_office_is_notified(ranked, draft):
    p = _submitted(ranked, draft)
    assert p.status == ProposalStatus.SUBMITTED and p.submitted_at
    t = p.transitions.last()
    assert (t.from_status, t.to_status, t.by) == ("draft", "submitted", ranked.users["leader_a"])
    note = Notification.objects.get(user=ranked.users["reviewer_a"])
    assert "gửi đề nghị Cờ thi đua của Chính phủ" in note.text and note.url == reverse("awards:proposal_detail", args=[p.pk])
    assert not Notification.objects.filter(user=ranked.users["reviewer_b"]).exists()


def test_submission_sends_email_when_a_backend_is_configured(ranked, draft, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://thidua.example.vn/"
    ranked.users["reviewer_a"].email = "bantd@example.vn"
    ranked.users["reviewer_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        _submitted(ranked, draft)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bantd@example.vn"]
    assert f"https://thidua.example.vn/khen-thuong/de-nghi/{draft.pk}/" in mail.outbox[0].body
    assert "gửi đề nghị Cờ thi đua của Chính phủ năm 2026" in mail.outbox[0].body


def test_no_email_without_a_configured_backend(ranked, draft, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_ENABLED = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ranked.users["reviewer_a"].email = "bantd@example.vn"
    ranked.users["reviewer_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        _submitted(ranked, draft)
    assert mail.outbox == []
    assert Notification.objects.filter(user=ranked.users["reviewer_a"]).count() == 1


def test_review_then_approve_with_decision_freezes_the_proposal(ranked, draft):
    p = _submitted(ranked, draft)
    p = services.proposal_start_review(proposal=p, user=ranked.users["reviewer_a"])
    assert p.status == ProposalStatus.IN_REVIEW
    p = services.proposal_approve(proposal=p, user=ranked.users["reviewer_a"], decision_number="123/QĐ-TTg", decision_date=D)
    assert p.status == ProposalStatus.APPROVED and p.decision_number == "123/QĐ-TTg" and p.is_frozen
    assert list(p.transitions.values_list("to_status", flat=True)) == ["draft", "submitted", "in_review", "approved"]
    with pytest.raises(ValidationError) as e:
        services.proposal_update(proposal=p, user=ranked.users["secretary_a"], data={"justification": "sửa"})
    assert e.value.code == "frozen" and "đã được duyệt" in e.value.messages[0]
    with pytest.raises(ValidationError):
        services.proposal_return(proposal=p, user=ranked.users["reviewer_a"], reason="x")
    assert Notification.objects.filter(user=ranked.users["secretary_a"], text__contains="đã được duyệt").exists()


def test_approve_straight_from_submitted(ranked, draft):
    p = services.proposal_approve(proposal=_submitted(ranked, draft), user=ranked.users["admin"], decision_number="5/QĐ", decision_date=D)
    assert p.status == ProposalStatus.APPROVED


def test_approval_needs_a_decision_number(ranked, draft):
    p = _submitted(ranked, draft)
    with pytest.raises(ValidationError) as e:
        services.proposal_approve(proposal=p, user=ranked.users["reviewer_a"], decision_number=" ", decision_date=D)
    assert e.value.code == "decision_required"


def test_return_with_reason_then_fix_and_resubmit(ranked, draft):
    p = _submitted(ranked, draft)
    p = services.proposal_return(proposal=p, user=ranked.users["reviewer_a"], reason="Bổ sung báo cáo thành tích")
    assert p.status == ProposalStatus.RETURNED and p.status_reason == "Bổ sung báo cáo thành tích"
    note = Notification.objects.get(user=ranked.users["secretary_a"])
    assert "bị trả lại: Bổ sung báo cáo thành tích" in note.text
    p = services.proposal_update(proposal=p, user=ranked.users["secretary_a"], data={"justification": "Đã bổ sung"})
    p = services.proposal_submit(proposal=p, user=ranked.users["secretary_a"])
    assert p.status == ProposalStatus.SUBMITTED and p.status_reason == ""
    steps = list(p.transitions.values_list("from_status", "to_status", "reason"))
    assert steps[-2:] == [("submitted", "returned", "Bổ sung báo cáo thành tích"), ("returned", "submitted", "")]
    assert AuditEntry.objects.filter(action="proposal_update", object_id=str(p.pk), changes__has_key="justification").exists()


def test_return_and_reject_need_a_reason(ranked, draft):
    p = _submitted(ranked, draft)
    for service in (services.proposal_return, services.proposal_reject):
        with pytest.raises(ValidationError) as e:
            service(proposal=p, user=ranked.users["reviewer_a"], reason="  ")
        assert e.value.code == "reason_required"


def test_rejected_is_final(ranked, draft):
    p = services.proposal_reject(proposal=_submitted(ranked, draft), user=ranked.users["reviewer_a"], reason="Không đủ tiêu chuẩn")
    assert p.status == ProposalStatus.REJECTED
    with pytest.raises(ValidationError) as e:
        services.proposal_submit(proposal=p, user=ranked.users["secretary_a"])
    assert e.value.code == "forbidden_transition"
    with pytest.raises(ValidationError):
        services.proposal_approve(proposal=p, user=ranked.users["reviewer_a"], decision_number="1", decision_date=D)


@pytest.mark.parametrize("service", ["proposal_start_review", "proposal_return", "proposal_reject", "proposal_approve"])
def test_a_draft_cannot_skip_submission(ranked, draft, service):
    kwargs = {"reason": "x"} if service in ("proposal_return", "proposal_reject") else {}
    if service == "proposal_approve":
        kwargs = {"decision_number": "1", "decision_date": D}
    with pytest.raises(ValidationError) as e:
        getattr(services, service)(proposal=draft, user=ranked.users["reviewer_a"], **kwargs)
    assert e.value.code == "forbidden_transition" and "Dự thảo" in e.value.messages[0]
    assert Proposal.objects.get(pk=draft.pk).status == ProposalStatus.DRAFT


def test_submitting_twice_is_refused(ranked, draft):
    p = _submitted(ranked, draft)
    with pytest.raises(ValidationError) as e:
        _submitted(ranked, p)
    assert e.value.code == "forbidden_transition"


def test_legal_check_failing_is_a_hard_stop_even_with_a_reason(ranked):
    p = services.proposal_create(bloc_year=ranked.by_a, user=ranked.users["secretary_a"], data={
        "award_type": award("co-chinh-phu"), "subject": Subject.COLLECTIVE, "unit": ranked.units_a[1]})
    with pytest.raises(ValidationError) as e:
        services.proposal_submit(proposal=p, user=ranked.users["secretary_a"], override_reason="Đề nghị đặc biệt")
    assert e.value.code == "checks_failed" and any("Điều 25" in m for m in e.value.messages)
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.DRAFT


def test_convention_warning_needs_a_reason_then_passes(ranked):
    p = services.proposal_create(bloc_year=ranked.by_a, user=ranked.users["secretary_a"], data={
        "award_type": award("bk-ttg"), "subject": Subject.COLLECTIVE, "unit": ranked.units_a[3]})  # no vote
    with pytest.raises(ValidationError) as e:
        services.proposal_submit(proposal=p, user=ranked.users["secretary_a"])
    assert e.value.code == "override_needed" and any("Chưa có kết quả bỏ phiếu" in m for m in e.value.messages)
    p = services.proposal_submit(proposal=p, user=ranked.users["secretary_a"], override_reason="Biểu quyết giơ tay, biên bản kèm theo")
    assert p.status == ProposalStatus.SUBMITTED and p.override_reason.startswith("Biểu quyết")
    assert p.transitions.last().reason == p.override_reason


def test_approval_rechecks_legal_rules(ranked, draft):
    p = _submitted(ranked, draft)
    # The ranking changes after submission: the unit is no longer first.
    from awards.models import RankEntry

    RankEntry.objects.filter(ranking__bloc_year=ranked.by_a, unit=ranked.units_a[0]).update(rank=3)
    with pytest.raises(ValidationError) as e:
        services.proposal_approve(proposal=p, user=ranked.users["reviewer_a"], decision_number="1", decision_date=D)
    assert e.value.code == "checks_failed"
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.SUBMITTED


def test_every_transition_is_in_the_audit_history(ranked, draft):
    p = _submitted(ranked, draft)
    services.proposal_return(proposal=p, user=ranked.users["reviewer_a"], reason="Thiếu biên bản")
    actions = set(AuditEntry.objects.filter(object_id=str(p.pk), object_type="awards.proposal").values_list("action", flat=True))
    assert {"proposal_create", "proposal_submit", "proposal_return"} <= actions


# --- through the views: who may do what ------------------------------------------------------------

def test_secretary_cannot_approve(ranked, draft):
    p = _submitted(ranked, draft)
    r = ranked.client("secretary_a").post(reverse("awards:proposal_review", args=[p.pk]), {
        "action": "approve", "decision_number": "1", "decision_date": "2027-02-01"})
    assert r.status_code == 403
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.SUBMITTED


def test_leader_cannot_approve_own_proposal(ranked, draft):
    p = _submitted(ranked, draft)
    r = ranked.client("leader_a").post(reverse("awards:proposal_review", args=[p.pk]), {"action": "approve"})
    assert r.status_code == 403


def test_reviewer_of_another_organiser_sees_nothing(ranked, draft):
    p = _submitted(ranked, draft)
    client = ranked.client("reviewer_b")
    assert client.get(reverse("awards:proposal_detail", args=[p.pk])).status_code == 404
    assert client.post(reverse("awards:proposal_review", args=[p.pk]), {"action": "return", "reason": "x"}).status_code == 404
    queue = client.get(reverse("awards:review_queue") + "?nam=2026")
    assert p.nominee not in queue.content.decode()
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.SUBMITTED


def test_reviewer_returns_through_the_view_with_reason(ranked, draft):
    p = _submitted(ranked, draft)
    r = ranked.client("reviewer_a").post(reverse("awards:proposal_review", args=[p.pk]), {"action": "return", "reason": "Thiếu tờ trình"}, follow=True)
    assert "Đã trả lại đề nghị." in r.content.decode()
    p.refresh_from_db()
    assert p.status == ProposalStatus.RETURNED
    page = ranked.client("secretary_a").get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    assert "Thiếu tờ trình" in page and "Gửi lại" in page


def test_secretary_of_another_bloc_cannot_submit(ranked, draft):
    r = ranked.client("secretary_b").post(reverse("awards:proposal_submit", args=[draft.pk]))
    assert r.status_code == 404
    assert ProposalTransition.objects.filter(proposal=draft).count() == 1


def test_approved_proposal_cannot_be_edited_through_the_view(ranked, draft):
    p = services.proposal_approve(proposal=_submitted(ranked, draft), user=ranked.users["admin"], decision_number="7/QĐ", decision_date=D)
    client = ranked.client("secretary_a")
    r = client.post(reverse("awards:proposal_edit", args=[p.pk]), {"subject": "collective", "award_type": p.award_type_id,
                                                                   "unit": p.unit_id, "headcount": 1, "justification": "đổi"}, follow=True)
    assert "không thể sửa" in r.content.decode()
    p.refresh_from_db()
    assert p.justification == "Dẫn đầu Cụm năm 2026"


def test_timeline_shows_each_step_with_who(ranked, draft):
    p = _submitted(ranked, draft)
    services.proposal_return(proposal=p, user=ranked.users["reviewer_a"], reason="Thiếu biên bản")
    html = ranked.client("secretary_a").get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    timeline = html[html.index('id="timeline"'):]
    for label in ["Dự thảo", "Đã gửi", "Trả lại", "leader_a", "reviewer_a", "Thiếu biên bản"]:
        assert label in timeline


def test_detail_shows_the_change_history_with_old_and_new_values(ranked, draft):
    services.proposal_update(proposal=draft, user=ranked.users["secretary_a"], data={"justification": "Dẫn đầu, vượt 12 chỉ tiêu"})
    html = ranked.client("reviewer_a").get(reverse("awards:proposal_detail", args=[draft.pk])).content.decode()
    history = html[html.index('id="history"'):]
    assert "Sửa đề nghị" in history and "Thành tích, lý do đề nghị</strong>: Dẫn đầu Cụm năm 2026 → Dẫn đầu, vượt 12 chỉ tiêu" in history
    assert "secretary_a" in history
    _submitted(ranked, draft)
    html = ranked.client("reviewer_a").get(reverse("awards:proposal_detail", args=[draft.pk])).content.decode()
    assert "Trạng thái</strong>: Dự thảo → Đã gửi" in html[html.index('id="history"'):]


def test_leader_sends_all_drafts_at_once_and_failing_ones_stay(ranked, draft):
    bad = services.proposal_create(bloc_year=ranked.by_a, user=ranked.users["secretary_a"], data={
        "award_type": award("co-tinh"), "subject": Subject.COLLECTIVE, "unit": ranked.units_a[2]})  # ranked 3rd
    url = reverse("awards:proposal_submit_all", kwargs={"bloc_id": ranked.bloc_a.pk, "year": 2026})
    html = ranked.client("leader_a").post(url, follow=True).content.decode()
    assert "Đã gửi 1 đề nghị." in html and "Điều 26" in html
    assert Proposal.objects.get(pk=draft.pk).status == ProposalStatus.SUBMITTED
    assert Proposal.objects.get(pk=bad.pk).status == ProposalStatus.DRAFT
    assert ranked.client("reviewer_a").post(url).status_code == 403


def test_secretary_deletes_a_draft_but_not_a_sent_proposal(ranked, draft):
    c = ranked.client("secretary_a")
    other = services.proposal_create(bloc_year=ranked.by_a, user=ranked.users["secretary_a"], data={
        "award_type": award("bk-ttg"), "subject": Subject.COLLECTIVE, "unit": ranked.units_a[1]})
    r = c.post(reverse("awards:proposal_delete", args=[other.pk]), follow=True)
    assert "Đã xóa đề nghị dự thảo." in r.content.decode() and not Proposal.objects.filter(pk=other.pk).exists()
    assert AuditEntry.objects.filter(action="proposal_delete", object_id=str(other.pk)).exists()
    _submitted(ranked, draft)
    r = c.post(reverse("awards:proposal_delete", args=[draft.pk]), follow=True)
    assert "Chỉ xóa được đề nghị dự thảo chưa từng gửi." in r.content.decode()
    assert Proposal.objects.filter(pk=draft.pk).exists()


def test_bulk_without_htmx_redirects_back_to_the_filtered_queue(ranked, draft):
    p = _submitted(ranked, draft)
    r = ranked.client("reviewer_a").post(reverse("awards:review_bulk") + "?nam=2026", {"action": "return", "reason": "Thiếu", "ids": [p.pk]})
    assert r.status_code == 302 and r["Location"] == reverse("awards:review_queue") + "?nam=2026"
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.RETURNED


class _BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


def test_a_failing_mail_server_is_logged_and_the_submission_stands(
    ranked, draft, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = f"{__name__}._BrokenBackend"
    ranked.users["reviewer_a"].email = "bantd@example.vn"
    ranked.users["reviewer_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        p = _submitted(ranked, draft)
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED
    assert Notification.objects.filter(user=ranked.users["reviewer_a"]).count() == 1
    assert "Không gửi được thư thông báo tới bantd@example.vn" in caplog.text
