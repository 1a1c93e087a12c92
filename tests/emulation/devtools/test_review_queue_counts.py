"""The review queue counts each proposal's attachments with a correlated subquery (no GROUP BY)."""

from django.core.files.base import ContentFile
from django.urls import reverse

from awards.choices import ProposalStatus, Subject
from awards.models import AwardType, Proposal, ProposalAttachment


def test_queue_shows_the_number_of_attachments_of_each_row(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    award = AwardType.objects.get(code="bk-ttg")
    units = [m.unit for m in world.by_a.members.order_by("pk")[:2]]
    with_files, without = (
        Proposal.objects.create(bloc_year=world.by_a, award_type=award, subject=Subject.COLLECTIVE, unit=u,
                                status=ProposalStatus.SUBMITTED, rank=i + 1)
        for i, u in enumerate(units)
    )
    for name in ("bao-cao.pdf", "bien-ban.pdf", "to-trinh.pdf"):
        ProposalAttachment.objects.create(proposal=with_files, kind="report", file=ContentFile(b"%PDF-1.4", name=name),
                                          original_name=name, size=8)
    response = world.client("reviewer_a").get(reverse("awards:review_queue"), {"nam": 2026})
    assert response.status_code == 200
    rows = {p.pk: p.n_attachments for p in response.context["page"]}
    assert rows == {with_files.pk: 3, without.pk: 0}
    assert "3 tệp" in response.content.decode() and "0 tệp" in response.content.decode()
