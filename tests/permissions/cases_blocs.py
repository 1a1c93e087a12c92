"""Permission cases of the blocs area: blocs, bloc-years, members, pledge, meetings, history, 2025 tool."""

import datetime

from blocs.models import Meeting, Pledge, PledgeCommitment, Unit

from .cases import ROLES, Case

EVERYONE = set(ROLES) - {"anonymous"}
IN_SCOPE_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}
EDITORS_A = {"admin", "secretary_a"}
MANAGERS_A = {"admin", "reviewer_a", "secretary_a"}


def _year(w, **extra):
    return {"bloc_id": w.bloc_a.pk, "year": 2026, **extra}


def _commitment(w):
    pledge, _ = Pledge.objects.get_or_create(bloc_year=w.by_a)
    item = PledgeCommitment.objects.create(pledge=pledge, order=1, text="Nội dung thử")
    return _year(w, kind="noi-dung", item_id=item.pk)


def _meeting(w):
    meeting = Meeting.objects.create(bloc_year=w.by_a, kind="year_end", date=datetime.date(2026, 12, 1))
    return _year(w, meeting_id=meeting.pk)


def _plain_member(w):
    return _year(w, member_id=w.by_a.members.filter(role="member").first().pk)


def _free_unit(w):
    return Unit.objects.filter(kind="province", valid_to__isnull=True).exclude(memberships__year=2026).first()


def _leadership(w):
    members = {m.role: m.unit_id for m in w.by_a.members.exclude(role="member")}
    return {"lead-leader": members["leader"], "lead-deputy": members["deputy"], "lead-leadership_basis": "Biên bản họp"}


CASES = [
    Case("blocs:bloc_list", allowed=EVERYONE),
    Case("blocs:bloc_create", allowed={"admin", "reviewer_a", "reviewer_b"}),
    Case("blocs:bloc_detail", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, allowed=IN_SCOPE_A),
    Case("blocs:bloc_edit", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, allowed=MANAGERS_A),
    Case("awards:bloc_history", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, allowed=IN_SCOPE_A),
    Case("awards:unit_history", kwargs=lambda w: {"unit_id": w.leader_unit_a.pk}, allowed=IN_SCOPE_A),
    Case("blocs:reorganisation", allowed={"admin"}),
    Case("blocs:reorg_unit_search", query="q=a", allowed={"admin"}),
    Case("blocs:unit_search", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, query="year=2026&free=1&q=a", allowed=EDITORS_A),
    Case("blocs:bloc_year_start", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, allowed=EDITORS_A),
    Case("blocs:bloc_year_detail", kwargs=_year, allowed=IN_SCOPE_A),
    Case("blocs:bloc_year_history", kwargs=_year, query="nhom=scores&trang=2", allowed=IN_SCOPE_A),
    Case("blocs:bloc_year_update", kwargs=_year, method="post", allowed=EDITORS_A,
         data={"year-theme": "Đoàn kết, sáng tạo", "year-phase": "setup"}),
    Case("blocs:leadership_edit", kwargs=_year, method="post", allowed=EDITORS_A, data=_leadership),
    Case("blocs:member_add", kwargs=_year, method="post", allowed=EDITORS_A, data=lambda w: {"member-unit": _free_unit(w).pk}),
    Case("blocs:members_import", kwargs=_year, allowed=EDITORS_A),
    Case("blocs:members_export", kwargs=_year, allowed=IN_SCOPE_A),
    Case("blocs:member_remove", kwargs=_plain_member, method="post", allowed=EDITORS_A),
    Case("blocs:pledge_detail", kwargs=_year, allowed=IN_SCOPE_A),
    Case("blocs:pledge_signatories", kwargs=_year, allowed=IN_SCOPE_A),
    Case("blocs:pledge_copy_commitments", kwargs=_year, method="post", allowed=EDITORS_A),
    Case("blocs:pledge_item_add", kwargs=lambda w: _year(w, kind="noi-dung"), method="post", allowed=EDITORS_A,
         data={"noi-dung-text": "Thi đua hoàn thành xuất sắc nhiệm vụ"}),
    Case("blocs:pledge_item_edit", kwargs=_commitment, allowed=EDITORS_A),
    Case("blocs:pledge_item_delete", kwargs=_commitment, method="post", allowed=EDITORS_A),
    Case("blocs:pledge_item_move", kwargs=_commitment, method="post", allowed=EDITORS_A, data={"direction": "up"}),
    Case("blocs:meeting_create", kwargs=_year, allowed=EDITORS_A),
    Case("blocs:meeting_detail", kwargs=_meeting, allowed=IN_SCOPE_A),
    Case("blocs:meeting_delete", kwargs=_meeting, method="post", allowed=EDITORS_A),
]
