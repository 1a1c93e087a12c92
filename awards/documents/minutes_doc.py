"""The minutes (biên bản) of a bloc's meeting, composed from the recorded facts and the secretary's paragraphs."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from awards.choices import ProposalStatus, Subject
from awards.documents.compose import (
    RANKING_KINDS,
    Block,
    Document,
    Signer,
    Table,
    _capitalise,
    _members,
    _number,
    _para,
    _percent,
    _place_of,
    role_labels,
    unit_heading,
    unit_label,
)
from awards.proposals.models import Proposal
from awards.scoring.models import RankEntry
from awards.scoring.selectors import standings, table_of
from awards.templatetags.vn_documents import lines, paragraphs, vn_date_words, vn_time
from awards.votes.models import Vote
from blocs.choices import Attendance, MeetingKind, MemberRole
from blocs.models import BlocMember, BlocYear, Meeting, MeetingAttendance, Pledge


def minutes_meeting(bloc_year):
    """The meeting whose minutes are printed by default: the latest ranking or year-end meeting."""
    return (
        Meeting.objects.filter(bloc_year=bloc_year, kind__in=RANKING_KINDS).order_by("-date", "-pk").first()
        or Meeting.objects.filter(bloc_year=bloc_year).order_by("-date", "-pk").first()
    )


def _self_totals(bloc_year):
    """Each unit's self-scored total when the bloc-year has a criteria table with self scores (else {})."""

    table = table_of(bloc_year)
    if table is None:
        return {}
    _spec, rows = standings(bloc_year, table=table)
    return {r.member.unit_id: r.self_totals.total for r in rows if r.self_totals.scored}


def _vote_rows(votes, threshold):
    rows = []
    for i, vote in enumerate(votes, 1):
        candidate = unit_label(vote.unit) if vote.unit_id else vote.candidate_name
        rows.append({"cells": [
            str(i), _capitalise(candidate), vote.award_type.name if vote.award_type_id else "",
            f"{vote.votes_for}/{vote.base_count}", vote.get_base_display(), _percent(vote.percent),
            "Đạt" if vote.passes(threshold) else "Không đạt",
        ]})
    return rows


def compose_minutes(bloc_year, meeting):
    """The minutes of ``meeting``: the header, then sections I to IV and the two signers."""
    bloc = bloc_year.bloc
    labels = role_labels(bloc)
    members = _members(bloc_year)
    doc = _minutes_document(bloc_year, meeting)
    _time_and_place(doc, meeting, bloc)
    chairs = _participants(doc, meeting, bloc, members, labels)
    _contents(doc, bloc_year, meeting, members, labels)
    _closing(doc, meeting, bloc, len(members))
    leader = next((m for m in members if m.role == MemberRole.LEADER), None)
    doc.signers = [
        Signer(formula=["THƯ KÝ HỘI NGHỊ"], name=_name_only(meeting.secretary)),
        Signer(formula=["CHỦ TRÌ HỘI NGHỊ", f"{labels[MemberRole.LEADER].upper()}" if leader else ""],
               name=_signing_chair(chairs, leader), unit=unit_heading(leader.unit) if leader else ""),
    ]
    return doc


def _minutes_document(bloc_year, meeting):
    """The empty document with the header of the minutes (issuing bloc, number, place, date, summary)."""
    bloc, year = bloc_year.bloc, bloc_year.year
    if meeting.kind == MeetingKind.YEAR_END:
        summary = f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}"
    elif meeting.kind == MeetingKind.RANKING:
        summary = f"Họp bình xét, suy tôn thi đua năm {year} của {bloc.name}"
    elif meeting.kind == MeetingKind.MID_YEAR:
        summary = f"Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} của {bloc.name}"
    else:
        summary = f"Hội nghị phát động thi đua, ký kết giao ước thi đua năm {year} của {bloc.name}"
    return Document(
        slug=f"bien-ban-{year}-{meeting.pk}",
        parent_body=bloc.organizer.name,
        issuing_body=bloc.name,
        number=f"Số: {meeting.number}" if meeting.number else "",
        place=_place_of(bloc) or "",
        date=meeting.date,
        year=meeting.date.year,
        doc_type="Biên bản",
        summary=summary,
    )


def _time_and_place(doc, meeting, bloc):
    """I. When and where the meeting took place."""
    kind_label = meeting.get_kind_display()
    doc.blocks.append(Block("heading", text="I. THỜI GIAN, ĐỊA ĐIỂM"))
    where = f", tại {meeting.place}" if meeting.place else ""
    doc.blocks.append(_para(
        f"Vào lúc {vn_time(meeting.start_time)}, {vn_date_words(meeting.date)}{where}, {bloc.name} tổ chức "
        f"{kind_label[:1].lower()}{kind_label[1:]}."
    ))


def _participants(doc, meeting, bloc, members, labels):
    """II. The chairs, the secretary, the guests and the member units; returns the chairs' lines."""
    blocks = doc.blocks
    blocks.append(Block("heading", text="II. THÀNH PHẦN THAM DỰ"))
    chairs = lines(meeting.chairs)
    if chairs:
        blocks.append(Block("subheading", text="1. Chủ trì hội nghị"))
        blocks.append(Block("list", items=[f"Đồng chí {c}" if not c.lower().startswith(("đồng chí", "ông ", "bà ")) else c for c in chairs]))
    else:
        doc.warnings.append(_("Chưa ghi người chủ trì hội nghị."))
    blocks.append(Block("subheading", text="2. Thư ký hội nghị"))
    if meeting.secretary:
        blocks.append(Block("list", items=[meeting.secretary]))
    else:
        blocks.append(Block("list", items=["………………………………………………"]))
        doc.warnings.append(_("Chưa ghi thư ký hội nghị: bản in để trống để ghi tay."))
    if meeting.guests:
        blocks.append(Block("subheading", text="3. Đại biểu, khách mời"))
        blocks.extend(Block("para", text=p) for p in paragraphs(meeting.guests))
    sub = "4" if meeting.guests else "3"
    blocks.append(Block("subheading", text=f"{sub}. Các đơn vị thành viên"))
    _member_units(doc, meeting, bloc, members, labels)
    return chairs


def _member_units(doc, meeting, bloc, members, labels):
    """Who attended and who was absent (from the roll call), or every member when none was recorded."""
    blocks, n = doc.blocks, len(members)
    attendance = list(
        MeetingAttendance.objects.filter(meeting=meeting).select_related("unit", "unit__province").order_by("unit__sort_key")
    )
    if not attendance:
        blocks.append(_para(f"Đại diện lãnh đạo {n:02d}/{n:02d} đơn vị thành viên của {bloc.name}:"))
        blocks.append(Block("list", items=[
            _capitalise(unit_label(m.unit)) + (f" ({labels[m.role]})" if m.role in labels else "") for m in members
        ]))
        doc.warnings.append(_("Chưa ghi điểm danh từng đơn vị: biên bản liệt kê toàn bộ thành viên."))
        return
    by_unit = {a.unit_id: a for a in attendance}
    present, absent = [], []
    for member in members:
        a = by_unit.get(member.unit_id)
        label = _capitalise(unit_label(member.unit))
        if a is None or a.status == Attendance.ABSENT:
            reason = f" (lý do: {a.absence_reason})" if a is not None and a.absence_reason else ""
            absent.append(f"{label}{reason}" if a is not None else f"{label} (chưa ghi nhận điểm danh)")
            continue
        who = ", ".join(x for x in [a.representative, a.representative_title] if x)
        extra = " – cử người dự thay" if a.status == Attendance.REPRESENTED else ""
        present.append(f"{label}{': ' + who if who else ''}{extra}")
    blocks.append(_para(f"Có mặt: {len(present):02d}/{n:02d} đơn vị thành viên:"))
    blocks.append(Block("list", items=present))
    if absent:
        blocks.append(_para(f"Vắng mặt: {len(absent):02d}/{n:02d} đơn vị:"))
        blocks.append(Block("list", items=absent))
    else:
        blocks.append(_para("Vắng mặt: không."))


class _Items:
    """The numbered items of section III: ``start(title)`` adds the next one's heading."""

    def __init__(self, blocks):
        self.blocks, self.count = blocks, 0

    def start(self, title):
        self.count += 1
        self.blocks.append(Block("subheading", text=f"{self.count}. {title}"))


def _contents(doc, bloc_year, meeting, members, labels):
    """III. The agenda; at a ranking meeting the ranking, the votes, the proposals and next year's
    leader; the pledge signed at the meeting; the conclusions and the secretary's paragraphs."""
    blocks = doc.blocks
    blocks.append(Block("heading", text="III. NỘI DUNG HỘI NGHỊ"))
    items = _Items(blocks)
    if meeting.agenda:
        items.start("Nội dung chương trình")
        blocks.extend(Block("para", text=p) for p in paragraphs(meeting.agenda))
    if meeting.kind in RANKING_KINDS:
        _ranking_results(items, bloc_year, len(members))
        _votes(items, bloc_year, meeting)
        _proposals(items, bloc_year)
        _next_leaders(items, bloc_year, labels)
    _pledge_signed(items, bloc_year.bloc, meeting)
    if meeting.conclusions:
        items.start("Kết luận của hội nghị")
        blocks.extend(Block("para", text=p) for p in paragraphs(meeting.conclusions))
    extra = paragraphs(meeting.extra_paragraphs)
    if extra:
        items.start("Ý kiến và nội dung khác")
        blocks.extend(Block("para", text=p) for p in extra)


def _ranking_results(items, bloc_year, n):
    """The scores and ranks of the year (with the self-scored totals when there are some)."""
    blocks = items.blocks
    entries = list(
        RankEntry.objects.filter(ranking__bloc_year=bloc_year).select_related("unit", "unit__province", "ranking")
        .order_by("rank", "unit__sort_key")
    )
    if not entries:
        return
    items.start(f"Kết quả chấm điểm, xếp hạng thi đua năm {bloc_year.year}")
    ranking = entries[0].ranking
    self_totals = _self_totals(bloc_year)
    if self_totals:
        columns = [("Thứ hạng", 11, True), ("Đơn vị", 39, False), ("Điểm tự chấm", 15, True),
                   ("Điểm thẩm định", 17, True), ("Xếp loại", 18, True)]
        rows = [{"cells": [str(e.rank), _capitalise(unit_label(e.unit)), _number(self_totals.get(e.unit_id)) or "—",
                           _number(e.total) or "—", e.classification or ""]} for e in entries]
    else:
        columns = [("Thứ hạng", 12, True), ("Đơn vị", 48, False), ("Tổng điểm", 18, True), ("Xếp loại", 22, True)]
        rows = [{"cells": [str(e.rank), _capitalise(unit_label(e.unit)), _number(e.total) or "—", e.classification or ""]}
                for e in entries]
    blocks.append(Block("table", table=Table(columns=columns, rows=rows)))
    for e in entries:
        if e.tiebreak_note:
            blocks.append(Block("note", text=f"{_capitalise(unit_label(e.unit))}: {e.tiebreak_note}."))
    if ranking.note:
        blocks.append(Block("note", text=ranking.note))
    if n - len(entries) > 0:
        blocks.append(Block("note", text=f"Kết quả xếp hạng ghi nhận {len(entries):02d}/{n:02d} đơn vị."))


def _votes(items, bloc_year, meeting):
    """How the meeting voted (method, ballots) and each vote's result against the threshold."""
    blocks = items.blocks
    votes = list(
        Vote.objects.filter(bloc_year=bloc_year)
        .filter(Q(meeting=meeting) | Q(meeting__isnull=True))
        .select_related("unit", "unit__province", "award_type")
        .order_by("award_type__order", "-votes_for", "pk")
    )
    if not votes:
        return
    items.start("Bình xét, suy tôn")
    method = meeting.get_vote_method_display() if meeting.vote_method else ""
    text = f"Hình thức biểu quyết: {method.lower()}." if method else ""
    if meeting.ballots_issued is not None:
        text += (f" Số phiếu phát ra: {meeting.ballots_issued:02d}; số phiếu thu về: "
                 f"{(meeting.ballots_returned or 0):02d}; số phiếu hợp lệ: {(meeting.ballots_valid or 0):02d}.")
    if text:
        blocks.append(_para(text.strip()))
    threshold = bloc_year.threshold_percent()
    blocks.append(_para(
        f"Kết quả bỏ phiếu (tỷ lệ tính trên cơ sở đã công bố; ngưỡng đạt: từ {_percent(threshold)} trở lên):"
    ))
    blocks.append(Block("table", table=Table(
        columns=[("STT", 7, True), ("Đơn vị, cá nhân", 26, False), ("Hình thức đề nghị", 24, False),
                 ("Số phiếu đồng ý", 11, True), ("Cơ sở tính tỷ lệ", 14, True), ("Tỷ lệ", 9, True),
                 ("Kết quả", 9, True)],
        rows=_vote_rows(votes, threshold),
    )))
    notes = sorted({getattr(v, "note", "") for v in votes if getattr(v, "note", "")})
    for note in notes:
        blocks.append(Block("note", text=note))


def _proposals(items, bloc_year):
    """The proposals the meeting agreed on (all but the rejected ones)."""
    proposals = list(
        Proposal.objects.filter(bloc_year=bloc_year).exclude(status=ProposalStatus.REJECTED)
        .select_related("unit", "unit__province", "award_type").order_by("award_type__order", "rank", "pk")
    )
    if proposals:
        items.start("Đề nghị khen thưởng")
        items.blocks.append(_para("Hội nghị thống nhất đề nghị khen thưởng như sau:"))
        items.blocks.append(Block("list", items=[_proposal_line(p) for p in proposals]))


def _next_leaders(items, bloc_year, labels):
    """The leader and deputy chosen for next year, when next year's bloc-year records them."""
    bloc, year = bloc_year.bloc, bloc_year.year
    nxt = (
        BlocYear.objects.filter(bloc=bloc, year=year + 1)
        .prefetch_related(Prefetch(
            "members", queryset=BlocMember.objects.filter(role__in=[MemberRole.LEADER, MemberRole.DEPUTY])
            .select_related("unit", "unit__province"), to_attr="leaders",
        ))
        .first()
    )
    if nxt is None or not nxt.leaders:
        return
    items.start(f"Suy tôn {labels[MemberRole.LEADER]}, {labels[MemberRole.DEPUTY]} năm {year + 1}")
    by_role = {m.role: m.unit for m in nxt.leaders}
    parts = []
    if MemberRole.LEADER in by_role:
        parts.append(f"{unit_label(by_role[MemberRole.LEADER])} là {labels[MemberRole.LEADER]}")
    if MemberRole.DEPUTY in by_role:
        parts.append(f"{unit_label(by_role[MemberRole.DEPUTY])} là {labels[MemberRole.DEPUTY]}")
    items.blocks.append(_para(f"Hội nghị thống nhất suy tôn {', '.join(parts)} {bloc.name} năm {year + 1}."))


def _pledge_signed(items, bloc, meeting):
    """The pledge signed at this meeting (next year's, or this year's at a launch)."""
    signed = (
        Pledge.objects.filter(bloc_year__bloc=bloc, signing_date=meeting.date).select_related("bloc_year")
        .order_by("-bloc_year__year").first()
    )
    if signed is not None:
        signers = BlocMember.objects.filter(bloc_year=signed.bloc_year).count()
        items.start(f"Ký kết giao ước thi đua năm {signed.bloc_year.year}")
        items.blocks.append(_para(
            f"Hội nghị đã tổ chức ký kết giao ước thi đua năm {signed.bloc_year.year} giữa {signers:02d} đơn vị "
            f"thành viên {bloc.name}."
        ))


def _closing(doc, meeting, bloc, n):
    """IV. When the meeting ended and how many copies the minutes have (one per member and the office)."""
    if not meeting.end_time:
        doc.warnings.append(_("Chưa ghi giờ kết thúc: bản in để trống để ghi tay."))
    doc.blocks.append(Block("heading", text="IV. KẾT THÚC HỘI NGHỊ"))
    doc.blocks.append(_para(
        f"Hội nghị kết thúc vào lúc {vn_time(meeting.end_time)} cùng ngày. Biên bản đã được thông qua tại hội nghị "
        f"và được lập thành {n + 1:02d} bản, mỗi đơn vị thành viên giữ 01 bản, 01 bản gửi "
        f"{bloc.organizer.office_name or bloc.organizer.name}."
    ))


def _name_only(line):
    """ "Phạm Minh Huấn, Phó Bí thư ..." -> "Phạm Minh Huấn" """
    return (line or "").split(",")[0].strip()


def _signing_chair(chairs, leader):
    """The chair who signs: the one from the leader unit if named, else the first."""
    if not chairs:
        return ""
    if leader is not None:
        name = leader.unit.name.lower()
        for chair in chairs:
            if name in chair.lower() and ("trưởng" in chair.lower() or len(chairs) == 1):
                return _name_only(chair)
        for chair in chairs:
            if name in chair.lower():
                return _name_only(chair)
    return _name_only(chairs[0])


def _proposal_line(p):
    authority = p.award_type.authority
    if p.subject == Subject.COLLECTIVE:
        who = unit_label(p.unit)
    elif p.person_name:
        who = f"ông/bà {p.person_name}" + (f", {p.person_title}" if p.person_title else "") + (
            f", {p.person_unit}" if p.person_unit else "")
    else:
        who = f"{p.headcount:02d} cá nhân"
    rank = f" (xếp thứ {p.rank})" if p.rank else ""
    return f"Đề nghị {authority} tặng {p.award_type.name} cho {who}{rank}."
