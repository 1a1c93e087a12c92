"""Demo data: the five year-end conferences of ../shared/seeds as real records, and one account per role.

Only what the reports say is recorded; a fact a report does not give stays empty. Running the
loader twice changes nothing (every record is found by its natural key first).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from awards.choices import ProposalStatus, RankingSource, RankingStatus, Subject
from awards.models import AwardType, Proposal, ProposalTransition, RankEntry, Ranking
from blocs.choices import BlocKind, MeetingKind, MemberRole, Phase, Role, SuccessionPolicy, UnitKind
from blocs.models import (
    Bloc,
    BlocMember,
    BlocYear,
    Meeting,
    Organizer,
    Pledge,
    Province,
    RoleGrant,
    Unit,
)
from emulation.devtools.demo import blocs as demo_blocs
from emulation.devtools.demo import proposals as demo_proposals
from emulation.devtools.demo import scoring as demo_scoring
from emulation.devtools.demo.seeds import SEVEN

D = datetime.date
DEMO_PASSWORD = "demo-2026"
DISTRICTS_END = D(2025, 6, 30)


def _old_province(name):
    """The provincial record valid on 01/01/2018 with this name."""
    return Province.objects.valid_on(D(2018, 1, 1)).get(name=name)


def _province_unit(name):
    return Unit.objects.get(kind=UnitKind.PROVINCE, province=_old_province(name))


def _province_organizer(name):
    return Organizer.objects.get(kind="province", province=_old_province(name))


def _unit(name, province, kind, **extra):
    unit, _ = Unit.objects.get_or_create(name=name, province=province, kind=kind, defaults=extra)
    return unit


def _bloc(name, organizer, **fields):
    bloc, _ = Bloc.objects.get_or_create(organizer=organizer, name=name, defaults=fields)
    return bloc


def _year(bloc, year, **fields):
    by, created = BlocYear.objects.get_or_create(bloc=bloc, year=year, defaults=fields)
    return by


def _members(bloc_year, units, leader=None, deputy=None):
    for unit in units:
        role = MemberRole.LEADER if unit == leader else MemberRole.DEPUTY if unit == deputy else MemberRole.MEMBER
        member, created = BlocMember.objects.get_or_create(bloc_year=bloc_year, unit=unit, defaults={"role": role})


def _ranking(bloc_year, ranks, note=""):
    ranking, _ = Ranking.objects.get_or_create(
        bloc_year=bloc_year,
        defaults={"status": RankingStatus.APPROVED, "source": RankingSource.RECORDED, "note": note},
    )
    for unit, rank in ranks:
        RankEntry.objects.get_or_create(ranking=ranking, unit=unit, defaults={"rank": rank})
    return ranking


def _proposal(bloc_year, award_code, *, status, unit=None, rank=None, headcount=1, justification=""):
    award_type = AwardType.objects.get(code=award_code)
    subject = Subject.COLLECTIVE if unit else Subject.INDIVIDUAL
    proposal, created = Proposal.objects.get_or_create(
        bloc_year=bloc_year, award_type=award_type, unit=unit, subject=subject, headcount=headcount,
        defaults={"rank": rank, "status": status, "justification": justification},
    )
    if created:
        ProposalTransition.objects.create(proposal=proposal, from_status="", to_status=ProposalStatus.DRAFT)
        if status != ProposalStatus.DRAFT:
            ProposalTransition.objects.create(
                proposal=proposal, from_status=ProposalStatus.DRAFT, to_status=status,
                reason="Theo kết quả hội nghị được đưa tin.",
            )
    return proposal


def _meeting(bloc_year, kind, date, **fields):
    meeting, _ = Meeting.objects.get_or_create(bloc_year=bloc_year, kind=kind, date=date, defaults=fields)
    return meeting


def _pledge(bloc_year, **fields):
    pledge, _ = Pledge.objects.get_or_create(bloc_year=bloc_year, defaults=fields)
    return pledge


def load_seven_provinces():
    """001: the cluster of the Central council; conference of 22/03/2018 in Tuyên Quang."""
    central = Organizer.objects.get(kind="central")
    units = {n: _province_unit(n) for n in ["Bắc Kạn", "Bắc Giang", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"]}
    bloc = _bloc(SEVEN, central, kind=BlocKind.CLUSTER, province=_old_province("Tuyên Quang"),
                 succession_policy=SuccessionPolicy.DEPUTY_SUCCEEDS,
                 note="Cụm thi đua thuộc Hội đồng Thi đua - Khen thưởng Trung ương, gồm 7 tỉnh.")
    y2017 = _year(bloc, 2017, phase=Phase.PROPOSALS)
    _members(y2017, units.values(), leader=units["Tuyên Quang"], deputy=units["Hòa Bình"])
    _pledge(y2017)  # the report shows the 2017 signing in a photo caption; no details given
    _meeting(
        y2017, MeetingKind.YEAR_END, D(2018, 3, 22), place="Tỉnh Tuyên Quang", start_time=datetime.time(8, 0),
        chairs="\n".join([
            "Trần Thị Hà, Phó Chủ tịch Thường trực Hội đồng Thi đua - Khen thưởng Trung ương, Thứ trưởng Bộ Nội vụ, Trưởng Ban Thi đua - Khen thưởng Trung ương",
            "Phạm Minh Huấn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Tuyên Quang (đại diện đơn vị Cụm trưởng)",
            "Nguyễn Văn Quang, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Hoà Bình (đại diện đơn vị Cụm phó)",
        ]),
        guests="Đại biểu Ban Thi đua - Khen thưởng Trung ương; lãnh đạo UBND, Sở Nội vụ và Ban Thi đua - Khen thưởng của 7 tỉnh Trung du và Miền núi phía Bắc.",
        agenda="Tổng kết công tác thi đua, khen thưởng năm 2017, triển khai nhiệm vụ năm 2018; bình xét xếp loại thi đua năm 2017; ký giao ước thi đua năm 2018; suy tôn Cụm trưởng, Cụm phó năm 2018.",
        conclusions="Tỉnh Phú Thọ xếp thứ Nhất được đề nghị Chính phủ tặng Cờ thi đua; tỉnh Tuyên Quang xếp thứ Nhì đề nghị Thủ tướng Chính phủ tặng Bằng khen. Suy tôn tỉnh Hòa Bình là Cụm trưởng, tỉnh Yên Bái là Cụm phó năm 2018.",
    )
    _ranking(y2017, [(units["Phú Thọ"], 1), (units["Tuyên Quang"], 2)], note="Kết quả bình xét tại Hội nghị ngày 22/03/2018.")
    _proposal(y2017, "co-chinh-phu", unit=units["Phú Thọ"], rank=1, status=ProposalStatus.SUBMITTED,
              justification="Xếp thứ Nhất Cụm thi đua năm 2017.")
    _proposal(y2017, "bk-ttg", unit=units["Tuyên Quang"], rank=2, status=ProposalStatus.SUBMITTED,
              justification="Xếp thứ Nhì Cụm thi đua năm 2017.")
    _proposal(y2017, "bk-tinh", headcount=24, status=ProposalStatus.APPROVED,
              justification="Chủ tịch UBND tỉnh Tuyên Quang, đơn vị Cụm trưởng, trao Bằng khen cho 24 cá nhân có thành tích xuất sắc trong hoạt động Cụm thi đua năm 2017.")
    y2018 = _year(bloc, 2018, phase=Phase.PLEDGE_SIGNED,
                  leadership_basis="Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm",
                  leadership_basis_date=D(2018, 3, 22))
    _members(y2018, units.values(), leader=units["Hòa Bình"], deputy=units["Yên Bái"])
    _pledge(y2018, signing_place="Tuyên Quang", signing_date=D(2018, 3, 22))
    return bloc


def load_quang_ninh():
    """000: Khối thi đua các thị xã, thành phố of Quảng Ninh; conference of 05/12/2017 in Hạ Long."""
    org = _province_organizer("Quảng Ninh")
    qn = _old_province("Quảng Ninh")
    bloc = _bloc("Khối thi đua các thị xã, thành phố", org, kind=BlocKind.BLOC, province=qn)
    dong_trieu = _unit("Thị xã Đông Triều", qn, UnitKind.DISTRICT, valid_to=DISTRICTS_END)
    y2017 = _year(bloc, 2017, phase=Phase.CLOSED)
    _meeting(y2017, MeetingKind.YEAR_END, D(2017, 12, 5), place="Thành phố Hạ Long",
             agenda="Tổng kết công tác thi đua, khen thưởng năm 2017, triển khai nhiệm vụ năm 2018; ra mắt Khối trưởng năm 2018; ký giao ước thi đua năm 2018.")
    y2018 = _year(bloc, 2018, phase=Phase.PLEDGE_SIGNED,
                  leadership_basis="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 của Khối", leadership_basis_date=D(2017, 12, 5))
    _members(y2018, [dong_trieu], leader=dong_trieu)
    _pledge(y2018, signing_place="Hạ Long", signing_date=D(2017, 12, 5))
    return bloc


def load_cao_bang():
    """002: Khối thi đua II of Cao Bằng; conference of 15/01/2018."""
    org = _province_organizer("Cao Bằng")
    cb = _old_province("Cao Bằng")
    names = [
        "Sở Giao thông Vận tải", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường",
        "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Công Thương", "Ban Quản lý Khu kinh tế",
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
    ]
    units = {n: _unit(n, cb, UnitKind.DEPARTMENT) for n in names}
    bloc = _bloc("Khối thi đua II", org, kind=BlocKind.BLOC, province=cb)
    y2017 = _year(bloc, 2017, phase=Phase.PROPOSALS)
    _members(y2017, units.values())
    _meeting(y2017, MeetingKind.YEAR_END, D(2018, 1, 15), place="Tỉnh Cao Bằng",
             guests="Nguyễn Ngọc Anh, Phó trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ",
             agenda="Tổng kết công tác thi đua khen thưởng năm 2017 và triển khai nhiệm vụ năm 2018; bình xét, suy tôn; bầu Trưởng khối, Phó trưởng khối năm 2018.")
    _ranking(y2017, [(units["Sở Xây dựng"], 1)], note="Đơn vị dẫn đầu được suy tôn tại Hội nghị ngày 15/01/2018.")
    _proposal(y2017, "co-tinh", unit=units["Sở Xây dựng"], rank=1, status=ProposalStatus.SUBMITTED)
    for n in ["Sở Khoa học và Công nghệ", "Sở Tài nguyên và Môi trường", "Ban Quản lý Khu kinh tế",
              "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp"]:
        _proposal(y2017, "bk-tinh", unit=units[n], status=ProposalStatus.SUBMITTED)
    _year_2018_from_conference(bloc, units.values(), leader=units["Sở Công Thương"], conference=D(2018, 1, 15))
    return bloc


def load_thai_binh():
    """003: Khối thi đua các sở, ngành tổng hợp of Thái Bình (merged into Hưng Yên in 2025); year 2019."""
    org = _province_organizer("Thái Bình")
    tb = _old_province("Thái Bình")
    units = {n: _unit(n, tb, kind) for n, kind in [
        ("Liên minh Hợp tác xã tỉnh", UnitKind.ASSOCIATION), ("Cục Thống kê tỉnh", UnitKind.CENTRAL_AGENCY),
        ("Cục Thuế tỉnh", UnitKind.CENTRAL_AGENCY), ("Kho bạc Nhà nước tỉnh", UnitKind.CENTRAL_AGENCY),
    ]}
    bloc = _bloc("Khối thi đua các sở, ngành tổng hợp", org, kind=BlocKind.BLOC, province=tb,
                 note="Khối có 10 đơn vị năm 2019; bản tin chỉ nêu tên 4 đơn vị.")
    y2019 = _year(bloc, 2019, phase=Phase.PROPOSALS, theme="Đoàn kết, sáng tạo, thi đua hoàn thành xuất sắc mọi nhiệm vụ được giao")
    _members(y2019, units.values())
    _ranking(y2019, [(units["Liên minh Hợp tác xã tỉnh"], 1), (units["Cục Thống kê tỉnh"], 2),
                     (units["Cục Thuế tỉnh"], 3), (units["Kho bạc Nhà nước tỉnh"], 3)])
    _proposal(y2019, "co-chinh-phu", unit=units["Liên minh Hợp tác xã tỉnh"], rank=1, status=ProposalStatus.SUBMITTED)
    _proposal(y2019, "co-tinh", unit=units["Cục Thống kê tỉnh"], rank=2, status=ProposalStatus.SUBMITTED)
    _proposal(y2019, "bk-tinh", unit=units["Cục Thuế tỉnh"], rank=3, status=ProposalStatus.SUBMITTED)
    _proposal(y2019, "bk-tinh", unit=units["Kho bạc Nhà nước tỉnh"], rank=3, status=ProposalStatus.SUBMITTED)
    y2020 = _year(bloc, 2020, phase=Phase.PLEDGE_SIGNED)
    _members(y2020, units.values())
    _pledge(y2020)
    return bloc


def load_gia_lai():
    """004: Khối thi đua các cơ quan Đảng tỉnh of Gia Lai; conference of 30/01/2018."""
    org = _province_organizer("Gia Lai")
    gl = _old_province("Gia Lai")
    units = {n: _unit(n, gl, UnitKind.PARTY) for n in [
        "Văn phòng Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Đảng ủy Khối doanh nghiệp",
    ]}
    bloc = _bloc("Khối thi đua các cơ quan Đảng tỉnh", org, kind=BlocKind.BLOC, province=gl,
                 note="Khối có 10 cơ quan, đơn vị năm 2017; bản tin chỉ nêu tên 4 đơn vị.")
    y2017 = _year(bloc, 2017, phase=Phase.PROPOSALS)
    _members(y2017, units.values(), leader=units["Ban Nội chính Tỉnh ủy"])
    _meeting(y2017, MeetingKind.YEAR_END, D(2018, 1, 30), place="Tỉnh Gia Lai",
             agenda="Tổng kết công tác thi đua, khen thưởng năm 2017 và triển khai nhiệm vụ năm 2018; ký kết thi đua năm 2018.")
    for n in ["Văn phòng Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"]:
        _proposal(y2017, "co-tinh", unit=units[n], status=ProposalStatus.SUBMITTED)
    _year_2018_from_conference(bloc, units.values(), leader=units["Đảng ủy Khối doanh nghiệp"], conference=D(2018, 1, 30))
    return bloc


def _year_2018_from_conference(bloc, units, *, leader, conference):
    """2018 opened at the 2017 year-end conference: the leader elected there, the pledge signed that day."""
    y2018 = _year(bloc, 2018, phase=Phase.PLEDGE_SIGNED,
                  leadership_basis="Bầu tại Hội nghị tổng kết năm 2017 của Khối", leadership_basis_date=conference)
    _members(y2018, units, leader=leader)
    _pledge(y2018, signing_date=conference)
    return y2018


DEMO_ACCOUNTS = [
    # username, full name, role
    ("admin", "Quản trị hệ thống", Role.ADMIN),
    ("banthidua", "Cán bộ Ban Thi đua - Khen thưởng Trung ương", Role.REVIEWER),
    ("thuky", "Thư ký Cụm thi đua 7 tỉnh", Role.SECRETARY),
    ("truongkhoi", "Đại diện đơn vị Cụm trưởng", Role.LEADER_REP),
]


def load_accounts(seven):
    User = get_user_model()
    for username, full_name, role in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
        scope = {
            Role.ADMIN: {},
            Role.REVIEWER: {"organizer": seven.organizer},
            Role.SECRETARY: {"bloc": seven},
            Role.LEADER_REP: {"unit": seven.years.get(year=2018).members.get(role=MemberRole.LEADER).unit},
        }[role]
        RoleGrant.objects.get_or_create(user=user, role=role, **scope)
    return [(u, DEMO_PASSWORD, str(r.label)) for u, _, r in DEMO_ACCOUNTS]


@transaction.atomic
def load_demo():
    seven = load_seven_provinces()
    load_quang_ninh()
    load_cao_bang()
    load_thai_binh()
    load_gia_lai()
    accounts = load_accounts(seven)
    # Each area adds what the seed reports give for it in a module of its own.

    demo_blocs.load()
    demo_scoring.load()
    demo_proposals.load()
    return accounts
