"""Names of the data set: people, units (per kind of bloc), blocs of a province and of the Central
council, yearly themes. Every maker draws from the generator's ``random.Random`` in a fixed order."""

from blocs.choices import BlocKind, UnitKind

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



def person(rng):
    """A Vietnamese full name and its gender ("nam" or "nu")."""
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
