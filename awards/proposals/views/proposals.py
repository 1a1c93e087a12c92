"""Proposals of a bloc-year: list, one-click from the ranking, one by one, Excel import, detail with
checks, evidence and timeline, the workflow actions and attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.catalog.models import AwardType, LegalBasis
from awards.choices import ProposalStatus, Subject
from awards.proposals import attachments, import_jobs, imports, selectors, services
from awards.proposals import checks as proposal_checks
from awards.proposals.forms import (
    AttachmentForm,
    DecisionForm,
    ImportForm,
    ProposalForm,
    ReasonForm,
    SubmitForm,
)
from awards.proposals.models import Proposal, ProposalAttachment
from awards.proposals.views.helpers import report_bulk, run_service, save_form, show_errors, show_form_errors
from awards.scoring.models import RankEntry
from blocs.models import Bloc
from blocs.years.lookups import get_bloc_year_for_user
from emulation.lib.downloads import XLSX, download


def _get_proposal(request, pk, perm=None):
    proposal = get_object_or_404(
        Proposal.objects.filter(bloc_year__bloc__in=Bloc.objects.visible_to(request.user)).select_related(
            "bloc_year__bloc__organizer", "award_type", "unit__successor", "vote__unit", "vote__meeting", "organizer", "created_by"),
        pk=pk,
    )
    if perm and not request.user.has_perm(perm, proposal):
        raise PermissionDenied
    return proposal


def _award_subjects():
    """{award type id: subject or ""} for the form's script (it hides awards the subject cannot get)."""
    return {str(pk): subject for pk, subject in AwardType.objects.values_list("pk", "subject")}


@login_required
def proposal_list(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    flag_code, cert_code = services.certificate_for(bloc_year)
    rule_day = proposal_checks.rule_date(bloc_year.year)
    return render(request, "awards/proposal_list.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, **selectors.bloc_year_proposals(bloc_year),
        "can_prepare": request.user.has_perm("awards.prepare_proposal", bloc_year),
        "can_vote": request.user.has_perm("awards.record_vote", bloc_year),
        "can_submit": request.user.has_perm("awards.submit_proposal", bloc_year),
        "submit_form": SubmitForm(),
        "flag_code": flag_code, "cert_code": cert_code,
        "rule_day": rule_day,
        "legal_bases": LegalBasis.objects.valid_on(rule_day),  # ordered by date and number (Meta.ordering)
    })


@login_required
@require_POST
def proposal_from_ranking(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.prepare_proposal")
    run_service(request, services.proposals_from_ranking, lambda created: _("Đã tạo %(n)s đề nghị theo kết quả xếp hạng: %(list)s.") % {
        "n": len(created), "list": "; ".join(f"{p.nominee} – {p.award_type.name}" for p in created)}, bloc_year=bloc_year)
    return redirect("awards:proposal_list", bloc_id=bloc_id, year=year)


@login_required
@require_POST
def proposal_submit_all(request, bloc_id, year):
    """The leader (or secretary) sends every draft and returned proposal of the bloc-year at once."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.submit_proposal")
    form = SubmitForm(request.POST)
    form.is_valid()
    done, errors = services.proposals_submit_all(bloc_year=bloc_year, user=request.user,
                                                 override_reason=form.cleaned_data.get("override_reason", ""))
    if not report_bulk(request, done, errors, _("Đã gửi %(n)s đề nghị.")):
        messages.info(request, _("Không có đề nghị dự thảo hoặc bị trả lại để gửi."))
    return redirect("awards:proposal_list", bloc_id=bloc_id, year=year)


@login_required
def proposal_create(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.prepare_proposal")
    initial = {"subject": request.GET.get("doi_tuong") or Subject.COLLECTIVE}
    form = ProposalForm(request.POST or None, bloc_year=bloc_year, initial=initial)
    created, proposal = save_form(request, form, services.proposal_create, bloc_year=bloc_year)
    if created:
        messages.success(request, _("Đã tạo đề nghị %(p)s.") % {"p": proposal})
        return redirect("awards:proposal_detail", pk=proposal.pk)
    return render(request, "awards/proposal_form.html", {"bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form,
                                                         "award_subjects": _award_subjects()})


@login_required
def proposal_edit(request, pk):
    proposal = _get_proposal(request, pk, "awards.prepare_proposal")
    if not proposal.is_editable:
        messages.error(request, _("Đề nghị đang ở trạng thái “%(s)s”, không thể sửa.") % {"s": proposal.get_status_display()})
        return redirect("awards:proposal_detail", pk=pk)
    form = ProposalForm(request.POST or None, instance=proposal, bloc_year=proposal.bloc_year)
    if save_form(request, form, services.proposal_update, refresh=proposal, proposal=proposal)[0]:
        messages.success(request, _("Đã lưu đề nghị."))
        return redirect("awards:proposal_detail", pk=pk)
    return render(request, "awards/proposal_form.html", {
        "bloc": proposal.bloc_year.bloc, "bloc_year": proposal.bloc_year, "form": form, "proposal": proposal,
        "award_subjects": _award_subjects()})


@login_required
@require_POST
def proposal_delete(request, pk):
    proposal = _get_proposal(request, pk, "awards.prepare_proposal")
    by = proposal.bloc_year
    if not run_service(request, services.proposal_delete, _("Đã xóa đề nghị dự thảo."), proposal=proposal):
        return redirect("awards:proposal_detail", pk=pk)
    return redirect("awards:proposal_list", bloc_id=by.bloc_id, year=by.year)


@login_required
def proposal_detail(request, pk):
    proposal = _get_proposal(request, pk)
    user = request.user
    member_count = proposal.bloc_year.members.count()
    results = proposal_checks.run_checks(proposal, member_count=member_count) if proposal.is_editable else None
    checks = [r.as_dict() for r in results] if results is not None else proposal.checks
    entries = list(RankEntry.objects.filter(ranking__bloc_year=proposal.bloc_year).select_related("unit", "ranking").order_by("rank", "unit__sort_key")[:10])
    return render(request, "awards/proposal_detail.html", {
        "proposal": proposal, "bloc": proposal.bloc_year.bloc, "bloc_year": proposal.bloc_year,
        "checks": checks,
        "has_blocking": any(not c["ok"] and c["level"] == "legal" for c in checks),
        "has_warning": any(not c["ok"] and c["level"] == "convention" for c in checks),
        "entries": entries,
        "transitions": proposal.transitions.select_related("by"),
        "history": selectors.proposal_history(proposal),
        "attachments": proposal.attachments.all(),
        "member_count": member_count,
        "can_prepare": user.has_perm("awards.prepare_proposal", proposal) and proposal.is_editable,
        "can_submit": user.has_perm("awards.submit_proposal", proposal) and proposal.is_editable,
        "can_review": user.has_perm("awards.review_proposal", proposal) and proposal.status in ProposalStatus.awaiting_review(),
        "submit_form": SubmitForm(), "reason_form": ReasonForm(), "decision_form": DecisionForm(),
        "attachment_form": AttachmentForm(),
    })


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = _get_proposal(request, pk, "awards.submit_proposal")
    form = SubmitForm(request.POST)
    form.is_valid()
    run_service(request, services.proposal_submit, lambda sent: _("Đã gửi đề nghị đến %(office)s.") % {
        "office": proposal.bloc_year.bloc.organizer.office_name or _("Ban Thi đua - Khen thưởng")},
        proposal=proposal, override_reason=form.cleaned_data.get("override_reason", ""))
    return redirect("awards:proposal_detail", pk=pk)


@login_required
@require_POST
def proposal_review(request, pk):
    """The office's actions on one proposal: start review, approve, return, reject."""
    proposal = _get_proposal(request, pk, "awards.review_proposal")
    action = request.POST.get("action")
    try:
        if action == "start":
            services.proposal_start_review(proposal=proposal, user=request.user)
            messages.success(request, _("Đề nghị đang được thẩm định."))
        elif action == "approve":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Nhập số và ngày quyết định khen thưởng."), code="decision_required")
            services.proposal_approve(proposal=proposal, user=request.user, **form.cleaned_data)
            messages.success(request, _("Đã duyệt đề nghị."))
        elif action in ("return", "reject"):
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Nhập lý do."), code="reason_required")
            service = services.proposal_return if action == "return" else services.proposal_reject
            service(proposal=proposal, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Đã trả lại đề nghị.") if action == "return" else _("Đã ghi nhận không duyệt đề nghị."))
        else:
            raise ValidationError(_("Thao tác không hợp lệ."), code="bad_action")
    except ValidationError as e:
        show_errors(request, e)
    return redirect("awards:proposal_detail", pk=pk)


@login_required
@require_POST
def attachment_upload(request, pk):
    proposal = _get_proposal(request, pk, "awards.prepare_proposal")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("awards:proposal_detail", pk=pk)
    run_service(request, attachments.attachment_add, lambda att: _("Đã đính kèm “%(n)s”.") % {"n": att.original_name},
                proposal=proposal, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
    return redirect("awards:proposal_detail", pk=pk)


def _get_attachment(request, pk, perm=None):
    attachment = get_object_or_404(
        ProposalAttachment.objects.filter(proposal__bloc_year__bloc__in=Bloc.objects.visible_to(request.user)).select_related(
            "proposal__bloc_year__bloc"), pk=pk)
    if perm and not request.user.has_perm(perm, attachment.proposal):
        raise PermissionDenied
    return attachment


@login_required
def attachment_download(request, pk):
    attachment = _get_attachment(request, pk)
    try:
        stored, content_type = attachments.opened_for_download(attachment)
    except ValidationError as e:
        raise Http404(e.messages[0]) from None
    return FileResponse(stored, as_attachment=True, filename=attachment.original_name, content_type=content_type)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = _get_attachment(request, pk, "awards.prepare_proposal")
    proposal_pk = attachment.proposal_id
    run_service(request, attachments.attachment_delete, _("Đã xóa tài liệu."), attachment=attachment)
    return redirect("awards:proposal_detail", pk=proposal_pk)


@login_required
def proposal_import(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.prepare_proposal")
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if import_jobs.runs_in_background(upload):
                job = import_jobs.individuals_import_start(bloc_year=bloc_year, user=request.user, upload=upload)
                return redirect("awards:proposal_import_status", bloc_id=bloc_id, year=year, job_id=job.pk)
            created = imports.individuals_import(bloc_year=bloc_year, user=request.user, upload=upload)
        except ValidationError as e:
            row_errors = e.messages
        else:
            messages.success(request, _("Đã nhập %(n)s cá nhân được đề nghị.") % {"n": len(created)})
            return redirect("awards:proposal_list", bloc_id=bloc_id, year=year)
    return render(request, "awards/proposal_import.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "form": form, "row_errors": row_errors,
        "columns": imports.IMPORT_COLUMNS,
        "recent_jobs": import_jobs.recent_import_jobs(bloc_year=bloc_year, user=request.user),
    })


@login_required
def proposal_import_status(request, bloc_id, year, job_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, "awards.prepare_proposal")
    job = import_jobs.import_job_for(bloc_year=bloc_year, user=request.user, job_id=job_id)
    if job is None:
        raise Http404
    template = "awards/_import_progress.html" if request.htmx else "awards/proposal_import_status.html"
    return render(request, template, {"bloc": bloc_year.bloc, "bloc_year": bloc_year, "job": job})


@login_required
def proposal_import_template(request, bloc_id, year):
    get_bloc_year_for_user(request, bloc_id, year, "awards.prepare_proposal")
    return download(imports.import_template(), "mau-de-nghi-ca-nhan.xlsx", XLSX)
