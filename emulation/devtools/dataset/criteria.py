"""The criteria table of a generated bloc: 40–60 rows in 4–5 sections, then bonus and penalty."""

from awards.choices import CriterionKind

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


def criteria_template(rng):
    """One bloc's criteria: rows (kind, code, title, max points, parent row index or None), reused
    (as new rows) every year; a section's maximum is the sum of its criteria."""
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
