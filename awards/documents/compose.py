"""The official documents of a bloc-year, composed from the recorded facts.

Each ``compose_*`` function returns a :class:`Document`: a header in the Decree 30/2020 layout, a
list of blocks (headings, paragraphs, lists, tables), the signatures and an optional attached list.
The same structure is printed to PDF (``templates/pdf/document.html``) and to .docx
(``blocs.documents_docx``), so nothing is typed twice and both outputs say the same thing.

Facts come from the models; a fact that is not recorded is left out (or left blank to be written by
hand on the printed draft), never invented.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalog.models import LegalBasis
from awards.choices import ProposalStatus, Subject
from awards.proposals.models import Proposal
from awards.scoring.models import RankEntry
from awards.scoring.selectors import standings, table_of
from awards.templatetags.vn_documents import lines, paragraphs, vn_date_words, vn_time
from awards.votes.models import Vote
from blocs.choices import Attendance, BlocKind, MeetingKind, MemberRole, ProvinceKind, UnitKind
from blocs.models import BlocMember, BlocYear, Meeting, MeetingAttendance, Pledge, PledgeSignatory

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
RANKING_KINDS = {MeetingKind.YEAR_END, MeetingKind.RANKING}
NBSP = "\u00a0"


# --- the structure ------------------------------------------------------------------------------

@dataclass
class Signer:
    formula: list = field(default_factory=list)  # upper-case lines: "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    name: str = ""
    unit: str = ""  # the unit's heading (pledge grid)
    role: str = ""  # "Cụm trưởng", "Cụm phó" (pledge grid)


@dataclass
class Table:
    columns: list  # [(label, width in %, centred)]
    rows: list  # [{"cells": [...], "group": bool}]

    @property
    def body(self):
        """Rows ready to print: group rows span the table; cells carry their column's alignment."""
        out = []
        for row in self.rows:
            if row.get("group"):
                out.append({"group": True, "text": row["cells"][0]})
            else:
                out.append({"group": False, "cells": [(c, col[2]) for c, col in zip(row["cells"], self.columns, strict=False)]})
        return out


@dataclass
class Block:
    kind: str  # "heading" | "subheading" | "para" | "plain" | "list" | "numbered" | "table" | "note"
    text: str = ""
    items: list = field(default_factory=list)
    table: Table | None = None


@dataclass
class Document:
    slug: str  # file name stem
    parent_body: str
    issuing_body: str
    number: str
    place: str
    date: datetime.date | None
    year: int
    doc_type: str
    summary: str = ""
    addressee: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    signers: list = field(default_factory=list)  # side by side at the end (left one, right one)
    grid_title: str = ""
    grid: list = field(default_factory=list)  # rows of Signer (pledge)
    grid_columns: int = 0
    attachment: dict | None = None  # {"title", "subtitle", "landscape", "table"}
    warnings: list = field(default_factory=list)  # facts missing, shown on screen, not printed

    @property
    def date_line(self):
        return f"{self.place or ''}{', ' if self.place else ''}{vn_date_words(self.date, self.year)}"

    @property
    def quoc_hieu(self):
        return QUOC_HIEU

    @property
    def tieu_ngu(self):
        return TIEU_NGU


def _para(text):
    return Block("para", text=text)


# --- names --------------------------------------------------------------------------------------

def unit_label(unit):
    """A unit as named in running text: "tỉnh Phú Thọ", "thành phố Hà Nội", "Sở Xây dựng"."""
    if unit.kind == UnitKind.PROVINCE and unit.province_id:
        name = unit.name
        if name.lower().startswith(("tỉnh ", "thành phố ")):
            return name
        prefix = "thành phố" if unit.province.kind == ProvinceKind.CITY else "tỉnh"
        return f"{prefix} {name}"
    return unit.name


def unit_heading(unit):
    """A unit as the issuing or signing body (upper-cased by the stylesheet): "UBND tỉnh Phú Thọ"."""
    if unit.kind == UnitKind.PROVINCE and unit.province_id:
        return f"UBND {unit_label(unit)}"
    return unit.name


def _capitalise(text):
    return text[:1].upper() + text[1:] if text else text


def role_labels(bloc):
    if bloc.kind == BlocKind.CLUSTER:
        return {MemberRole.LEADER: "Cụm trưởng", MemberRole.DEPUTY: "Cụm phó"}
    return {MemberRole.LEADER: "Trưởng khối", MemberRole.DEPUTY: "Phó trưởng khối"}


def _formula_lines(text):
    return [line.strip().upper() for line in (text or "").splitlines() if line.strip()]


def _percent(value):
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _number(value):
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def legal_bases_on(day):
    """The confirmed laws and decrees in force on ``day`` (the law first)."""
    bases = [b for b in LegalBasis.objects.filter(confirmed=True) if b.in_force_on(day)]
    return sorted(bases, key=lambda b: (0 if "QH" in b.code or b.code.startswith("TĐKT") else 1, b.code))


def _members(bloc_year):
    return list(
        BlocMember.objects.filter(bloc_year=bloc_year).select_related("unit", "unit__province").in_display_order()
    )


def load_bloc_year(bloc_id, year):
    return BlocYear.objects.select_related("bloc", "bloc__organizer", "bloc__province").get(bloc_id=bloc_id, year=year)


def _place_of(bloc):
    return bloc.province.name if bloc.province_id else ""


# --- the pledge ---------------------------------------------------------------------------------

DEFAULT_GOALS = (
    "Đẩy mạnh phong trào thi đua yêu nước, động viên cán bộ, công chức, viên chức, người lao động và "
    "nhân dân thi đua hoàn thành xuất sắc các mục tiêu, nhiệm vụ năm {year}; tăng cường đoàn kết, trao đổi "
    "kinh nghiệm giữa các đơn vị thành viên của {bloc}."
)
DEFAULT_COMMITMENTS = [
    "Thi đua hoàn thành toàn diện các chỉ tiêu, nhiệm vụ chính trị, chuyên môn được giao năm {year}.",
    "Tích cực hưởng ứng và tổ chức thực hiện các phong trào thi đua do Trung ương, cơ quan tổ chức khối, cụm "
    "và {bloc} phát động.",
    "Làm tốt công tác xây dựng Đảng, đoàn thể; giữ nghiêm kỷ luật, kỷ cương; thực hành tiết kiệm, chống lãng phí, "
    "phòng, chống tham nhũng, tiêu cực.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số, nâng cao mức độ hài lòng của người dân, tổ chức, doanh nghiệp.",
    "Thực hiện tốt công tác thi đua, khen thưởng: đăng ký thi đua, báo cáo đúng hạn; phát hiện, bồi dưỡng, "
    "nhân rộng điển hình tiên tiến.",
    "Tích cực tham gia các hoạt động xã hội, từ thiện, đền ơn đáp nghĩa.",
]
DEFAULT_IMPLEMENTATION = (
    "Các đơn vị thành viên tổ chức quán triệt, triển khai thực hiện nội dung giao ước. {leader_role} chủ trì, "
    "phối hợp với {deputy_role} theo dõi, đôn đốc, tổ chức sơ kết, tổng kết; chấm điểm, xếp hạng theo bảng tiêu chí "
    "của {bloc} và bình xét, suy tôn vào cuối năm."
)


def _pledge_signers(bloc_year, members, pledge, labels):
    signatories = {s.unit_id: s for s in pledge.signatories.all()} if pledge else {}
    signers = []
    for member in members:
        unit = member.unit
        sig = signatories.get(unit.pk)
        formula = _formula_lines(sig.signing_formula if sig and sig.signing_formula else unit.signing_formula)
        if not formula:
            formula = _formula_lines(sig.signer_title if sig and sig.signer_title else unit.head_title)
        signers.append(Signer(
            formula=formula,
            name=sig.signer_name if sig else "",
            unit=unit_heading(unit),
            role=labels.get(member.role, ""),
        ))
    return signers


def _has_pledge(bloc_year):
    try:
        return bloc_year.pledge is not None
    except Pledge.DoesNotExist:
        return False


def grid_columns_for(count):
    """Signatures per row: 2 for a small bloc, 3 from five members."""
    return 2 if count <= 4 else 3


def pledge_bloc_years(queryset):
    """Bloc-years with everything their pledges print, in a fixed number of queries (batch print)."""
    return queryset.select_related("bloc", "bloc__organizer", "bloc__province").prefetch_related(
        Prefetch("members", queryset=BlocMember.objects.select_related("unit", "unit__province").in_display_order(),
                 to_attr="doc_members"),
        Prefetch("pledge__bases"), Prefetch("pledge__commitments"), Prefetch("pledge__signatories"),
    )


def compose_pledge(bloc_year, *, legal_bases=None):
    """The pledge of ``bloc_year``. ``legal_bases``: a dict shared by a batch (day -> bases)."""
    bloc = bloc_year.bloc
    prefetched = hasattr(bloc_year, "doc_members")
    if prefetched:
        pledge = getattr(bloc_year, "pledge", None) if _has_pledge(bloc_year) else None
        members = bloc_year.doc_members
    else:
        pledge = (
            Pledge.objects.filter(bloc_year=bloc_year)
            .prefetch_related("bases", "commitments", Prefetch("signatories", queryset=PledgeSignatory.objects.all()))
            .first()
        )
        members = _members(bloc_year)
    labels = role_labels(bloc)
    year = bloc_year.year
    day = pledge.signing_date if pledge else None
    doc = Document(
        slug=f"giao-uoc-{year}",
        parent_body=bloc.organizer.name,
        issuing_body=bloc.name,
        number=f"Số: {pledge.number}" if pledge and pledge.number else "",
        place=(pledge.signing_place if pledge and pledge.signing_place else _place_of(bloc)),
        date=day,
        year=year,
        doc_type=(pledge.title if pledge and pledge.title else f"Bản giao ước thi đua năm {year}"),
        summary=f"Giữa các đơn vị thành viên {bloc.name}",
    )
    if pledge is None:
        doc.warnings.append(_("Chưa có bản giao ước thi đua của năm này: bản in dùng nội dung mẫu, chưa có ngày ký."))
    elif not day:
        doc.warnings.append(_("Chưa nhập ngày ký: bản in để trống ngày để ghi tay."))
    bases = [b.text for b in pledge.bases.all()] if pledge else []
    if not bases:
        ref_day = day or datetime.date(year, 1, 1)
        cache = legal_bases if legal_bases is not None else {}
        if ref_day not in cache:
            cache[ref_day] = legal_bases_on(ref_day)
        bases = [f"Căn cứ {b.title};" for b in cache[ref_day]]
    if bloc_year.leadership_basis:
        bases.append(f"Căn cứ {bloc_year.leadership_basis[:1].lower()}{bloc_year.leadership_basis[1:]};")
    for text in bases:
        doc.blocks.append(Block("para", text=text))
    fill = {"year": year, "bloc": bloc.name, "leader_role": labels[MemberRole.LEADER],
            "deputy_role": labels[MemberRole.DEPUTY].lower()}
    parties = []
    for member in members:
        role = labels.get(member.role)
        parties.append(f"{_capitalise(unit_label(member.unit))}{f' ({role})' if role else ''}")
    doc.blocks.append(_para(
        f"Các đơn vị thành viên {bloc.name} năm {year} ({len(members):02d} đơn vị) thống nhất ký kết giao ước thi đua "
        "với những nội dung sau:"
    ))
    doc.blocks.append(Block("list", items=parties))
    doc.blocks.append(Block("heading", text="I. MỤC TIÊU"))
    goals = pledge.goals if pledge and pledge.goals else DEFAULT_GOALS.format(**fill)
    doc.blocks.extend(Block("para", text=p) for p in _split_paragraphs(goals))
    doc.blocks.append(Block("heading", text="II. NỘI DUNG GIAO ƯỚC"))
    commitments = [c.text for c in pledge.commitments.all()] if pledge else []
    if not commitments:
        commitments = [c.format(**fill) for c in DEFAULT_COMMITMENTS]
    doc.blocks.append(Block("numbered", items=commitments))
    doc.blocks.append(Block("heading", text="III. TỔ CHỨC THỰC HIỆN"))
    implementation = pledge.implementation if pledge and pledge.implementation else DEFAULT_IMPLEMENTATION.format(**fill)
    doc.blocks.extend(Block("para", text=p) for p in _split_paragraphs(implementation))
    doc.blocks.append(_para(
        f"Bản giao ước được lập thành {len(members) + 1:02d} bản có giá trị như nhau, mỗi đơn vị thành viên giữ 01 bản, "
        f"01 bản gửi {bloc.organizer.office_name or bloc.organizer.name}."
    ))
    signers = _pledge_signers(bloc_year, members, pledge, labels)
    cols = grid_columns_for(len(signers))
    doc.grid_title = "Đại diện các đơn vị thành viên ký giao ước"
    doc.grid_columns = cols
    doc.grid = [signers[i:i + cols] for i in range(0, len(signers), cols)]
    if not members:
        doc.warnings.append(_("Năm này chưa có đơn vị thành viên."))
    return doc


def _split_paragraphs(text):
    return paragraphs(text)


# --- the minutes --------------------------------------------------------------------------------

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
    bloc = bloc_year.bloc
    labels = role_labels(bloc)
    members = _members(bloc_year)
    year = bloc_year.year
    kind_label = meeting.get_kind_display()
    is_ranking = meeting.kind in RANKING_KINDS
    if meeting.kind == MeetingKind.YEAR_END:
        summary = f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}"
    elif meeting.kind == MeetingKind.RANKING:
        summary = f"Họp bình xét, suy tôn thi đua năm {year} của {bloc.name}"
    elif meeting.kind == MeetingKind.MID_YEAR:
        summary = f"Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} của {bloc.name}"
    else:
        summary = f"Hội nghị phát động thi đua, ký kết giao ước thi đua năm {year} của {bloc.name}"
    doc = Document(
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
    blocks = doc.blocks
    # I. Time and place.
    blocks.append(Block("heading", text="I. THỜI GIAN, ĐỊA ĐIỂM"))
    where = f", tại {meeting.place}" if meeting.place else ""
    blocks.append(_para(
        f"Vào lúc {vn_time(meeting.start_time)}, {vn_date_words(meeting.date)}{where}, {bloc.name} tổ chức "
        f"{kind_label[:1].lower()}{kind_label[1:]}."
    ))
    # II. Participants.
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
        blocks.extend(Block("para", text=p) for p in _split_paragraphs(meeting.guests))
    attendance = list(
        MeetingAttendance.objects.filter(meeting=meeting).select_related("unit", "unit__province").order_by("unit__sort_key")
    )
    n = len(members)
    sub = "4" if meeting.guests else "3"
    blocks.append(Block("subheading", text=f"{sub}. Các đơn vị thành viên"))
    if attendance:
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
    else:
        blocks.append(_para(f"Đại diện lãnh đạo {n:02d}/{n:02d} đơn vị thành viên của {bloc.name}:"))
        blocks.append(Block("list", items=[
            _capitalise(unit_label(m.unit)) + (f" ({labels[m.role]})" if m.role in labels else "") for m in members
        ]))
        doc.warnings.append(_("Chưa ghi điểm danh từng đơn vị: biên bản liệt kê toàn bộ thành viên."))
    # III. Contents.
    blocks.append(Block("heading", text="III. NỘI DUNG HỘI NGHỊ"))
    item = 0

    def sub_heading(text):
        nonlocal item
        item += 1
        blocks.append(Block("subheading", text=f"{item}. {text}"))

    if meeting.agenda:
        sub_heading("Nội dung chương trình")
        blocks.extend(Block("para", text=p) for p in _split_paragraphs(meeting.agenda))
    if is_ranking:
        entries = list(
            RankEntry.objects.filter(ranking__bloc_year=bloc_year).select_related("unit", "unit__province", "ranking")
            .order_by("rank", "unit__sort_key")
        )
        if entries:
            sub_heading(f"Kết quả chấm điểm, xếp hạng thi đua năm {year}")
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
            unranked = n - len(entries)
            if unranked > 0:
                blocks.append(Block("note", text=f"Kết quả xếp hạng ghi nhận {len(entries):02d}/{n:02d} đơn vị."))
        votes = list(
            Vote.objects.filter(bloc_year=bloc_year)
            .filter(Q(meeting=meeting) | Q(meeting__isnull=True))
            .select_related("unit", "unit__province", "award_type")
            .order_by("award_type__order", "-votes_for", "pk")
        )
        if votes:
            sub_heading("Bình xét, suy tôn")
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
        proposals = list(
            Proposal.objects.filter(bloc_year=bloc_year).exclude(status=ProposalStatus.REJECTED)
            .select_related("unit", "unit__province", "award_type").order_by("award_type__order", "rank", "pk")
        )
        if proposals:
            sub_heading("Đề nghị khen thưởng")
            blocks.append(_para("Hội nghị thống nhất đề nghị khen thưởng như sau:"))
            blocks.append(Block("list", items=[_proposal_line(p) for p in proposals]))
        nxt = (
            BlocYear.objects.filter(bloc=bloc, year=year + 1)
            .prefetch_related(Prefetch(
                "members", queryset=BlocMember.objects.filter(role__in=[MemberRole.LEADER, MemberRole.DEPUTY])
                .select_related("unit", "unit__province"), to_attr="leaders",
            ))
            .first()
        )
        if nxt is not None and nxt.leaders:
            sub_heading(f"Suy tôn {labels[MemberRole.LEADER]}, {labels[MemberRole.DEPUTY]} năm {year + 1}")
            by_role = {m.role: m.unit for m in nxt.leaders}
            parts = []
            if MemberRole.LEADER in by_role:
                parts.append(f"{unit_label(by_role[MemberRole.LEADER])} là {labels[MemberRole.LEADER]}")
            if MemberRole.DEPUTY in by_role:
                parts.append(f"{unit_label(by_role[MemberRole.DEPUTY])} là {labels[MemberRole.DEPUTY]}")
            blocks.append(_para(f"Hội nghị thống nhất suy tôn {', '.join(parts)} {bloc.name} năm {year + 1}."))
    # The pledge signed at this meeting (next year's, or this year's at a launch).
    signed = (
        Pledge.objects.filter(bloc_year__bloc=bloc, signing_date=meeting.date).select_related("bloc_year")
        .order_by("-bloc_year__year").first()
    )
    if signed is not None:
        signers = BlocMember.objects.filter(bloc_year=signed.bloc_year).count()
        sub_heading(f"Ký kết giao ước thi đua năm {signed.bloc_year.year}")
        blocks.append(_para(
            f"Hội nghị đã tổ chức ký kết giao ước thi đua năm {signed.bloc_year.year} giữa {signers:02d} đơn vị "
            f"thành viên {bloc.name}."
        ))
    if meeting.conclusions:
        sub_heading("Kết luận của hội nghị")
        blocks.extend(Block("para", text=p) for p in _split_paragraphs(meeting.conclusions))
    extra = _split_paragraphs(meeting.extra_paragraphs)
    if extra:
        sub_heading("Ý kiến và nội dung khác")
        blocks.extend(Block("para", text=p) for p in extra)
    # IV. Closing.
    blocks.append(Block("heading", text="IV. KẾT THÚC HỘI NGHỊ"))
    if meeting.end_time:
        blocks.append(_para(
            f"Hội nghị kết thúc vào lúc {vn_time(meeting.end_time)} cùng ngày. Biên bản đã được thông qua tại hội nghị "
            f"và được lập thành {n + 1:02d} bản, mỗi đơn vị thành viên giữ 01 bản, 01 bản gửi "
            f"{bloc.organizer.office_name or bloc.organizer.name}."
        ))
    else:
        blocks.append(_para(
            f"Hội nghị kết thúc vào lúc {vn_time(None)} cùng ngày. Biên bản đã được thông qua tại hội nghị và được lập "
            f"thành {n + 1:02d} bản, mỗi đơn vị thành viên giữ 01 bản, 01 bản gửi "
            f"{bloc.organizer.office_name or bloc.organizer.name}."
        ))
        doc.warnings.append(_("Chưa ghi giờ kết thúc: bản in để trống để ghi tay."))
    leader = next((m for m in members if m.role == MemberRole.LEADER), None)
    chair_name = _signing_chair(chairs, leader)
    doc.signers = [
        Signer(formula=["THƯ KÝ HỘI NGHỊ"], name=_name_only(meeting.secretary)),
        Signer(formula=["CHỦ TRÌ HỘI NGHỊ", f"{labels[MemberRole.LEADER].upper()}" if leader else ""], name=chair_name,
               unit=unit_heading(leader.unit) if leader else ""),
    ]
    return doc


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


# --- the submission (tờ trình) with its list -------------------------------------------------------

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
    organizer = bloc.organizer
    labels = role_labels(bloc)
    year = bloc_year.year
    members = _members(bloc_year)
    leader = next((m for m in members if m.role == MemberRole.LEADER), None)
    proposals = submission_proposals(bloc_year)
    meeting = minutes_meeting(bloc_year)
    if day is None:
        submitted = [p.submitted_at for p in proposals if p.submitted_at]
        if submitted:
            day = timezone.localtime(max(submitted)).date()
        elif meeting is not None:
            day = meeting.date
    code = bloc.code or "CTĐ"
    doc = Document(
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
    if leader is None:
        doc.warnings.append(_("Năm %(year)s chưa có đơn vị %(role)s: tờ trình không có cơ quan trình.")
                            % {"year": year, "role": labels[MemberRole.LEADER].lower()})
    if not proposals:
        doc.warnings.append(_("Năm này chưa có đề nghị khen thưởng nào."))
    ref_day = day or datetime.date(year + 1, 1, 1)
    for b in legal_bases_on(ref_day):
        doc.blocks.append(_para(f"Căn cứ {b.title};"))
    if meeting is not None:
        doc.blocks.append(_para(
            f"Căn cứ Biên bản {meeting.get_kind_display()[:1].lower()}{meeting.get_kind_display()[1:]} của {bloc.name} "
            f"{vn_date_words(meeting.date)};"
        ))
    leader_name = _capitalise(unit_label(leader.unit)) if leader else bloc.name
    doc.blocks.append(_para(
        f"{leader_name}, đơn vị {labels[MemberRole.LEADER]} {bloc.name} năm {year}, kính trình "
        f"{organizer.name} xem xét, đề nghị khen thưởng như sau:"
    ))
    collective = [p for p in proposals if p.subject == Subject.COLLECTIVE]
    individual = [p for p in proposals if p.subject == Subject.INDIVIDUAL]
    doc.blocks.append(Block("heading", text="I. KẾT QUẢ BÌNH XÉT, SUY TÔN"))
    n = len(members)
    doc.blocks.append(_para(
        f"{_capitalise(bloc.name)} gồm {n:02d} đơn vị thành viên: "
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
    doc.recipients = ["Như trên;"] + [f"{_capitalise(unit_label(m.unit))};" for m in members if m != leader] + ["Lưu: VT."]
    formula = _formula_lines(leader.unit.signing_formula) if leader else []
    doc.signers = [Signer(formula=formula or ([leader.unit.head_title.upper()] if leader and leader.unit.head_title else []),
                          name="")]
    if signing:
        doc.signers = [Signer(formula=signing.get("formula") or doc.signers[0].formula, name=signing.get("name", ""))]
    # The attached list: landscape when individuals add their columns.
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
            "subtitle": f"(Kèm theo Tờ trình số {number or NBSP * 6}/TTr-{code} {vn_date_words(day, doc.year)} của {leader_name if leader else bloc.name})",
            "landscape": wide,
            "table": Table(columns=columns, rows=rows),
        }
    return doc
