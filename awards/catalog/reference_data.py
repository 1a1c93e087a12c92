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
    # The expiry of 01/03/2027 is NOT CONFIRMED (registry metadata only): left open, editable.
    ("152/2025/NĐ-CP", "Nghị định số 152/2025/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng", D(2025, 7, 1), None, True),
    # NOT CONFIRMED (one secondary source): stored unconfirmed so the administrator can confirm or delete it.
    ("06/2026/QH16", "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 06/2026/QH16 (chưa xác nhận)", D(2026, 10, 1), None, False),
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
# ``params`` keys read by ``awards.proposals.checks``:
#   top_rank_only (int): only units ranked at most this in the bloc's ranking (the organiser's flag);
#   bloc_leader_only (bool): only the unit that led its bloc's ranking (the Government flag);
#   legal (bool): true = a hard stop; false = a convention the secretary may override with a reason;
#   article (text): the provision quoted in the check's message;
#   required_attachments (list of AttachmentKind values): the dossier (a convention: a warning).
# Several rules may be in force on one day (the Law and its decree): the checks apply each of them.
_LAW_2022 = "Luật Thi đua, khen thưởng 2022"
AWARD_RULES = {
    "co-chinh-phu": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"bloc_leader_only": True, "legal": True, "article": "Điều 25 " + _LAW_2022}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"bloc_leader_only": True, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003, Nghị định 91/2017"}, False),
        ("98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30), {"article": "Nghị định 98/2023/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
        ("152/2025/NĐ-CP", D(2025, 7, 1), None, {"article": "Nghị định 152/2025/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
    ],
    "co-bo": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"top_rank_only": 1, "legal": True, "article": "Điều 26 " + _LAW_2022}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003"}, False),
        ("98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30), {"article": "Nghị định 98/2023/NĐ-CP (hồ sơ Cờ thi đua cấp bộ)", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, True),
        ("152/2025/NĐ-CP", D(2025, 7, 1), None, {"article": "Nghị định 152/2025/NĐ-CP (hồ sơ Cờ thi đua cấp bộ)", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
    ],
    "co-tinh": [
        ("06/2022/QH15", D(2024, 1, 1), None, {"top_rank_only": 1, "legal": True, "article": "Điều 26 " + _LAW_2022}, True),
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"top_rank_only": 1, "legal": True, "article": "Điều 26 Luật Thi đua, khen thưởng 2003"}, False),
        ("98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30), {"article": "Nghị định 98/2023/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
        ("152/2025/NĐ-CP", D(2025, 7, 1), None, {"article": "Nghị định 152/2025/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
    ],
    "bk-ttg": [
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"article": "Luật Thi đua, khen thưởng 2003, Nghị định 91/2017/NĐ-CP", "legal": True}, False),
        ("06/2022/QH15", D(2024, 1, 1), None, {"article": "Điều 73 " + _LAW_2022, "legal": True}, True),
        ("98/2023/NĐ-CP", D(2024, 1, 1), D(2025, 6, 30), {"article": "Nghị định 98/2023/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, False),
        ("152/2025/NĐ-CP", D(2025, 7, 1), None, {"article": "Điều 42 Nghị định 152/2025/NĐ-CP", "legal": False, "required_attachments": ["submission", "report", "minutes"]}, True),
    ],
    "bk-bo": [
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"article": "Luật Thi đua, khen thưởng 2003, Nghị định 91/2017/NĐ-CP", "legal": True}, False),
        ("06/2022/QH15", D(2024, 1, 1), None, {"article": "Điều 74 " + _LAW_2022, "legal": True}, True),
    ],
    "bk-tinh": [
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"article": "Luật Thi đua, khen thưởng 2003, Nghị định 91/2017/NĐ-CP", "legal": True}, False),
        ("06/2022/QH15", D(2024, 1, 1), None, {"article": "Điều 74 " + _LAW_2022, "legal": True}, True),
    ],
    "giay-khen": [
        ("91/2017/NĐ-CP", None, D(2023, 12, 31), {"article": "Luật Thi đua, khen thưởng 2003, Nghị định 91/2017/NĐ-CP", "legal": True}, False),
        # Criteria and deciding authority not researched (domain brief 2.6): unconfirmed, editable.
        ("06/2022/QH15", D(2024, 1, 1), None, {"article": _LAW_2022, "legal": True}, False),
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
