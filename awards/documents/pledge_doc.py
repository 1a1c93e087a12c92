"""The pledge (giao ước) of a bloc-year: bases, commitments and the signature grid of every member, leader first."""

import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from awards.documents.compose import (
    Block,
    Document,
    Signer,
    _capitalise,
    _formula_lines,
    _members,
    _para,
    _place_of,
    legal_bases_on,
    role_labels,
    unit_heading,
    unit_label,
)
from awards.templatetags.vn_documents import paragraphs
from blocs.choices import MemberRole
from blocs.models import BlocMember, Pledge, PledgeSignatory

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
    doc.blocks.extend(Block("para", text=p) for p in paragraphs(goals))
    doc.blocks.append(Block("heading", text="II. NỘI DUNG GIAO ƯỚC"))
    commitments = [c.text for c in pledge.commitments.all()] if pledge else []
    if not commitments:
        commitments = [c.format(**fill) for c in DEFAULT_COMMITMENTS]
    doc.blocks.append(Block("numbered", items=commitments))
    doc.blocks.append(Block("heading", text="III. TỔ CHỨC THỰC HIỆN"))
    implementation = pledge.implementation if pledge and pledge.implementation else DEFAULT_IMPLEMENTATION.format(**fill)
    doc.blocks.extend(Block("para", text=p) for p in paragraphs(implementation))
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
