"""The proposal workflow: create, edit, check, submit, review, approve, return, reject; votes;
attachments; the Excel import of individuals; notifications.

Every function is keyword-only, runs in one transaction, records a ``ProposalTransition`` for a
status change and an audit entry (``blocs.audit.record``) for every change, and raises
``ValidationError`` with a Vietnamese message and a ``code``. E-mails go out after commit.
"""

import datetime
import io
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from awards.catalog.models import AwardType, Quota
from awards.choices import PROPOSAL_TRANSITIONS, AttachmentKind, ProposalStatus, Subject
from awards.proposals import checks as proposal_checks
from awards.proposals.models import Notification, Proposal, ProposalAttachment, ProposalTransition
from awards.scoring.models import RankEntry, Ranking
from awards.votes.models import Vote
from blocs.audit.services import diff, record
from blocs.choices import MemberRole, Role
from blocs.models import BlocYear, Unit
from emulation.lib.text import nfc, search_key

PROPOSAL_FIELDS = [
    "award_type", "subject", "unit", "person_name", "person_title", "person_unit", "person_gender",
    "person_birth_year", "headcount", "rank", "vote", "justification",
]
VOTE_FIELDS = ["unit", "candidate_name", "award_type", "votes_for", "base", "base_count", "present_count", "meeting", "note"]

ALLOWED_ATTACHMENTS = {
    # extension: accepted leading bytes (PDF; Office Open XML and OpenDocument are zip; legacy Office is OLE2)
    "pdf": [b"%PDF-"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"], "pptx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"], "ods": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"], "xls": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
}


def max_attachment_bytes():
    """The size limit of one attachment (setting ``ATTACHMENT_MAX_BYTES``, 10 MB by default)."""
    return getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def _clean_text(data):
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in data.items()}


def _error(messages, code):
    """A ValidationError holding several messages and one ``code``."""
    error = ValidationError([ValidationError(m, code=code) for m in messages])
    error.code = code
    return error


# --- notifications -------------------------------------------------------------------------------

logger = logging.getLogger(__name__)


def _send_mail(subject, body, recipients):
    """An e-mail after commit; a failure is logged with its recipients (the in-app notice stays)."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("Không gửi được thư thông báo tới %s", ", ".join(recipients))


def notify(*, users, text, url=""):
    """In-app notifications for ``users``; an e-mail too when ``settings.EMAIL_ENABLED``."""
    users = [u for u in {u.pk: u for u in users if u is not None}.values()]
    Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url) for u in users])
    if getattr(settings, "EMAIL_ENABLED", False):
        recipients = [u.email for u in users if u.email]
        if recipients:
            site = getattr(settings, "SITE_URL", "").rstrip("/")
            body = text + (f"\n\n{site}{url}" if url else "")
            subject = _("[Thi đua, khen thưởng] Thông báo")
            transaction.on_commit(lambda: _send_mail(subject, body, recipients))


def _reviewers_of(organizer_id):
    User = get_user_model()
    return list(User.objects.filter(
        Q(role_grants__role=Role.REVIEWER, role_grants__organizer_id=organizer_id), is_active=True
    ).distinct())


def _bloc_people(proposal):
    """Secretaries of the bloc, representatives of the leader unit, and the proposal's author."""
    User = get_user_model()
    leader_unit = proposal.bloc_year.members.filter(role=MemberRole.LEADER).values_list("unit_id", flat=True).first()
    q = Q(role_grants__role=Role.SECRETARY, role_grants__bloc_id=proposal.bloc_year.bloc_id)
    if leader_unit:
        q |= Q(role_grants__role=Role.LEADER_REP, role_grants__unit_id=leader_unit)
    if proposal.created_by_id:
        q |= Q(pk=proposal.created_by_id)
    return list(User.objects.filter(q, is_active=True).distinct())


# --- checks --------------------------------------------------------------------------------------

def proposal_refresh_checks(*, proposal: Proposal) -> list:
    """Run the checks and store their results on the proposal (the review queue reads them)."""
    results = proposal_checks.run_checks(proposal)
    rules = proposal_checks.rules_in_force(proposal.award_type, proposal.year)
    proposal.checks = [r.as_dict() for r in results]
    proposal.checks_blocking = len(proposal_checks.blocking(results))
    proposal.checks_warning = len(proposal_checks.warnings(results))
    proposal.checks_at = timezone.now()
    proposal.rule_set = proposal_checks.rule_set_label(rules)[:120]
    Proposal.objects.filter(pk=proposal.pk).update(
        checks=proposal.checks, checks_blocking=proposal.checks_blocking, checks_warning=proposal.checks_warning,
        checks_at=proposal.checks_at, rule_set=proposal.rule_set,
    )
    return results


def _refresh_related(proposal):
    """Other open proposals whose quota or duplicate result this one changes get their checks again:
    the same subject for the same award and year, and every one under the same quota."""
    open_statuses = [ProposalStatus.DRAFT, ProposalStatus.RETURNED, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW]
    same_award = Proposal.objects.filter(year=proposal.year, award_type_id=proposal.award_type_id, status__in=open_statuses).exclude(pk=proposal.pk)
    q = Q(pk__in=[])
    if proposal.unit_id:
        q |= Q(unit_id=proposal.unit_id)
    if proposal.person_key:
        q |= Q(person_key=proposal.person_key)
    if Quota.objects.filter(organizer_id=proposal.organizer_id, year=proposal.year, award_type_id=proposal.award_type_id).exists():
        q |= Q(organizer_id=proposal.organizer_id)
    for other in same_award.filter(q).select_related("bloc_year", "award_type", "unit", "vote", "organizer"):
        proposal_refresh_checks(proposal=other)


# --- create and edit -----------------------------------------------------------------------------

def _validate_proposal(proposal):
    if proposal.subject == Subject.COLLECTIVE:
        if not proposal.unit_id:
            raise ValidationError({"unit": _("Chọn tập thể được đề nghị.")}, code="unit_required")
        if not proposal.bloc_year.members.filter(unit_id=proposal.unit_id).exists():
            raise ValidationError({"unit": _("%(unit)s không là thành viên của khối năm %(year)s.") % {
                "unit": proposal.unit.name, "year": proposal.bloc_year.year}}, code="unit_not_member")
        proposal.person_name = proposal.person_title = proposal.person_unit = ""
        proposal.headcount = 1
    else:
        if not proposal.person_name and proposal.headcount <= 1:
            raise ValidationError({"person_name": _("Nhập họ và tên cá nhân được đề nghị.")}, code="name_required")
        proposal.unit = None
    if not proposal.award_type.allows(proposal.subject):
        raise ValidationError({"award_type": _("%(award)s chỉ dành cho %(subject)s.") % {
            "award": proposal.award_type.name, "subject": proposal.award_type.get_subject_display().lower()}}, code="subject")
    if proposal.vote_id and proposal.vote.bloc_year_id != proposal.bloc_year_id:
        raise ValidationError({"vote": _("Kết quả bỏ phiếu không thuộc năm của khối này.")}, code="vote_other_year")
    if proposal.headcount < 1:
        raise ValidationError({"headcount": _("Số cá nhân phải từ 1 trở lên.")}, code="headcount")


def _vote_for(bloc_year, unit, award_type):
    return Vote.objects.filter(bloc_year=bloc_year, unit=unit).filter(Q(award_type=award_type) | Q(award_type__isnull=True)).order_by(
        "award_type"
    ).first()


@transaction.atomic
def proposal_create(*, bloc_year: BlocYear, user, data: dict) -> Proposal:
    """A draft proposal. Side effects: a transition (→ draft), an audit entry, stored check results."""
    data = _clean_text(data)
    proposal = Proposal(bloc_year=bloc_year, created_by=user, status=ProposalStatus.DRAFT,
                        **{k: v for k, v in data.items() if k in PROPOSAL_FIELDS})
    if proposal.subject == Subject.COLLECTIVE and proposal.unit_id and proposal.vote_id is None:
        proposal.vote = _vote_for(bloc_year, proposal.unit, proposal.award_type)
    if proposal.subject == Subject.COLLECTIVE and proposal.unit_id and proposal.rank is None:

        proposal.rank = RankEntry.objects.filter(ranking__bloc_year=bloc_year, unit_id=proposal.unit_id).values_list("rank", flat=True).first()
    _validate_proposal(proposal)
    proposal.save()
    ProposalTransition.objects.create(proposal=proposal, from_status="", to_status=ProposalStatus.DRAFT, by=user)
    record(user=user, action="proposal_create", obj=proposal, bloc_year=bloc_year,
           changes={f: (None, getattr(proposal, f)) for f in PROPOSAL_FIELDS if getattr(proposal, f) not in (None, "")})
    proposal_refresh_checks(proposal=proposal)
    _refresh_related(proposal)
    return proposal


def _ensure_editable(proposal):
    if proposal.status == ProposalStatus.APPROVED:
        raise ValidationError(_("Đề nghị đã được duyệt (quyết định %(n)s), không thể sửa.") % {"n": proposal.decision_number or "—"}, code="frozen")
    if not proposal.is_editable:
        raise ValidationError(_("Đề nghị đang ở trạng thái “%(s)s”, không thể sửa.") % {"s": proposal.get_status_display()}, code="not_editable")


@transaction.atomic
def proposal_update(*, proposal: Proposal, user, data: dict) -> Proposal:
    """Edit a draft or returned proposal. Side effects: an audit entry with the changed fields; checks."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    _ensure_editable(proposal)
    data = _clean_text({k: v for k, v in data.items() if k in PROPOSAL_FIELDS})
    changes = diff(proposal, data, PROPOSAL_FIELDS)
    for k, v in data.items():
        setattr(proposal, k, v)
    _validate_proposal(proposal)
    proposal.save()
    if changes:
        record(user=user, action="proposal_update", obj=proposal, bloc_year=proposal.bloc_year, changes=changes)
    proposal_refresh_checks(proposal=proposal)
    _refresh_related(proposal)
    return proposal


@transaction.atomic
def proposal_delete(*, proposal: Proposal, user) -> None:
    """Delete a draft that was never submitted. Side effect: an audit entry."""
    if proposal.status != ProposalStatus.DRAFT or proposal.submitted_at:
        raise ValidationError(_("Chỉ xóa được đề nghị dự thảo chưa từng gửi."), code="not_draft")
    record(user=user, action="proposal_delete", obj=proposal, bloc_year=proposal.bloc_year)
    proposal.delete()


def certificate_for(bloc_year):
    """(flag, certificate) award codes for a bloc of this organiser's kind."""
    kind = bloc_year.bloc.organizer.kind
    if kind == "central":
        return "co-chinh-phu", "bk-ttg"
    if kind == "ministry":
        return "co-bo", "bk-bo"
    return "co-tinh", "bk-tinh"


@transaction.atomic
def proposals_from_ranking(*, bloc_year: BlocYear, user) -> list:
    """One click: the top-ranked unit for the organiser's flag, the next ones for certificates.

    How many certificates: the organiser's quota of the certificate for the year if set (less what is
    already proposed), otherwise one. Units already proposed for the same award are skipped.
    Votes recorded for the unit are linked. Side effects: as ``proposal_create`` for each.
    """

    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    if ranking is None or not ranking.entries.exists():
        raise ValidationError(_("Khối chưa có kết quả xếp hạng năm %(year)s.") % {"year": bloc_year.year}, code="no_ranking")
    if not ranking.is_frozen:
        raise ValidationError(_("Kết quả xếp hạng năm %(year)s chưa được phê duyệt.") % {"year": bloc_year.year}, code="ranking_draft")
    flag_code, cert_code = certificate_for(bloc_year)
    flag, cert = AwardType.objects.get(code=flag_code), AwardType.objects.get(code=cert_code)
    entries = list(ranking.entries.select_related("unit").order_by("rank", "unit__sort_key"))
    quota = Quota.objects.filter(organizer_id=bloc_year.bloc.organizer_id, year=bloc_year.year, award_type=cert).first()
    n_certs = quota.max_count if quota and quota.max_count is not None else 1
    existing = set(Proposal.objects.filter(bloc_year=bloc_year, subject=Subject.COLLECTIVE).exclude(
        status=ProposalStatus.REJECTED).values_list("unit_id", "award_type_id"))
    created = []
    top = [e for e in entries if e.rank == 1]
    if len(top) > 1:
        raise ValidationError(_("%(units)s cùng xếp thứ nhất: cần phân định thứ hạng trước khi đề nghị Cờ thi đua.") % {
            "units": ", ".join(e.unit.name for e in top)}, code="tie_at_top")
    for entry in top[:1]:
        if (entry.unit_id, flag.pk) not in existing:
            created.append(proposal_create(bloc_year=bloc_year, user=user, data={
                "award_type": flag, "subject": Subject.COLLECTIVE, "unit": entry.unit, "rank": entry.rank,
                "justification": _("Xếp thứ %(rank)s Khối, Cụm thi đua năm %(year)s.") % {"rank": entry.rank, "year": bloc_year.year},
            }))
    flag_units = {e.unit_id for e in top[:1]}
    for entry in [e for e in entries if e.unit_id not in flag_units][:n_certs]:
        if (entry.unit_id, cert.pk) in existing:
            continue
        created.append(proposal_create(bloc_year=bloc_year, user=user, data={
            "award_type": cert, "subject": Subject.COLLECTIVE, "unit": entry.unit, "rank": entry.rank,
            "justification": _("Xếp thứ %(rank)s Khối, Cụm thi đua năm %(year)s.") % {"rank": entry.rank, "year": bloc_year.year},
        }))
    if not created:
        raise ValidationError(_("Các đơn vị dẫn đầu đã được đề nghị, không có đề nghị mới."), code="nothing_new")
    return created


# --- workflow ------------------------------------------------------------------------------------

def _transition(proposal, to_status, user, reason=""):
    if to_status not in PROPOSAL_TRANSITIONS.get(proposal.status, set()):
        raise ValidationError(_("Không thể chuyển đề nghị từ “%(a)s” sang “%(b)s”.") % {
            "a": proposal.get_status_display(), "b": ProposalStatus(to_status).label}, code="forbidden_transition")
    old = proposal.status
    proposal.status = to_status
    ProposalTransition.objects.create(proposal=proposal, from_status=old, to_status=to_status, by=user, reason=reason)
    return old


def _locked(proposal):
    return Proposal.objects.select_for_update(of=("self",)).select_related("bloc_year__bloc", "award_type", "unit", "vote", "organizer").get(pk=proposal.pk)


def _detail_url(proposal):
    return reverse("awards:proposal_detail", args=[proposal.pk])


@transaction.atomic
def proposal_submit(*, proposal: Proposal, user, override_reason: str = "") -> Proposal:
    """Draft/returned → submitted. Legal checks failing stop it; failing conventions need
    ``override_reason``. Side effects: transition, audit entry, notification to the organiser's office."""
    proposal = _locked(proposal)
    if proposal.status not in (ProposalStatus.DRAFT, ProposalStatus.RETURNED):
        _transition(proposal, ProposalStatus.SUBMITTED, user)  # raises the Vietnamese refusal
    results = proposal_refresh_checks(proposal=proposal)
    hard = proposal_checks.blocking(results)
    if hard:
        raise _error([r.message for r in hard], "checks_failed")
    soft = proposal_checks.warnings(results)
    override_reason = nfc(override_reason or "").strip()
    if soft and not override_reason:
        raise _error([_("Có cảnh báo chưa được giải trình; nhập lý do để vẫn gửi đề nghị:")] + [r.message for r in soft],
                     "override_needed")
    old = _transition(proposal, ProposalStatus.SUBMITTED, user, reason=override_reason if soft else "")
    proposal.override_reason = override_reason if soft else ""
    proposal.submitted_at = timezone.now()
    proposal.status_reason = ""
    proposal.save(update_fields=["status", "override_reason", "submitted_at", "status_reason"])
    record(user=user, action="proposal_submit", obj=proposal, bloc_year=proposal.bloc_year,
           changes={"status": (old, proposal.status)}, reason=proposal.override_reason)
    _refresh_related(proposal)
    notify(users=_reviewers_of(proposal.organizer_id), url=_detail_url(proposal), text=_(
        "%(bloc)s gửi đề nghị %(award)s năm %(year)s cho %(nominee)s."
    ) % {"bloc": proposal.bloc_year.bloc.name, "award": proposal.award_type.name, "year": proposal.year, "nominee": proposal.nominee})
    return proposal


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, user) -> Proposal:
    """Submitted → in review. Side effects: transition, audit entry."""
    proposal = _locked(proposal)
    old = _transition(proposal, ProposalStatus.IN_REVIEW, user)
    proposal.save(update_fields=["status"])
    record(user=user, action="proposal_review", obj=proposal, bloc_year=proposal.bloc_year, changes={"status": (old, proposal.status)})
    return proposal


@transaction.atomic
def proposal_approve(*, proposal: Proposal, user, decision_number: str, decision_date: datetime.date) -> Proposal:
    """Submitted/in review → approved with the decision's number and date; the proposal is then frozen.
    Legal checks are run again and stop the approval. Side effects: transition, audit, notification."""
    proposal = _locked(proposal)
    decision_number = nfc(decision_number or "").strip()
    if not decision_number or not decision_date:
        raise ValidationError(_("Nhập số và ngày quyết định khen thưởng."), code="decision_required")
    if proposal.status not in ProposalStatus.awaiting_review():
        _transition(proposal, ProposalStatus.APPROVED, user)
    hard = proposal_checks.blocking(proposal_refresh_checks(proposal=proposal))
    if hard:
        raise _error([_("Không thể duyệt %(n)s:") % {"n": proposal.nominee}] + [r.message for r in hard], "checks_failed")
    old = _transition(proposal, ProposalStatus.APPROVED, user, reason=_("Quyết định số %(n)s ngày %(d)s") % {
        "n": decision_number, "d": decision_date.strftime("%d/%m/%Y")})
    proposal.decision_number, proposal.decision_date, proposal.status_reason = decision_number, decision_date, ""
    proposal.save(update_fields=["status", "decision_number", "decision_date", "status_reason"])
    record(user=user, action="proposal_approve", obj=proposal, bloc_year=proposal.bloc_year, changes={
        "status": (old, proposal.status), "decision_number": ("", decision_number), "decision_date": (None, str(decision_date))})
    notify(users=_bloc_people(proposal), url=_detail_url(proposal), text=_(
        "Đề nghị %(award)s cho %(nominee)s đã được duyệt (quyết định số %(n)s)."
    ) % {"award": proposal.award_type.name, "nominee": proposal.nominee, "n": decision_number})
    return proposal


def _with_reason(proposal, to_status, user, reason, action, text):
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(_("Nhập lý do."), code="reason_required")
    old = _transition(proposal, to_status, user, reason=reason)
    proposal.status_reason = reason
    proposal.save(update_fields=["status", "status_reason"])
    record(user=user, action=action, obj=proposal, bloc_year=proposal.bloc_year, changes={"status": (old, proposal.status)}, reason=reason)
    notify(users=_bloc_people(proposal), url=_detail_url(proposal), text=text % {
        "award": proposal.award_type.name, "nominee": proposal.nominee, "reason": reason})
    _refresh_related(proposal)
    return proposal


@transaction.atomic
def proposal_return(*, proposal: Proposal, user, reason: str) -> Proposal:
    """Submitted/in review → returned (editable again) with a reason. Side effects: transition, audit,
    notification to the bloc's secretaries and leader representatives."""
    return _with_reason(_locked(proposal), ProposalStatus.RETURNED, user, reason, "proposal_return",
                        _("Đề nghị %(award)s cho %(nominee)s bị trả lại: %(reason)s"))


@transaction.atomic
def proposal_reject(*, proposal: Proposal, user, reason: str) -> Proposal:
    """Submitted/in review → rejected with a reason (final). Side effects: as ``proposal_return``."""
    return _with_reason(_locked(proposal), ProposalStatus.REJECTED, user, reason, "proposal_reject",
                        _("Đề nghị %(award)s cho %(nominee)s không được duyệt: %(reason)s"))


def proposals_bulk(*, proposals, user, action: str, reason: str = "", decision_number: str = "",
                   decision_date: datetime.date | None = None) -> tuple[list, list]:
    """Approve or return several proposals; each in its own transaction. Returns (done, errors)."""
    done, errors = [], []
    for proposal in proposals:
        try:
            if action == "approve":
                proposal_approve(proposal=proposal, user=user, decision_number=decision_number, decision_date=decision_date)
            elif action == "return":
                proposal_return(proposal=proposal, user=user, reason=reason)
            else:
                raise ValidationError(_("Thao tác không hợp lệ."), code="bad_action")
            done.append(proposal)
        except ValidationError as e:
            errors.append((proposal, " ".join(e.messages)))
    return done, errors


# --- attachments ---------------------------------------------------------------------------------

def validate_attachment(upload):
    name = nfc(upload.name or "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_ATTACHMENTS:
        raise ValidationError(_("Tệp “%(name)s”: chỉ nhận PDF hoặc tệp Office (%(exts)s).") % {
            "name": name, "exts": ", ".join(sorted(ALLOWED_ATTACHMENTS))}, code="bad_type")
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(_("Tệp “%(name)s” dung lượng %(size)s MB, vượt giới hạn %(max)s MB.") % {
            "name": name, "size": str(round(upload.size / 1048576, 1)).replace(".", ","),
            "max": str(round(limit / 1048576, 1)).removesuffix(".0").replace(".", ",")}, code="too_big")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in ALLOWED_ATTACHMENTS[ext]):
        raise ValidationError(_("Tệp “%(name)s” không đúng định dạng .%(ext)s (nội dung không khớp phần mở rộng).") % {
            "name": name, "ext": ext}, code="bad_content")
    return name


@transaction.atomic
def attachment_add(*, proposal: Proposal, user, kind: str, upload) -> ProposalAttachment:
    """Attach a checked file to an editable proposal. Side effects: audit entry; checks refreshed."""
    _ensure_editable(proposal)
    if kind not in AttachmentKind.values:
        raise ValidationError(_("Chọn loại tài liệu."), code="bad_kind")
    name = validate_attachment(upload)
    attachment = ProposalAttachment(proposal=proposal, kind=kind, original_name=name, size=upload.size, uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    record(user=user, action="attachment_add", obj=proposal, bloc_year=proposal.bloc_year,
           changes={"attachment": (None, f"{AttachmentKind(kind).label}: {name}")})
    proposal_refresh_checks(proposal=proposal)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ProposalAttachment, user) -> None:
    proposal = attachment.proposal
    _ensure_editable(proposal)
    record(user=user, action="attachment_delete", obj=proposal, bloc_year=proposal.bloc_year,
           changes={"attachment": (attachment.original_name, None)})
    attachment.file.delete(save=False)
    attachment.delete()
    proposal_refresh_checks(proposal=proposal)


# --- votes ---------------------------------------------------------------------------------------

def validate_vote(vote, member_count):
    errors = {}
    if not vote.unit_id and not vote.candidate_name:
        errors["unit"] = _("Chọn đơn vị hoặc nhập tên cá nhân được bình xét.")
    if vote.unit_id and not vote.bloc_year.members.filter(unit_id=vote.unit_id).exists():
        errors["unit"] = _("Đơn vị không là thành viên của khối năm %(y)s.") % {"y": vote.bloc_year.year}
    if vote.base_count is None or vote.base_count < 1:
        errors["base_count"] = _("Số lượng cơ sở phải lớn hơn 0.")
    elif vote.votes_for is not None and vote.votes_for > vote.base_count:
        errors["votes_for"] = _("Số phiếu đồng ý (%(v)s) lớn hơn số lượng cơ sở (%(b)s).") % {"v": vote.votes_for, "b": vote.base_count}
    if vote.present_count is not None and member_count and vote.present_count > member_count:
        errors["present_count"] = _("Số có mặt (%(p)s) lớn hơn số thành viên của khối (%(m)s).") % {"p": vote.present_count, "m": member_count}
    if vote.base_count and member_count and vote.base == "members" and vote.base_count != member_count:
        errors["base_count"] = _("Cơ sở là tổng số thành viên: phải bằng %(m)s.") % {"m": member_count}
    if vote.base == "present" and vote.present_count is not None and vote.base_count and vote.base_count != vote.present_count:
        errors["base_count"] = _("Cơ sở là số thành viên có mặt: phải bằng %(p)s.") % {"p": vote.present_count}
    if vote.base == "valid" and vote.base_count:
        if vote.present_count is not None and vote.base_count > vote.present_count:
            errors["base_count"] = _("Số phiếu hợp lệ (%(b)s) lớn hơn số thành viên có mặt (%(p)s).") % {"b": vote.base_count, "p": vote.present_count}
        ballots = vote.meeting.ballots_valid if vote.meeting_id else None
        if ballots is not None and vote.base_count != ballots:
            errors["base_count"] = _("Cơ sở là số phiếu hợp lệ: biên bản hội nghị ghi %(n)s phiếu hợp lệ.") % {"n": ballots}
    if errors:
        raise ValidationError(errors, code="invalid_vote")


@transaction.atomic
def vote_save(*, bloc_year: BlocYear, user, data: dict, vote: Vote | None = None) -> Vote:
    """Create or change a vote result. Refused when an approved proposal uses it. Side effects: audit;
    checks of the proposals using it refreshed."""
    data = _clean_text({k: v for k, v in data.items() if k in VOTE_FIELDS})
    if vote is not None:
        vote = Vote.objects.select_for_update(of=("self",)).get(pk=vote.pk)
        if vote.proposals.filter(status=ProposalStatus.APPROVED).exists():
            raise ValidationError(_("Kết quả bỏ phiếu đã làm căn cứ cho đề nghị được duyệt, không thể sửa."), code="frozen")
        changes = diff(vote, data, VOTE_FIELDS)
        for k, v in data.items():
            setattr(vote, k, v)
        action = "vote_update"
    else:
        vote = Vote(bloc_year=bloc_year, created_by=user, **data)
        changes = {f: (None, getattr(vote, f)) for f in VOTE_FIELDS if getattr(vote, f, None) not in (None, "")}
        action = "vote_create"
    validate_vote(vote, bloc_year.members.count())
    vote.is_illustrative = False  # counts entered by a user are the real ones
    vote.save()
    record(user=user, action=action, obj=vote, bloc_year=bloc_year, changes=changes)
    if vote.unit_id:
        Proposal.objects.filter(bloc_year=bloc_year, unit_id=vote.unit_id, vote__isnull=True,
                                status__in=ProposalStatus.editable()).filter(
            Q(award_type=vote.award_type) if vote.award_type_id else Q()).update(vote=vote)
    for p in vote.proposals.select_related("bloc_year", "award_type", "unit", "organizer"):
        proposal_refresh_checks(proposal=p)
    return vote


# --- Excel import of individuals -----------------------------------------------------------------

IMPORT_COLUMNS = ["Họ và tên", "Chức vụ", "Đơn vị công tác", "Giới tính", "Năm sinh", "Hình thức khen thưởng", "Thành tích"]


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


    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is the same user error
        raise ValidationError(_("Không đọc được tệp Excel (.xlsx)."), code="bad_file") from None
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
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
            if not raw.isdigit() or not (1900 <= int(raw) <= bloc_year.year):
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
        raise _error(errors, "rows")
    created = [proposal_create(bloc_year=bloc_year, user=user, data=item) for item in items]
    return created


def unit_choices(bloc_year):
    return Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")


# --- quotas --------------------------------------------------------------------------------------

@transaction.atomic
def quota_save(*, user, organizer, year: int, award_type, max_count: int | None, max_percent: Decimal | None) -> Quota:
    """Set the quota of an organiser for an award type and year (a count, a percentage, or both).
    Side effects: audit entry; check results of the open proposals concerned refreshed."""
    if max_count is None and max_percent is None:
        raise ValidationError({"max_count": _("Nhập số lượng tối đa hoặc tỷ lệ tối đa.")}, code="quota_empty")
    if max_percent is not None and not (0 < max_percent <= 100):
        raise ValidationError({"max_percent": _("Tỷ lệ phải lớn hơn 0 và không quá 100%.")}, code="quota_percent")
    quota = Quota.objects.filter(organizer=organizer, year=year, award_type=award_type).first()
    old = (quota.max_count, quota.max_percent) if quota else (None, None)
    if quota is None:
        quota = Quota(organizer=organizer, year=year, award_type=award_type)
    quota.max_count, quota.max_percent = max_count, max_percent
    quota.save()
    record(user=user, action="quota_save", obj=quota, changes={
        "max_count": (old[0], max_count), "max_percent": (old[1], max_percent)})
    for p in Proposal.objects.filter(organizer=organizer, year=year, award_type=award_type).exclude(
            status__in=ProposalStatus.final()).select_related("bloc_year", "award_type", "unit", "vote", "organizer"):
        proposal_refresh_checks(proposal=p)
    return quota


def proposals_submit_all(*, bloc_year: BlocYear, user, override_reason: str = "") -> tuple[list, list]:
    """Submit every draft or returned proposal of the bloc-year, each in its own transaction.
    Returns (submitted, [(proposal, error text)]): one failing proposal does not stop the others."""
    done, errors = [], []
    for proposal in bloc_year.proposals.filter(status__in=ProposalStatus.editable()).select_related("award_type", "unit"):
        try:
            done.append(proposal_submit(proposal=proposal, user=user, override_reason=override_reason))
        except ValidationError as e:
            errors.append((proposal, " ".join(e.messages)))
    return done, errors
