"""Permission cases of the proposals area (proposals, votes, review queue, attachments, notifications)."""

from django.core.files.base import ContentFile

from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.models import AwardType, Proposal, ProposalAttachment, Vote

from .cases import ROLES, Case

EVERYONE = set(ROLES) - {"anonymous"}
IN_SCOPE_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}
PREPARERS = {"admin", "secretary_a"}
REVIEWERS = {"admin", "reviewer_a", "reviewer_b"}


def _proposal(world, status=ProposalStatus.DRAFT):
    proposal, _ = Proposal.objects.get_or_create(
        bloc_year=world.by_a, award_type=AwardType.objects.get(code="co-chinh-phu"), subject=Subject.COLLECTIVE,
        unit=world.leader_unit_a, defaults={"status": status},
    )
    return proposal


def _vote(world):
    vote, _ = Vote.objects.get_or_create(bloc_year=world.by_a, unit=world.leader_unit_a, defaults={
        "votes_for": 5, "base_count": 5, "present_count": 5})
    return vote


def _attachment(world):
    proposal = _proposal(world)
    att = proposal.attachments.first()
    if att is None:
        att = ProposalAttachment(proposal=proposal, kind=AttachmentKind.MINUTES, original_name="bien-ban.pdf", size=9)
        att.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return att


def _by(world):
    return {"bloc_id": world.bloc_a.pk, "year": 2026}


def _import_job(world):
    """A finished background import of secretary_a (only its owner may follow it)."""
    from awards.models import ImportJob

    job = ImportJob.objects.create(bloc_year=world.by_a, user=world.users["secretary_a"], original_name="ds.xlsx",
                                   status="done", created_count=3)
    return {**_by(world), "job_id": job.pk}


CASES = [
    Case("awards:review_queue", allowed=REVIEWERS),
    Case("awards:review_export", allowed=REVIEWERS),
    Case("awards:quota_list", allowed=REVIEWERS),
    Case("awards:review_bulk", method="post", allowed=REVIEWERS, data={"action": "return", "reason": "x"}),
    Case("awards:proposal_list", kwargs=_by, allowed=IN_SCOPE_A),
    Case("awards:proposal_from_ranking", kwargs=_by, method="post", allowed=PREPARERS),
    Case("awards:proposal_create", kwargs=_by, allowed=PREPARERS),
    Case("awards:proposal_submit_all", kwargs=_by, method="post", allowed={"admin", "secretary_a", "leader_a"}),
    Case("awards:proposal_import", kwargs=_by, allowed=PREPARERS),
    Case("awards:proposal_import_template", kwargs=_by, allowed=PREPARERS),
    Case("awards:proposal_import_status", kwargs=_import_job, allowed={"secretary_a"}),
    Case("awards:vote_list", kwargs=_by, allowed=IN_SCOPE_A),
    Case("awards:vote_edit", kwargs=lambda w: {"pk": _vote(w).pk}, allowed=PREPARERS),
    Case("awards:proposal_detail", kwargs=lambda w: {"pk": _proposal(w).pk}, allowed=IN_SCOPE_A),
    Case("awards:proposal_edit", kwargs=lambda w: {"pk": _proposal(w).pk}, allowed=PREPARERS),
    Case("awards:proposal_delete", kwargs=lambda w: {"pk": _proposal(w).pk}, method="post", allowed=PREPARERS),
    Case("awards:proposal_submit", kwargs=lambda w: {"pk": _proposal(w).pk}, method="post", allowed={"admin", "secretary_a", "leader_a"}),
    Case("awards:proposal_review", kwargs=lambda w: {"pk": _proposal(w, ProposalStatus.SUBMITTED).pk}, method="post",
         data={"action": "start"}, allowed={"admin", "reviewer_a"}),
    Case("awards:attachment_upload", kwargs=lambda w: {"pk": _proposal(w).pk}, method="post", allowed=PREPARERS),
    Case("awards:attachment_download", kwargs=lambda w: {"pk": _attachment(w).pk}, allowed=IN_SCOPE_A),
    Case("awards:attachment_delete", kwargs=lambda w: {"pk": _attachment(w).pk}, method="post", allowed=PREPARERS),
    Case("awards:notification_list", allowed=EVERYONE),
    Case("awards:notification_read", method="post", allowed=EVERYONE),
    Case("awards:notification_badge", allowed=EVERYONE),
]
