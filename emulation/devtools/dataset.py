"""A synthetic, national-size data set for load tests (``manage.py generate_dataset``).

Scale N: N provinces (of the 34 in force since 01/07/2025) with 15 blocs each, plus 30·N/34 blocs
of the Central council (province clusters and blocs of central agencies). N=1 is one province
(15 blocs × ~10 members × 5 years); N=34 is the whole country (≈540 blocs, ≈5,000 units, 10 years,
40–60 criteria per table, ≈2.5 million scores, ≈10,000 proposals a year).

Everything drawn comes from one ``random.Random(seed)`` walked in a fixed order, so a seed gives
the same rows (and the same fingerprint) on every run in an empty database. Rows are written in
bulk: ``COPY`` on PostgreSQL, ``executemany`` on SQLite, with primary keys chosen here.
"""

import datetime
import hashlib
import json
import random
import sys
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from awards.choices import CriterionKind, ProposalStatus, RankingSource, RankingStatus, Subject
from awards.models import (
    AwardType,
    CriteriaTable,
    Criterion,
    Proposal,
    ProposalTransition,
    RankEntry,
    Ranking,
    Score,
    Vote,
)
from blocs.choices import BlocKind, MeetingKind, MemberRole, OrganizerKind, Phase, Role, UnitKind
from blocs.models import Bloc, BlocMember, BlocYear, Meeting, Organizer, Pledge, Province, RoleGrant, Unit
from emulation.lib.text import ascii_key, search_key, sort_key

BLOCS_PER_PROVINCE = 15
CENTRAL_BLOCS_NATIONAL = 30
PROVINCES_NATIONAL = 34
DEFAULT_PASSWORD = "dataset-2026"
# The account ``make bench`` logs in with: reviewer of the Central council (or of the first province).
BENCH_USERNAME = "bench.reviewer"
EXISTS = "Tài khoản của bộ dữ liệu đã có trong cơ sở dữ liệu: hãy sinh dữ liệu vào một cơ sở dữ liệu trống."


def _q_any(qs):
    """The OR of a list of Q objects (matching nothing when empty)."""
    out = Q(pk__in=[])
    for q in qs:
        out |= q
    return out


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4),
          ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
          ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Lương", 1), ("Mai", 1)]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Quang", "Đình", "Ngọc", "Mạnh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Thùy", "Diệu", "Bích"]
GIVEN_M = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Hùng", "Hải", "Hiếu", "Hoàng", "Khánh", "Long", "Lâm",
           "Nam", "Phong", "Phúc", "Quang", "Sơn", "Thắng", "Tuấn", "Trung", "Việt", "Vinh", "Khoa", "Lộc"]
GIVEN_F = ["Hà", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Thảo", "Trang",
           "Vân", "Yến", "Huyền", "Loan", "Oanh", "Quyên", "Thủy", "Tuyết", "Hạnh", "Liên"]
PERSON_TITLES = ["Giám đốc", "Phó Giám đốc", "Chánh Văn phòng", "Trưởng phòng Tổng hợp", "Phó Trưởng phòng",
                 "Chuyên viên chính", "Chuyên viên", "Kế toán trưởng", "Trưởng ban", "Phó Trưởng ban"]
PLACES = ["Tân Lập", "Quang Trung", "Hòa Bình", "Đông Hưng", "Tân Phú", "An Khánh", "Phú Lâm", "Bình Minh",
          "Thanh Sơn", "Hưng Đạo", "Trung Hòa", "Yên Thế", "Lạc Long", "Tiên Phong", "Đồng Tâm", "Hợp Thành",
          "Kim Sơn", "Vĩnh Phúc", "Nghĩa Hưng", "Thượng Lâm", "Hạ Hòa", "Cẩm Bình", "Phúc Thịnh", "Long Hải",
          "Thuận Thành", "Tam Đảo", "Sơn Thủy", "Ngọc Lặc", "Bảo Yên", "Xuân Trường", "Mỹ Lộc", "Đại Đồng",
          "Thái Hòa", "Quảng Phú", "Hoàng Hoa Thám", "Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Cửa Nam", "Bắc Sơn",
          "Tây Sơn", "Ea Kar", "Krông Búk", "Ia Grai", "Phước An", "Tân Châu", "Châu Thành", "Cái Răng",
          "Vĩnh Long", "Mỹ Tho", "Gò Công", "Hòn Đất", "Phú Quốc", "Đầm Hà", "Vân Đồn", "Mường Thanh",
          "Sìn Hồ", "Bát Xát", "Sa Pa", "Mộc Châu", "Chiềng Sinh", "Quỳnh Nhai", "Nà Hang", "Hàm Yên",
          "Đồng Xoài", "Bù Đăng", "Tân Uyên", "Dĩ An", "Thuận An", "Long Thành", "Nhơn Trạch", "Xuân Lộc"]
SECTORS = ["Xổ số kiến thiết", "Cấp nước", "Môi trường đô thị", "Lâm nghiệp", "Khai thác công trình thủy lợi",
           "In và Phát hành", "Sách - Thiết bị trường học", "Vận tải hành khách", "Du lịch", "Giống cây trồng",
           "Cảng biển", "Xây dựng và Phát triển đô thị", "Điện nước lắp máy", "Dược phẩm", "Chiếu sáng công cộng"]
TRADES = ["Thương mại", "Đầu tư", "Xây dựng", "Vận tải", "Chế biến nông sản", "May mặc", "Thủy sản",
          "Vật liệu xây dựng", "Cơ khí", "Dịch vụ", "Phát triển nhà", "Công nghệ"]
BRANDS = ["Hưng Thịnh", "Thành Công", "Phú Cường", "Đại Phát", "Minh Long", "An Phát", "Tân Tiến", "Hoàng Gia",
          "Việt Hưng", "Sao Mai", "Trường Sơn", "Hồng Hà", "Nam Việt", "Bình An", "Kim Long", "Phương Đông"]


def _person(rng):
    female = rng.random() < 0.45
    family = rng.choices([f for f, _ in FAMILY], weights=[w for _, w in FAMILY])[0]
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{family} {middle} {given}", ("nu" if female else "nam")


def _province_label(province):
    return province.name if province.name.startswith("Thành phố") else f"tỉnh {province.name}"


def _fixed(names):
    def make(rng, province, count, used):
        label = _province_label(province)
        return [n.format(p=label, x=province.name) for n in names[:count]]
    return make


def _places(prefixes):
    def make(rng, province, count, used):
        out = []
        pool = [p for p in PLACES if p not in used]
        rng.shuffle(pool)
        for place in pool[:count]:
            used.add(place)
            out.append(f"{rng.choice(prefixes)} {place}")
        return out
    return make


def _enterprises(state):
    def make(rng, province, count, used):
        label = _province_label(province)
        if state:
            sectors = rng.sample(SECTORS, count)
            return [f"Công ty TNHH MTV {s} {label}" for s in sectors]
        names, seen = [], set()
        while len(names) < count:
            name = f"Công ty Cổ phần {rng.choice(TRADES)} {rng.choice(BRANDS)}"
            if name not in seen and name not in used:
                seen.add(name)
                used.add(name)
                names.append(name)
        return names
    return make


PARTY = ["Văn phòng Tỉnh ủy {p}", "Ban Tổ chức Tỉnh ủy {p}", "Ban Tuyên giáo và Dân vận Tỉnh ủy {p}",
         "Ủy ban Kiểm tra Tỉnh ủy {p}", "Ban Nội chính Tỉnh ủy {p}", "Đảng ủy các cơ quan Đảng {p}",
         "Đảng ủy Ủy ban nhân dân {p}", "Trường Chính trị {p}", "Báo {x}", "Ban Bảo vệ chăm sóc sức khỏe cán bộ {p}",
         "Đảng ủy Công an {p}", "Đảng ủy Quân sự {p}"]
ECONOMY = ["Sở Tài chính {p}", "Sở Công Thương {p}", "Sở Xây dựng {p}", "Sở Nông nghiệp và Môi trường {p}",
           "Sở Khoa học và Công nghệ {p}", "Thuế {p}", "Kho bạc Nhà nước {p}", "Ngân hàng Nhà nước chi nhánh {p}",
           "Ban Quản lý các khu công nghiệp {p}", "Thống kê {p}", "Hải quan {p}", "Quỹ Đầu tư phát triển {p}"]
SOCIETY = ["Sở Giáo dục và Đào tạo {p}", "Sở Y tế {p}", "Sở Văn hóa, Thể thao và Du lịch {p}", "Sở Nội vụ {p}",
           "Sở Dân tộc và Tôn giáo {p}", "Đài Phát thanh và Truyền hình {x}", "Bảo hiểm xã hội {p}",
           "Sở Ngoại vụ {p}", "Thư viện {p}", "Bảo tàng {p}", "Trung tâm Văn hóa {p}", "Nhà hát Nghệ thuật truyền thống {p}"]
JUSTICE = ["Công an {p}", "Bộ Chỉ huy Quân sự {p}", "Bộ Chỉ huy Bộ đội Biên phòng {p}", "Tòa án nhân dân {p}",
           "Viện Kiểm sát nhân dân {p}", "Sở Tư pháp {p}", "Thanh tra {p}", "Thi hành án dân sự {p}",
           "Văn phòng Ủy ban nhân dân {p}", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân {p}",
           "Đoàn Luật sư {p}", "Sở Nội vụ – Ban Thi đua - Khen thưởng {p}"]
FRONT = ["Ủy ban Mặt trận Tổ quốc Việt Nam {p}", "Hội Liên hiệp Phụ nữ {p}", "Tỉnh đoàn {x}", "Hội Nông dân {p}",
         "Hội Cựu chiến binh {p}", "Liên đoàn Lao động {p}", "Liên minh Hợp tác xã {p}", "Hội Chữ thập đỏ {p}",
         "Liên hiệp các Hội Khoa học và Kỹ thuật {p}", "Hội Nhà báo {p}", "Hội Văn học Nghệ thuật {p}",
         "Hội Người cao tuổi {p}"]
SCHOOLS = ["Trường Đại học {x}", "Trường Cao đẳng Sư phạm {x}", "Trường Cao đẳng Y tế {x}",
           "Trường Cao đẳng Kỹ thuật công nghiệp {x}", "Trường Cao đẳng Nghề {x}", "Trường Cao đẳng Cộng đồng {x}",
           "Trường Trung cấp Nông Lâm {x}", "Trường Cao đẳng Văn hóa Nghệ thuật {x}", "Trường Trung cấp Luật {x}",
           "Trường Cao đẳng Giao thông vận tải {x}", "Trường Trung cấp Kinh tế - Kỹ thuật {x}",
           "Trường Cao đẳng Du lịch {x}"]
HEALTH = ["Bệnh viện Đa khoa {p}", "Bệnh viện Sản Nhi {p}", "Bệnh viện Y học cổ truyền {p}", "Bệnh viện Phổi {p}",
          "Bệnh viện Mắt {p}", "Trung tâm Kiểm soát bệnh tật {p}", "Bệnh viện Tâm thần {p}",
          "Bệnh viện Phục hồi chức năng {p}", "Trung tâm Pháp y {p}", "Bệnh viện Nội tiết {p}",
          "Trung tâm Kiểm nghiệm {p}", "Bệnh viện Ung bướu {p}"]
BANKS = ["Agribank chi nhánh {p}", "Vietcombank chi nhánh {x}", "BIDV chi nhánh {x}", "VietinBank chi nhánh {x}",
         "Ngân hàng Chính sách xã hội chi nhánh {p}", "Bảo Việt {x}", "Bưu điện {p}", "Viễn thông {x}",
         "Điện lực {x}", "Viettel {x}", "Công ty Xăng dầu {x}", "Ngân hàng Phát triển chi nhánh {x}"]

# (name, kind, unit kind, unit-name maker)
PROVINCE_BLOCS = [
    ("Khối các cơ quan Đảng", BlocKind.BLOC, UnitKind.PARTY, _fixed(PARTY)),
    ("Khối các sở kinh tế tổng hợp", BlocKind.BLOC, UnitKind.DEPARTMENT, _fixed(ECONOMY)),
    ("Khối các sở văn hóa - xã hội", BlocKind.BLOC, UnitKind.DEPARTMENT, _fixed(SOCIETY)),
    ("Khối nội chính", BlocKind.BLOC, UnitKind.CENTRAL_AGENCY, _fixed(JUSTICE)),
    ("Khối Mặt trận Tổ quốc và các đoàn thể", BlocKind.BLOC, UnitKind.MASS_ORG, _fixed(FRONT)),
    ("Khối doanh nghiệp nhà nước", BlocKind.BLOC, UnitKind.ENTERPRISE, _enterprises(state=True)),
    ("Khối doanh nghiệp ngoài nhà nước", BlocKind.BLOC, UnitKind.ENTERPRISE, _enterprises(state=False)),
    ("Khối các trường đại học, cao đẳng", BlocKind.BLOC, UnitKind.OTHER, _fixed(SCHOOLS)),
    ("Khối các cơ sở y tế", BlocKind.BLOC, UnitKind.OTHER, _fixed(HEALTH)),
    ("Khối ngân hàng, bưu chính, viễn thông", BlocKind.BLOC, UnitKind.ENTERPRISE, _fixed(BANKS)),
    ("Cụm thi đua các xã, phường khu vực I", BlocKind.CLUSTER, UnitKind.COMMUNE, _places(["Xã", "Phường"])),
    ("Cụm thi đua các xã, phường khu vực II", BlocKind.CLUSTER, UnitKind.COMMUNE, _places(["Xã", "Phường"])),
    ("Cụm thi đua các xã, phường khu vực III", BlocKind.CLUSTER, UnitKind.COMMUNE, _places(["Xã"])),
    ("Cụm thi đua các xã, phường khu vực IV", BlocKind.CLUSTER, UnitKind.COMMUNE, _places(["Xã"])),
    ("Cụm thi đua các xã, đặc khu khu vực V", BlocKind.CLUSTER, UnitKind.COMMUNE, _places(["Xã", "Phường"])),
]
REGIONS = ["Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ", "Duyên hải Nam Trung Bộ và Tây Nguyên",
           "Đông Nam Bộ", "Đồng bằng sông Cửu Long"]
CENTRAL_THEMES = [
    ("Khối các bộ, ngành kinh tế tổng hợp", "Bộ"), ("Khối các bộ, ngành kinh tế ngành", "Bộ"),
    ("Khối các bộ, ngành khoa giáo", "Bộ"), ("Khối các bộ, ngành nội chính", "Bộ"),
    ("Khối các cơ quan Đảng trung ương", "Ban"), ("Khối các tổ chức chính trị - xã hội", "Trung ương Hội"),
    ("Khối các tập đoàn kinh tế", "Tập đoàn"), ("Khối các tổng công ty", "Tổng công ty"),
    ("Khối các ngân hàng thương mại", "Ngân hàng"), ("Khối các cơ quan báo chí trung ương", "Báo"),
    ("Khối các trường đại học trực thuộc bộ", "Trường Đại học"), ("Khối các hội quần chúng trung ương", "Hội"),
]
CENTRAL_FIELDS = ["Công nghiệp", "Nông nghiệp", "Giao thông", "Xây dựng", "Năng lượng", "Dầu khí", "Bưu chính",
                  "Hàng hải", "Hàng không", "Đường sắt", "Cao su", "Than - Khoáng sản", "Hóa chất", "Dệt May",
                  "Lương thực", "Thủy sản", "Khoa học", "Giáo dục", "Văn hóa", "Y tế", "Tài chính", "Công thương",
                  "Thông tin", "Môi trường", "Kinh tế", "Luật", "Kỹ thuật", "Du lịch", "Lâm nghiệp", "Thương mại"]
THEMES = ["Đoàn kết, kỷ cương, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm {y}",
          "Thi đua đổi mới, sáng tạo, chuyển đổi số năm {y}",
          "Chung sức xây dựng nông thôn mới, đô thị văn minh năm {y}",
          "Thi đua cải cách hành chính, nâng cao chỉ số hài lòng năm {y}"]

SECTIONS = [
    ("Thực hiện nhiệm vụ chính trị, chuyên môn", [
        "Hoàn thành các chỉ tiêu kế hoạch được giao trong năm", "Tăng trưởng so với năm trước",
        "Thu ngân sách đạt và vượt dự toán", "Giải ngân vốn đầu tư công đúng tiến độ",
        "Thực hiện các chương trình mục tiêu quốc gia", "Phát triển doanh nghiệp, hợp tác xã",
        "Cải thiện môi trường đầu tư, kinh doanh", "Hoàn thành nhiệm vụ đột xuất được giao",
        "Ứng dụng khoa học, công nghệ vào sản xuất", "Bảo vệ môi trường, ứng phó biến đổi khí hậu",
        "Thực hiện chính sách an sinh xã hội", "Giảm nghèo bền vững"]),
    ("Cải cách hành chính, chuyển đổi số", [
        "Chỉ số cải cách hành chính (PAR Index)", "Chỉ số hài lòng của người dân (SIPAS)",
        "Tỷ lệ hồ sơ giải quyết đúng hạn", "Dịch vụ công trực tuyến toàn trình",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Ứng dụng chữ ký số",
        "Xây dựng cơ sở dữ liệu chuyên ngành", "Kiểm soát thủ tục hành chính",
        "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "Thực hiện văn hóa công vụ"]),
    ("Công tác thi đua, khen thưởng", [
        "Ban hành kế hoạch, phát động phong trào thi đua", "Ký kết giao ước thi đua",
        "Tổ chức sơ kết, tổng kết phong trào thi đua", "Phát hiện, nhân rộng điển hình tiên tiến",
        "Chất lượng hồ sơ đề nghị khen thưởng", "Gửi báo cáo đúng thời hạn",
        "Tham gia đầy đủ các hoạt động của khối, cụm", "Khen thưởng người lao động trực tiếp",
        "Tuyên truyền gương người tốt, việc tốt", "Thực hiện phong trào thi đua chuyên đề"]),
    ("Xây dựng tổ chức Đảng, đoàn thể", [
        "Tổ chức Đảng hoàn thành tốt nhiệm vụ", "Công đoàn vững mạnh", "Đoàn thanh niên vững mạnh",
        "Thực hiện quy chế dân chủ ở cơ sở", "Phòng, chống tham nhũng, lãng phí, tiêu cực",
        "Thực hành tiết kiệm, chống lãng phí", "Công tác cán bộ, đào tạo, bồi dưỡng",
        "Thực hiện bình đẳng giới", "Giải quyết khiếu nại, tố cáo", "Bảo đảm an ninh trật tự cơ quan"]),
    ("Hoạt động xã hội, từ thiện", [
        "Ủng hộ Quỹ Vì người nghèo", "Đền ơn đáp nghĩa", "Hiến máu tình nguyện",
        "Hỗ trợ đồng bào vùng thiên tai", "Xây dựng nhà đại đoàn kết", "Phong trào thể dục thể thao, văn nghệ",
        "Xây dựng cơ quan văn hóa", "Hỗ trợ học sinh có hoàn cảnh khó khăn"]),
]
BONUS = ["Sáng kiến, mô hình mới được cấp có thẩm quyền công nhận", "Được Chính phủ tặng Cờ thi đua",
         "Đăng cai tổ chức hội nghị của khối, cụm", "Có tập thể, cá nhân được khen thưởng cấp nhà nước"]
PENALTY = ["Gửi báo cáo chậm", "Không tham dự hội nghị của khối, cụm", "Để xảy ra vi phạm bị xử lý kỷ luật",
           "Để xảy ra khiếu kiện đông người"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]

# Phases of the last year (weights) and what each phase has.
LAST_YEAR_PHASES = [(Phase.SETUP, 1), (Phase.PLEDGE_SIGNED, 1), (Phase.MID_YEAR, 1), (Phase.SCORING, 2),
                    (Phase.RANKING, 2), (Phase.PROPOSALS, 5), (Phase.CLOSED, 1)]
PHASE_RANK = {p: i for i, p in enumerate(Phase.order())}
OPEN_STATUSES = [(ProposalStatus.DRAFT, 10), (ProposalStatus.SUBMITTED, 35), (ProposalStatus.IN_REVIEW, 25),
                 (ProposalStatus.RETURNED, 10), (ProposalStatus.APPROVED, 14), (ProposalStatus.REJECTED, 6)]
PATHS = {
    ProposalStatus.DRAFT: [ProposalStatus.DRAFT],
    ProposalStatus.SUBMITTED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED],
    ProposalStatus.IN_REVIEW: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW],
    ProposalStatus.RETURNED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.RETURNED],
    ProposalStatus.APPROVED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW, ProposalStatus.APPROVED],
    ProposalStatus.REJECTED: [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW, ProposalStatus.REJECTED],
}
QUARTERS = [f"{q / 4:.2f}" for q in range(0, 81)]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

class Writer:
    """Buffers rows per model and writes them in bulk, with primary keys assigned here."""

    ORDER = [Unit, Bloc, BlocYear, BlocMember, Pledge, Meeting, CriteriaTable, Criterion, Score, Ranking,
             RankEntry, Vote, Proposal, ProposalTransition]

    def __init__(self, progress=None):
        self.pg = connection.vendor == "postgresql"
        self.rows = {m: [] for m in self.ORDER}
        self.columns = {}
        self.completed = {}
        self.counts = {m: 0 for m in self.ORDER}
        self.next = {}
        self.digest = hashlib.sha256()
        with connection.cursor() as cursor:
            for model in self.ORDER:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
                self.next[model] = cursor.fetchone()[0] + 1
        self.base = dict(self.next)

    def new_id(self, model):
        pk = self.next[model]
        self.next[model] = pk + 1
        return pk

    def add(self, model, columns, row):
        """Queue ``row`` (a tuple in ``columns`` order, id first) for ``model``."""
        self.columns.setdefault(model, columns)
        self.rows[model].append(row)

    def pending(self):
        return sum(len(r) for r in self.rows.values())

    def flush(self):
        with connection.cursor() as cursor:
            for model in self.ORDER:
                rows = self.rows[model]
                if not rows:
                    continue
                # Keys are relative to the first free id, so the fingerprint does not depend on earlier data.
                base = self.base[model]
                for row in rows:
                    stable = tuple(v for v in row[1:] if not isinstance(v, datetime.datetime))
                    self.digest.update(repr((model.__name__, row[0] - base, stable)).encode())
                columns, extra = self._complete(model, self.columns[model])
                if extra:
                    rows = [row + extra for row in rows]
                table = model._meta.db_table
                cols = ", ".join(connection.ops.quote_name(c) for c in columns)
                if self.pg:
                    with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
                self.counts[model] += len(rows)
                self.rows[model] = []

    def _complete(self, model, columns):
        """``columns`` plus every other column of ``model`` with its default (same value on every row), so
        fields added later by other areas get their defaults without changes here."""
        cached = self.completed.get(model)
        if cached:
            return cached
        now = timezone.now()
        names, values = list(columns), []
        for field in model._meta.concrete_fields:
            if field.column in columns or field.attname in columns:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.empty_strings_allowed:
                value = ""
            else:
                raise ValueError(f"{model._meta.label}.{field.name}: không có giá trị mặc định để sinh dữ liệu.")
            names.append(field.column)
            values.append(field.get_db_prep_save(value, connection))
        self.completed[model] = (tuple(names), tuple(values))
        return self.completed[model]

    def finish(self):
        self.flush()
        if self.pg:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [*self.ORDER, get_user_model()]):
                    cursor.execute(sql)


class Progress:
    """A one-line progress bar on stderr (silent when ``stream`` is None)."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.start = time.monotonic()
        self.done = 0

    def step(self, label=""):
        self.done += 1
        if not self.stream:
            return
        share = self.done / self.total
        elapsed = time.monotonic() - self.start
        eta = elapsed / share - elapsed if share else 0
        bar = "#" * int(share * self.width)
        self.stream.write(f"\r[{bar:<{self.width}}] {share:4.0%} {self.done}/{self.total} khối · {elapsed:5.0f} s"
                          f" · còn ~{eta:4.0f} s {label[:40]:<40}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------

def _keys(name):
    return search_key(name), ascii_key(name), sort_key(name)


class Generator:
    def __init__(self, *, scale=1, seed=2026, last_year=None, years=None, blocs_per_province=BLOCS_PER_PROVINCE,
                 central_blocs=None, password=DEFAULT_PASSWORD, stream=sys.stderr, members=None, last_phase=None):
        if not 1 <= scale <= PROVINCES_NATIONAL:
            raise ValueError(f"scale phải từ 1 đến {PROVINCES_NATIONAL} (số tỉnh, thành phố).")
        if not 1 <= blocs_per_province <= len(PROVINCE_BLOCS):
            raise ValueError(f"blocs_per_province phải từ 1 đến {len(PROVINCE_BLOCS)}.")
        self.scale = scale
        self.rng = random.Random(seed)
        self.last_year = last_year or timezone.localdate().year
        self.years = years or (5 if scale == 1 else 10)
        self.blocs_per_province = blocs_per_province
        self.central_blocs = CENTRAL_BLOCS_NATIONAL * scale // PROVINCES_NATIONAL if central_blocs is None else central_blocs
        self.password = password
        # For tests: a fixed member range (lo, hi) for every bloc and one phase for every bloc of the last year.
        self.members = members
        self.last_phase = last_phase
        self.stream = stream
        self.now = timezone.now().replace(microsecond=0)
        self.award = {a.code: a.pk for a in AwardType.objects.all()}
        self.users = []  # usernames
        self.grants = []  # (user id, role, scope field, scope id)

    # -- plan ---------------------------------------------------------------------------------

    def _plan(self):
        """The blocs to create: (organizer, province or None, name, kind, [(unit name, kind, province)] or units)."""
        rng = self.rng
        provinces = list(Province.objects.filter(valid_to__isnull=True).order_by("code"))
        rng.shuffle(provinces)
        provinces = sorted(provinces[: self.scale], key=lambda p: p.code)
        organizers = {o.province_id: o for o in Organizer.objects.filter(kind=OrganizerKind.PROVINCE, province__in=provinces)}
        plan = []
        for province in provinces:
            organizer = organizers[province.pk]
            used = set()
            for name, kind, unit_kind, maker in PROVINCE_BLOCS[: self.blocs_per_province]:
                count = rng.randint(*(self.members or (7, 12)))
                units = [(n, unit_kind, province) for n in maker(rng, province, count, used)]
                plan.append((organizer, province, name, kind, units))
        if self.central_blocs:
            central = Organizer.objects.get(kind=OrganizerKind.CENTRAL)
            clusters = min(self.central_blocs, max(1, len(provinces) // 6)) if len(provinces) >= 2 else 0
            province_units = {u.province_id: u for u in Unit.objects.filter(kind=UnitKind.PROVINCE, province__in=provinces)}
            ordered = [province_units[p.pk] for p in provinces if p.pk in province_units]
            for i in range(clusters):
                members = ordered[i::clusters]
                plan.append((central, None, f"Cụm thi đua các tỉnh {REGIONS[i % len(REGIONS)]}", BlocKind.CLUSTER, members))
            fields = list(CENTRAL_FIELDS)
            for i in range(self.central_blocs - clusters):
                theme, prefix = CENTRAL_THEMES[i % len(CENTRAL_THEMES)]
                group = i // len(CENTRAL_THEMES) + 1
                name = theme if group == 1 else f"{theme} (nhóm {group})"
                count = rng.randint(*(self.members or (10, 16)))
                rng.shuffle(fields)
                units = [(f"{prefix} {f}" + ("" if group == 1 else f" {ROMAN[group - 1]}"), UnitKind.MINISTRY, None)
                         for f in fields[:count]]
                plan.append((central, None, name, BlocKind.BLOC, units))
        return plan

    # -- run ----------------------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        if get_user_model().objects.filter(username=BENCH_USERNAME).exists():
            raise ValueError(EXISTS)
        plan = self._plan()
        clash = Bloc.objects.filter(
            _q_any([Q(organizer=org, name_key=search_key(name)) for org, _, name, *_ in plan])
        ).first()
        if clash:
            raise ValueError(f"Khối “{clash.name}” của {clash.organizer} đã có: hãy sinh dữ liệu vào một cơ sở dữ liệu trống.")
        w = self.writer = Writer()
        progress = Progress(len(plan), stream=self.stream)
        with transaction.atomic():
            self._fast_load(True)
            try:
                self._accounts(plan)
                for index, entry in enumerate(plan):
                    self._bloc(*entry, secretary=self.secretaries[index], reviewer=self.reviewers[entry[0].pk])
                    if w.pending() > 200_000:
                        w.flush()
                    progress.step(entry[2])
                w.finish()
                self._grants()
            finally:
                self._fast_load(False)
        if w.pg:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = {m._meta.label: n for m, n in w.counts.items()}
        counts["auth.User"] = len(self.users)
        return {"counts": counts, "fingerprint": w.digest.hexdigest()[:16], "seconds": time.monotonic() - started}

    def _fast_load(self, on):
        """On PostgreSQL as a superuser, skip the per-row foreign-key triggers while loading rows that
        are consistent by construction (the generator chooses every key)."""
        if not self.writer.pg:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute(f"SET LOCAL session_replication_role = {'replica' if on else 'origin'}")

    def _bloc(self, organizer, province, name, kind, units, *, secretary, reviewer):
        rng, w = self.rng, self.writer
        unit_ids, names = [], {}
        for unit in units:
            if isinstance(unit, Unit):
                unit_ids.append(unit.pk)
                names[unit.pk] = unit.name
                continue
            uname, ukind, uprov = unit
            pk = w.new_id(Unit)
            w.add(Unit, ("id", "name", "name_key", "name_ascii", "sort_key", "valid_from", "valid_to", "kind",
                         "short_name", "province_id", "head_title", "signing_formula", "successor_id"),
                  (pk, uname, *_keys(uname), None, None, ukind, "", uprov.pk if uprov else None, "", "", None))
            unit_ids.append(pk)
            names[pk] = uname
        bloc_id = w.new_id(Bloc)
        first_year = self.last_year - self.years + 1
        w.add(Bloc, ("id", "name", "name_key", "name_ascii", "sort_key", "kind", "organizer_id", "province_id", "code",
                     "founding_decision_number", "founding_decision_date", "dissolved_on", "succession_policy",
                     "rotation_order", "min_members", "note"),
              (bloc_id, name, *_keys(name), kind, organizer.pk, province.pk if province else None, "",
               f"{rng.randint(100, 3999)}/QĐ-{'UBND' if province else 'HĐTĐKT'}", datetime.date(first_year - 1, rng.randint(1, 12), rng.randint(1, 28)),
               None, "rotation", "[]", None, ""))
        self.grants.append((secretary, Role.SECRETARY, "bloc_id", bloc_id))
        self.people = (secretary, reviewer)
        # One criteria template per bloc, reused (as new rows) every year.
        template = self._criteria_template()
        for index, year in enumerate(range(first_year, self.last_year + 1)):
            if year < self.last_year:
                phase = Phase.CLOSED
            else:
                phase = rng.choices([p for p, _ in LAST_YEAR_PHASES], weights=[wt for _, wt in LAST_YEAR_PHASES])[0]
                phase = self.last_phase or phase
            self._bloc_year(organizer, bloc_id, year, phase, index, unit_ids, names, template, central=province is None)

    def _criteria_template(self):
        rng = self.rng
        total = rng.randint(40, 60)
        n_bonus, n_penalty = rng.randint(2, 3), rng.randint(2, 3)
        sections = rng.randint(4, 5)
        leaves = total - sections - 1 - n_bonus - n_penalty  # the last section groups bonus and penalty
        chosen = SECTIONS[:sections]
        per = [leaves // sections + (1 if i < leaves % sections else 0) for i in range(sections)]
        template = []  # (kind, code, title, max, parent index)
        for si, ((title, pool), count) in enumerate(zip(chosen, per, strict=True)):
            template.append((CriterionKind.SECTION, ROMAN[si], title, None, None))
            parent = len(template) - 1
            titles = [pool[i % len(pool)] + ("" if i < len(pool) else f" (nội dung {i // len(pool) + 1})") for i in range(count)]
            for ci, t in enumerate(titles, 1):
                template.append((CriterionKind.CRITERION, f"{si + 1}.{ci}", t, rng.choice([1, 2, 2, 3, 3, 4, 5]), parent))
        template.append((CriterionKind.SECTION, ROMAN[sections], "Điểm cộng, điểm trừ", None, None))
        parent = len(template) - 1
        for i, t in enumerate(rng.sample(BONUS, n_bonus), 1):
            template.append((CriterionKind.BONUS, f"C{i}", t, rng.choice([2, 3, 5]), parent))
        for i, t in enumerate(rng.sample(PENALTY, n_penalty), 1):
            template.append((CriterionKind.PENALTY, f"T{i}", t, rng.choice([2, 3, 5]), parent))
        # Section maxima: the sum of their criteria.
        out = []
        for i, (kind, code, title, mx, parent) in enumerate(template):
            if kind == CriterionKind.SECTION:
                mx = sum(t[3] for t in template if t[4] == i and t[0] == CriterionKind.CRITERION)
            out.append((kind, code, title, mx, parent))
        return out

    def _bloc_year(self, organizer, bloc_id, year, phase, index, unit_ids, names, template, central):
        rng, w = self.rng, self.writer
        secretary, reviewer = self.people
        stage = PHASE_RANK[phase]
        by_id = w.new_id(BlocYear)
        w.add(BlocYear, ("id", "bloc_id", "year", "theme", "phase", "leadership_basis", "leadership_basis_number",
                         "leadership_basis_date", "vote_threshold_percent", "vote_base", "quorum_percent", "note", "created_at"),
              (by_id, bloc_id, year, rng.choice(THEMES).format(y=year), phase,
               f"Biên bản Hội nghị tổng kết năm {year - 1} của khối", f"{rng.randint(1, 99)}/BB-KTĐ",
               datetime.date(year, rng.randint(1, 3), rng.randint(1, 28)), None, "members", None, "", self.now))
        m = len(unit_ids)
        leader, deputy = index % m, (index + 1) % m
        member_ids = []
        for i, unit_id in enumerate(unit_ids):
            role = MemberRole.LEADER if i == leader else MemberRole.DEPUTY if i == deputy else MemberRole.MEMBER
            pk = w.new_id(BlocMember)
            w.add(BlocMember, ("id", "bloc_year_id", "unit_id", "role", "organizer_id", "year", "women_share"),
                  (pk, by_id, unit_id, role, organizer.pk, year, None))
            member_ids.append(pk)
        if stage >= PHASE_RANK[Phase.PLEDGE_SIGNED]:
            w.add(Pledge, ("id", "bloc_year_id", "title", "goals", "implementation", "signing_place", "signing_date", "number"),
                  (w.new_id(Pledge), by_id, "", "", "", "", datetime.date(year, 3, rng.randint(1, 28)), ""))
        meeting_cols = ("id", "bloc_year_id", "kind", "date", "start_time", "end_time", "place", "chairs", "secretary",
                        "guests", "agenda", "conclusions", "vote_method", "ballots_issued", "ballots_returned",
                        "ballots_valid", "extra_paragraphs", "number")
        ranking_meeting = None
        for kind, reached, month in ((MeetingKind.LAUNCH, Phase.PLEDGE_SIGNED, 3), (MeetingKind.MID_YEAR, Phase.MID_YEAR, 7),
                                     (MeetingKind.RANKING, Phase.RANKING, 12)):
            if stage >= PHASE_RANK[reached]:
                pk = w.new_id(Meeting)
                w.add(Meeting, meeting_cols, (pk, by_id, kind, datetime.date(year, month, rng.randint(1, 28)), None, None,
                                              "", "", "", "", "", "", "", m if kind == MeetingKind.RANKING else None,
                                              m if kind == MeetingKind.RANKING else None,
                                              m if kind == MeetingKind.RANKING else None, "", ""))
                ranking_meeting = pk if kind == MeetingKind.RANKING else ranking_meeting
        # Criteria and scores.
        table_id = w.new_id(CriteriaTable)
        w.add(CriteriaTable, ("id", "bloc_year_id", "title", "allow_self_fallback", "tiebreaks", "classification", "version"),
              (table_id, by_id, f"Bảng tiêu chí chấm điểm thi đua năm {year}", False, json.dumps(["fewer_penalty", "vote"]),
               json.dumps([{"min": 95, "label": "Xuất sắc"}, {"min": 85, "label": "Tốt"}, {"min": 70, "label": "Khá"}]), 1))
        ids, leaves = [], []
        for order, (kind, code, title, mx, parent) in enumerate(template, 1):
            pk = w.new_id(Criterion)
            ids.append(pk)
            w.add(Criterion, ("id", "table_id", "parent_id", "kind", "code", "title", "max_points", "order"),
                  (pk, table_id, ids[parent] if parent is not None else None, kind, code, title, f"{mx}.00", order))
            if kind != CriterionKind.SECTION:
                leaves.append((pk, kind, mx))
        totals = [0.0] * m
        if stage >= PHASE_RANK[Phase.SCORING]:
            verified_share = 1.0 if stage >= PHASE_RANK[Phase.RANKING] else 0.5
            cols = ("id", "criterion_id", "member_id", "self_score", "verified_score", "note", "version", "updated_at", "updated_by_id")
            random_ = rng.random
            for mi, member_id in enumerate(member_ids):
                strength = 0.7 + 0.3 * random_()
                verified = random_() < verified_share
                total = 0.0
                for crit_id, kind, mx in leaves:
                    if kind == CriterionKind.CRITERION:
                        q = int(mx * 4 * min(1.0, strength + 0.15 * random_()))
                        v = q - (1 if q and random_() < 0.2 else 0)
                        total += (v if verified else q) / 4
                    elif kind == CriterionKind.BONUS:
                        q = int(mx * 4 * random_()) if random_() < 0.3 else 0
                        v = q
                        total += q / 4
                    else:
                        q = int(mx * 4 * random_()) if random_() < 0.1 else 0
                        v = q
                        total -= q / 4
                    w.add(Score, cols, (w.new_id(Score), crit_id, member_id, QUARTERS[q], QUARTERS[v] if verified else None,
                                        "", 1, self.now, secretary))
                totals[mi] = total
        if stage < PHASE_RANK[Phase.RANKING]:
            return
        order = sorted(range(m), key=lambda i: (-totals[i], i))
        ranking_id = w.new_id(Ranking)
        approved = stage >= PHASE_RANK[Phase.PROPOSALS]
        w.add(Ranking, ("id", "bloc_year_id", "status", "source", "approved_at", "approved_by_id", "note"),
              (ranking_id, by_id, RankingStatus.APPROVED if approved else RankingStatus.DRAFT, RankingSource.COMPUTED,
               self.now if approved else None, secretary if approved else None, ""))
        for rank, i in enumerate(order, 1):
            total = totals[i]
            label = "Xuất sắc" if total >= 95 else "Tốt" if total >= 85 else "Khá" if total >= 70 else "Hoàn thành"
            w.add(RankEntry, ("id", "ranking_id", "unit_id", "rank", "total", "classification", "tiebreak_note"),
                  (w.new_id(RankEntry), ranking_id, unit_ids[i], rank, f"{total:.2f}", label, ""))
        # Votes of the ranking meeting and the proposals that follow them.
        vote_cols = ("id", "bloc_year_id", "meeting_id", "award_type_id", "unit_id", "candidate_name", "votes_for", "base",
                     "base_count", "present_count", "created_by_id")
        flag = self.award["co-chinh-phu" if central else "co-tinh"]
        merit = self.award["bk-ttg" if central else "bk-tinh"]
        individual = [self.award["bk-ttg" if central else "bk-tinh"], self.award["giay-khen"] if not central else self.award["bk-bo"]]
        nominees = []  # (subject, award, unit id, rank, vote id, person)
        for rank, award in ((1, flag), (2, merit)):
            vote_id = w.new_id(Vote)
            votes_for = rng.randint(m // 2 + 1, m)
            w.add(Vote, vote_cols, (vote_id, by_id, ranking_meeting, award, unit_ids[order[rank - 1]], "", votes_for,
                                    "members", m, m, secretary))
            nominees.append((Subject.COLLECTIVE, award, unit_ids[order[rank - 1]], rank, vote_id, None))
        people = rng.randint(12, 20)
        for _ in range(people):
            name, gender = _person(rng)
            award = rng.choice(individual)
            vote_id = w.new_id(Vote)
            w.add(Vote, vote_cols, (vote_id, by_id, ranking_meeting, award, None, name, rng.randint(m // 2 + 1, m),
                                    "members", m, m, secretary))
            nominees.append((Subject.INDIVIDUAL, award, None, None, vote_id, (name, gender, rng.choice(unit_ids))))
        if not approved:
            return
        prop_cols = ("id", "bloc_year_id", "organizer_id", "year", "award_type_id", "subject", "unit_id", "person_name",
                     "person_title", "person_unit", "person_gender", "person_birth_year", "headcount", "rank", "vote_id",
                     "justification", "status", "status_reason", "override_reason", "decision_number", "decision_date",
                     "rule_set", "created_by_id", "created_at", "submitted_at", "person_key")
        trans_cols = ("id", "proposal_id", "from_status", "to_status", "by_id", "at", "reason")
        for subject, award, unit_id, rank, vote_id, person in nominees:
            if year < self.last_year:
                status = ProposalStatus.APPROVED if rng.random() < 0.88 else ProposalStatus.REJECTED
            else:
                status = rng.choices([s for s, _ in OPEN_STATUSES], weights=[wt for _, wt in OPEN_STATUSES])[0]
            pk = w.new_id(Proposal)
            if person:
                name, gender, work_unit = person
                person_fields = (name, rng.choice(PERSON_TITLES), names[work_unit],
                                 gender, rng.randint(1965, 1995))
                why = f"Có thành tích xuất sắc trong phong trào thi đua năm {year}."
            else:
                person_fields = ("", "", "", "", None)
                why = f"Xếp thứ {rank} khối thi đua năm {year}."
            final = status in (ProposalStatus.APPROVED, ProposalStatus.REJECTED)
            submitted = status != ProposalStatus.DRAFT
            w.add(Proposal, prop_cols, (
                pk, by_id, organizer.pk, year, award, subject, unit_id, *person_fields, 1, rank, vote_id, why, status,
                "Hồ sơ thiếu báo cáo thành tích có xác nhận." if status in (ProposalStatus.RETURNED, ProposalStatus.REJECTED) else "",
                "", f"{rng.randint(100, 2999)}/QĐ-{'TTg' if central else 'UBND'}" if status == ProposalStatus.APPROVED else "",
                datetime.date(year + 1 if year < self.last_year else year, rng.randint(1, 12) if year < self.last_year else 1, rng.randint(1, 28))
                if status == ProposalStatus.APPROVED else None,
                "", secretary, self.now, self.now if submitted else None, search_key(person_fields[0])[:160] if person else ""))
            previous = ""
            for step in PATHS[status]:
                by = secretary if step in (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED) else reviewer
                w.add(ProposalTransition, trans_cols, (w.new_id(ProposalTransition), pk, previous, step, by, self.now,
                                                       "" if not final or step != status else "Theo kết quả thẩm định."))
                previous = step

    def _accounts(self, plan):
        """A reviewer per organiser (the Central council's is ``bench.reviewer`` when there is one) and a
        secretary per bloc, created first so that scores, rankings and proposals name who made them."""
        User = get_user_model()
        organizers = []
        for organizer, *_ in plan:
            if organizer not in organizers:
                organizers.append(organizer)
        reviewers = []
        central = next((o for o in organizers if o.kind == OrganizerKind.CENTRAL), None)
        bench_org = central or organizers[0]
        for organizer in organizers:
            username = BENCH_USERNAME if organizer == bench_org else f"bt.{organizer.pk}"
            reviewers.append((username, Role.REVIEWER, "organizer_id", organizer.pk))
        secretaries = [f"tk.{organizer.pk}.{i}" for i, (organizer, *_) in enumerate(plan, 1)]
        self.users = [r[0] for r in reviewers] + secretaries
        if User.objects.filter(username__in=self.users).exists():
            raise ValueError(EXISTS)
        hashed = make_password(self.password)
        # Keys chosen here (not by the sequence), so that a seed gives the same rows after a rollback too.
        first = (User.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        created = User.objects.bulk_create([
            User(pk=first + i, username=u, password=hashed, is_active=True) for i, u in enumerate(self.users)
        ])
        ids = {u.username: u.pk for u in created}
        self.reviewers = {pk: ids[username] for username, _, _, pk in reviewers}
        self.secretaries = [ids[u] for u in secretaries]
        self.grants = [(ids[username], role, field, pk) for username, role, field, pk in reviewers]
        for username in self.users:
            self.writer.digest.update(username.encode())

    def _grants(self):
        RoleGrant.objects.bulk_create([RoleGrant(user_id=user, role=role, **{field: pk}) for user, role, field, pk in self.grants])


def generate(**options):
    """Generate the data set; see ``Generator``. Returns counts, fingerprint and seconds."""
    return Generator(**options).run()


def bench_target(year=None, phase=Phase.PROPOSALS):
    """The largest bloc-year of the last year visible to ``bench.reviewer`` (for ``make bench``), among
    those in ``phase`` when there are any. Pages are measured on one that reached the proposals phase
    (scores, ranking, votes and proposals); actions that change scores on one still being scored (an
    approved ranking freezes the scores)."""

    user = get_user_model().objects.get(username=BENCH_USERNAME)
    qs = BlocYear.objects.visible_to(user)
    if year:
        qs = qs.filter(year=year)
    else:
        qs = qs.filter(year=BlocYear.objects.visible_to(user).order_by("-year").values("year")[:1])
    if phase and qs.filter(phase=phase).exists():
        qs = qs.filter(phase=phase)
    by = qs.annotate(n=Count("members")).order_by("-n", "bloc_id").select_related("bloc").first()
    return user, by
