"""Award types, legal bases and rule parameters shipped with the app (loaded by a migration).

Values the domain brief marks NOT CONFIRMED are stored with ``confirmed=False`` and stay editable
by the administrator in the admin pages.
"""

import datetime

D = datetime.date

LEGAL_BASES = [
    # code, title, valid_from, valid_to, confirmed
    ("TĐKT-2003", "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)", D(2004, 1, 1), D(2023, 12, 31), True),
    ("91/2017/NĐ-CP", "Nghị định số 91/2017/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", D(2017, 10, 1), D(2023, 12, 31), False),
    ("06/2022/QH15", "Luật Thi đua, khen thưởng số 06/2022/QH15", D(2024, 1, 1), None, True),
    ("98/2023/NĐ-CP", "Nghị định số 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", D(2024, 1, 1), D(2025, 6, 30), True),
    ("152/2025/NĐ-CP", "Nghị định số 152/2025/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", D(2025, 7, 1), None, True),
]

AWARD_TYPES = [
    # code, name, category, subject, level, authority, order
    ("co-chinh-phu", "Cờ thi đua của Chính phủ", "title", "collective", "state", "Thủ tướng Chính phủ", 10),
    ("co-bo", "Cờ thi đua cấp bộ, ngành", "title", "collective", "ministry", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ", 20),
    ("co-tinh", "Cờ thi đua cấp tỉnh", "title", "collective", "province", "Chủ tịch Ủy ban nhân dân tỉnh", 30),
    ("bk-ttg", "Bằng khen của Thủ tướng Chính phủ", "form", "", "state", "Thủ tướng Chính phủ", 40),
    ("bk-bo", "Bằng khen của Bộ trưởng", "form", "", "ministry", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ", 50),
    ("bk-tinh", "Bằng khen của Chủ tịch UBND tỉnh", "form", "", "province", "Chủ tịch Ủy ban nhân dân tỉnh", 60),
    ("giay-khen", "Giấy khen", "form", "", "unit", "Thủ trưởng cơ quan, đơn vị", 70),
]

# award code -> list of (legal basis code, valid_from, valid_to, params, confirmed)
AWARD_RULES = {
    "co-chinh-phu": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"bloc_leader_only": True, "legal": True, "article": "Điều 25 Luật Thi đua, khen thưởng 2022"}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"bloc_leader_only": True, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003, Nghị định 91/2017"}, False),
    ],
    "co-bo": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2022"}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003"}, False),
    ],
    "co-tinh": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2022"}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003"}, False),
    ],
}


def load_award_reference(LegalBasis, AwardType, AwardRule):
    bases = {}
    for code, title, start, end, confirmed in LEGAL_BASES:
        bases[code], _ = LegalBasis.objects.update_or_create(
            code=code, defaults={"title": title, "valid_from": start, "valid_to": end, "confirmed": confirmed}
        )
    types = {}
    for code, name, category, subject, level, authority, order in AWARD_TYPES:
        types[code], _ = AwardType.objects.update_or_create(
            code=code, defaults={"name": name, "category": category, "subject": subject, "level": level,
                                 "authority": authority, "order": order},
        )
    for code, rules in AWARD_RULES.items():
        for basis, start, end, params, confirmed in rules:
            AwardRule.objects.update_or_create(
                award_type=types[code], legal_basis=bases[basis],
                defaults={"valid_from": start, "valid_to": end, "params": params, "confirmed": confirmed},
            )
