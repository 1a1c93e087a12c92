"""The proposal workflow: create, edit, check, submit, review, approve, return, reject; votes;
attachments; the Excel import of individuals; notifications.

Every function is keyword-only, runs in one transaction, records a ``ProposalTransition`` for a
status change and an audit entry (``blocs.audit.services.record``) for every change, and raises
``ValidationError`` with a Vietnamese message and a ``code``. E-mails go out after commit.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalog.models import AwardType, Quota
from awards.choices import PROPOSAL_TRANSITIONS, ProposalStatus, Subject
from awards.proposals import checks as proposal_checks
from awards.proposals.models import Proposal, ProposalTransition
from awards.proposals.notifications import _bloc_people, _reviewers_of, notify
from awards.scoring.models import RankEntry, Ranking
from awards.votes.models import Vote
from blocs.audit.services import diff, record
from blocs.models import BlocYear, Unit
from emulation.lib.text import nfc

PROPOSAL_FIELDS = [
    "award_type", "subject", "unit", "person_name", "person_title", "person_unit", "person_gender",
    "person_birth_year", "headcount", "rank", "vote", "justification",
]


def _clean_text(data):
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in data.items()}


def _error(messages, code):
    """A ValidationError holding several messages and one ``code``."""
    error = ValidationError([ValidationError(m, code=code) for m in messages])
    error.code = code
    return error


# --- checks --------------------------------------------------------------------------------------

def proposal_refresh_checks(*, proposal: Proposal, rules=None, member_count=None) -> list:
    """Run the checks and store their results on the proposal (the review queue reads them).
    ``rules`` and ``member_count``: as ``checks.run_checks`` takes them, when the caller has them."""
    if rules is None:
        rules = proposal_checks.rules_in_force(proposal.award_type, proposal.year)
    results = proposal_checks.run_checks(proposal, rules=rules, member_count=member_count)
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


def proposals_refresh_checks(proposals) -> None:
    """``proposal_refresh_checks`` of each of ``proposals`` (give them with ``REFRESH_RELATED`` selected):
    the rules in force read once per award type and year, the member count once per bloc-year."""
    rules, members = {}, {}
    for proposal in proposals:
        key = (proposal.award_type_id, proposal.year)
        if key not in rules:
            rules[key] = proposal_checks.rules_in_force(proposal.award_type, proposal.year)
        if proposal.bloc_year_id not in members:
            members[proposal.bloc_year_id] = proposal.bloc_year.members.count()
        proposal_refresh_checks(proposal=proposal, rules=rules[key], member_count=members[proposal.bloc_year_id])


# What the checks read of a proposal, selected with it.
REFRESH_RELATED = ("bloc_year", "award_type", "unit", "vote", "organizer")
OPEN_STATUSES = [ProposalStatus.DRAFT, ProposalStatus.RETURNED, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW]


def _related(proposals):
    """Other open proposals whose quota or duplicate result ``proposals`` change: the same subject for
    the same award and year, and every one under the same quota. Two queries, however many proposals."""
    proposals = list(proposals)
    quotas = Q(pk__in=[])
    for p in proposals:
        quotas |= Q(organizer_id=p.organizer_id, year=p.year, award_type_id=p.award_type_id)
    with_quota = set(Quota.objects.filter(quotas).values_list("organizer_id", "year", "award_type_id"))
    groups = {}
    for p in proposals:
        units, keys, organizers = groups.setdefault((p.year, p.award_type_id), (set(), set(), set()))
        if p.unit_id:
            units.add(p.unit_id)
        if p.person_key:
            keys.add(p.person_key)
        if (p.organizer_id, p.year, p.award_type_id) in with_quota:
            organizers.add(p.organizer_id)
    q = Q(pk__in=[])
    for (year, award_type_id), (units, keys, organizers) in groups.items():
        q |= Q(year=year, award_type_id=award_type_id) & (
            Q(unit_id__in=units) | Q(person_key__in=keys) | Q(organizer_id__in=organizers))
    return Proposal.objects.filter(q, status__in=OPEN_STATUSES).exclude(pk__in=[p.pk for p in proposals])


def _refresh_related(proposal):
    proposals_refresh_checks(_related([proposal]).select_related(*REFRESH_RELATED))


@transaction.atomic
def proposals_create_batch(*, bloc_year: BlocYear, user, items: list) -> list:
    """Several drafts at once (an import): each created as ``proposal_create`` does, then the checks of
    the new ones and of every proposal they affect run once each, not once per new proposal."""
    created = [proposal_create(bloc_year=bloc_year, user=user, data=item, refresh=False) for item in items]
    affected = [p.pk for p in created] + list(_related(created).values_list("pk", flat=True))
    proposals_refresh_checks(Proposal.objects.filter(pk__in=affected).select_related(*REFRESH_RELATED))
    return created


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
def proposal_create(*, bloc_year: BlocYear, user, data: dict, refresh: bool = True) -> Proposal:
    """A draft proposal. Side effects: a transition (→ draft), an audit entry, stored check results
    (with ``refresh``; ``proposals_create_batch`` runs them once for a whole batch)."""
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
    if refresh:
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
    files = [a.file for a in proposal.attachments.all()]
    proposal.delete()
    # The files go with their rows, once the rows are gone (never a stored file without its record).
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


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


# --- reads used by the forms and the batch submit -----------------------------------------------

def unit_choices(bloc_year):
    return Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")


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
