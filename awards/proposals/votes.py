"""Vote results of a bloc-year: checked against their base and recorded (audited)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from awards.choices import ProposalStatus
from awards.proposals.models import Proposal
from awards.proposals.services import REFRESH_RELATED, _clean_text, proposals_refresh_checks
from awards.votes.models import Vote
from blocs.audit.services import diff, record
from blocs.models import BlocYear

VOTE_FIELDS = ["unit", "candidate_name", "award_type", "votes_for", "base", "base_count", "present_count", "meeting", "note"]


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
    proposals_refresh_checks(vote.proposals.select_related(*REFRESH_RELATED))
    return vote
