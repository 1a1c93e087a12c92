"""The submission (tờ trình) of a bloc-year with its list of proposals, composed from the recorded facts."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.choices import ProposalStatus, Subject
from awards.documents.compose import (
    NBSP,
    Block,
    Document,
    Signer,
    Table,
    _capitalise,
    _formula_lines,
    _members,
    _para,
    _percent,
    _place_of,
    legal_bases_on,
    role_labels,
    unit_heading,
    unit_label,
)
from awards.documents.minutes_doc import minutes_meeting
from awards.proposals.models import Proposal
from awards.templatetags.vn_documents import vn_date_words
from blocs.choices import MemberRole


def submission_proposals(bloc_year):
    return list(
        Proposal.objects.filter(bloc_year=bloc_year)
        .exclude(status__in=[ProposalStatus.REJECTED])
        .select_related("unit", "unit__province", "award_type", "vote")
        .order_by("award_type__order", "subject", "rank", "pk")
    )


SIGNING_AUTHORITIES = [
    ("", "Ký trực tiếp"),
    ("TM.", "TM. (thay mặt tập thể)"),
    ("KT.", "KT. (ký thay người đứng đầu)"),
    ("Q.", "Q. (quyền)"),
    ("TL.", "TL. (thừa lệnh)"),
    ("TUQ.", "TUQ. (thừa ủy quyền)"),
]


def signing_formula(authority, on_behalf_of, title):
    """The signing lines of Decree 30/2020: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"."""
    lines = []
    if authority:
        lines.append(f"{authority} {on_behalf_of}".strip().upper())
    if title:
        lines.append(title.strip().upper())
    return lines


def compose_submission(bloc_year, day=None, *, number="", signing=None):
    """The submission; ``number`` (the sequence) and ``signing`` (formula lines, signer name) come from the
    print form, else the number is left blank and the leader unit's recorded formula is used."""
    bloc = bloc_year.bloc
    labels = role_labels(bloc)
    members = _members(bloc_year)
    leader = next((m for m in members if m.role == MemberRole.LEADER), None)
    proposals = submission_proposals(bloc_year)
    meeting = minutes_meeting(bloc_year)
    day = day or _submission_day(proposals, meeting)
    doc = _submission_document(bloc_year, leader, day, number)
    if leader is None:
        doc.warnings.append(_("Năm %(year)s chưa có đơn vị %(role)s: tờ trình không có cơ quan trình.")
                            % {"year": bloc_year.year, "role": labels[MemberRole.LEADER].lower()})
    if not proposals:
        doc.warnings.append(_("Năm này chưa có đề nghị khen thưởng nào."))
    leader_name = _capitalise(unit_label(leader.unit)) if leader else bloc.name
    _grounds(doc, bloc_year, meeting, day, leader_name, labels)
    _vote_results(doc, bloc, members, proposals)
    _requests(doc, bloc.organizer, proposals)
    doc.recipients = ["Như trên;"] + [f"{_capitalise(unit_label(m.unit))};" for m in members if m != leader] + ["Lưu: VT."]
    formula = _formula_lines(leader.unit.signing_formula) if leader else []
    doc.signers = [Signer(formula=formula or ([leader.unit.head_title.upper()] if leader and leader.unit.head_title else []),
                          name="")]
    if signing:
        doc.signers = [Signer(formula=signing.get("formula") or doc.signers[0].formula, name=signing.get("name", ""))]
    _attached_list(doc, bloc_year, proposals, number, day, leader_name if leader else bloc.name)
    return doc


def _submission_day(proposals, meeting):
    """The default date: the last submission of a proposal, else the ranking meeting's (else None)."""
    submitted = [p.submitted_at for p in proposals if p.submitted_at]
    if submitted:
        return timezone.localtime(max(submitted)).date()
    return meeting.date if meeting is not None else None


def _submission_document(bloc_year, leader, day, number):
    """The empty document with the header of the submission: the leader unit submits to the organiser."""
    bloc, organizer, year = bloc_year.bloc, bloc_year.bloc.organizer, bloc_year.year
    code = bloc.code or "CTĐ"
    return Document(
        slug=f"to-trinh-{year}",
        parent_body=bloc.name,
        issuing_body=unit_heading(leader.unit) if leader else bloc.name,
        number=f"Số: {number}/TTr-{code}" if number else f"Số:{NBSP * 8}/TTr-{code}",
        place=(leader.unit.province.name if leader and leader.unit.province_id else _place_of(bloc)),
        date=day,
        year=day.year if day else year + 1,
        doc_type="Tờ trình",
        summary=f"Về việc đề nghị khen thưởng thành tích thi đua năm {year} của {bloc.name}",
        addressee=[organizer.name] + ([organizer.office_name] if organizer.office_name else []),
    )


def _grounds(doc, bloc_year, meeting, day, leader_name, labels):
    """The legal bases in force, the minutes of the meeting, and who submits to whom."""
    bloc, year = bloc_year.bloc, bloc_year.year
    for b in legal_bases_on(day or datetime.date(year + 1, 1, 1)):
        doc.blocks.append(_para(f"Căn cứ {b.title};"))
    if meeting is not None:
        doc.blocks.append(_para(
            f"Căn cứ Biên bản {meeting.get_kind_display()[:1].lower()}{meeting.get_kind_display()[1:]} của {bloc.name} "
            f"{vn_date_words(meeting.date)};"
        ))
    doc.blocks.append(_para(
        f"{leader_name}, đơn vị {labels[MemberRole.LEADER]} {bloc.name} năm {year}, kính trình "
        f"{bloc.organizer.name} xem xét, đề nghị khen thưởng như sau:"
    ))


def _vote_results(doc, bloc, members, proposals):
    """I. The members and each proposal's vote result."""
    doc.blocks.append(Block("heading", text="I. KẾT QUẢ BÌNH XÉT, SUY TÔN"))
    doc.blocks.append(_para(
        f"{_capitalise(bloc.name)} gồm {len(members):02d} đơn vị thành viên: "
        + ", ".join(unit_label(m.unit) for m in members) + "."
    ))
    for p in proposals:
        if p.vote_id:
            v = p.vote
            doc.blocks.append(_para(
                f"{_capitalise(p.nominee if p.subject == Subject.INDIVIDUAL else unit_label(p.unit))}: "
                f"{v.votes_for}/{v.base_count} phiếu đồng ý ({_percent(v.percent)} {v.get_base_display().lower()})"
                f" đề nghị tặng {p.award_type.name}."
            ))


def _requests(doc, organizer, proposals):
    """II. One line per award: how many collectives and individuals are proposed for it."""
    doc.blocks.append(Block("heading", text="II. ĐỀ NGHỊ KHEN THƯỞNG"))
    by_award = {}
    for p in proposals:
        by_award.setdefault(p.award_type, []).append(p)
    items = []
    for award, group in by_award.items():
        n_coll = sum(1 for p in group if p.subject == Subject.COLLECTIVE)
        n_ind = sum(p.headcount for p in group if p.subject == Subject.INDIVIDUAL)
        parts = []
        if n_coll:
            parts.append(f"{n_coll:02d} tập thể")
        if n_ind:
            parts.append(f"{n_ind:02d} cá nhân")
        items.append(f"Đề nghị {award.authority} tặng {award.name} cho {' và '.join(parts)};")
    if items:
        doc.blocks.append(Block("list", items=items))
        doc.blocks.append(_para("(Có danh sách kèm theo)", ))
    doc.blocks.append(_para(f"Kính trình {organizer.name} xem xét, quyết định./."))


def _attached_list(doc, bloc_year, proposals, number, day, submitter):
    """The attached list of nominees, collectives then individuals: landscape when individuals add
    their columns."""
    bloc, year, code = bloc_year.bloc, bloc_year.year, bloc_year.bloc.code or "CTĐ"
    collective = [p for p in proposals if p.subject == Subject.COLLECTIVE]
    individual = [p for p in proposals if p.subject == Subject.INDIVIDUAL]
    wide = bool(individual)
    columns = [("STT", 6, True), ("Tên tập thể / Họ và tên, chức vụ, đơn vị công tác", 34 if wide else 40, False)]
    if wide:
        columns += [("Giới tính", 8, True), ("Năm sinh", 8, True)]
    columns += [("Thành tích", 22 if wide else 26, False), ("Hình thức đề nghị", 14 if wide else 18, False),
                ("Ghi chú", 8 if wide else 10, False)]
    rows = []
    for label, group in (("I. TẬP THỂ", collective), ("II. CÁ NHÂN", individual)):
        if not group:
            continue
        rows.append({"group": True, "cells": [label]})
        for i, p in enumerate(group, 1):
            if p.subject == Subject.COLLECTIVE:
                who = _capitalise(unit_label(p.unit))
            else:
                who = ", ".join(x for x in [p.person_name or p.nominee, p.person_title, p.person_unit] if x)
            cells = [str(i), who]
            if wide:
                gender = p.get_person_gender_display() if p.person_gender else ""
                cells += [gender, str(p.person_birth_year or "")]
            achievement = p.justification or (f"Xếp thứ {p.rank} {bloc.name} năm {year}" if p.rank else "")
            note = f"{p.headcount} cá nhân" if p.subject == Subject.INDIVIDUAL and p.headcount > 1 else ""
            cells += [achievement, p.award_type.name, note]
            rows.append({"cells": cells})
    if rows:
        doc.attachment = {
            "title": f"Danh sách đề nghị khen thưởng năm {year}",
            "subtitle": f"(Kèm theo Tờ trình số {number or NBSP * 6}/TTr-{code} {vn_date_words(day, doc.year)} của {submitter})",
            "landscape": wide,
            "table": Table(columns=columns, rows=rows),
        }
