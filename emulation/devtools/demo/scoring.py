"""Demo data of the scoring area (criteria tables and scores that reproduce the seed rankings); called by blocs.demo.load_demo after the conferences are loaded.

The seed report of the 7-province cluster gives only the result of 2017 (Phú Thọ first, Tuyên
Quang second), not the scores. The table and the scores below are illustrative sample data, marked
so in the table's title and in every note; they are chosen so that the ranking computed from them
agrees with the recorded result, and so that two units tie on total and are separated by the first
tie-break (the score of group I).
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from awards.choices import CriterionKind
from awards.models import CriteriaTable, Criterion, RankEntry, Ranking, Score
from awards.scoring import criteria as criteria_services
from awards.scoring import selectors
from awards.scoring import services as svc
from blocs.models import Bloc, BlocYear

SEVEN = "Cụm thi đua 7 tỉnh Trung du và Miền núi phía Bắc"
SAMPLE = "Dữ liệu minh họa, không phải điểm thật của Cụm."

# code, title, max (None: a group); leaves follow their group.
TABLE = [
    ("I", "Thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội", None),
    ("1", "Hoàn thành các chỉ tiêu tăng trưởng kinh tế", 15),
    ("2", "Thu ngân sách nhà nước trên địa bàn", 10),
    ("3", "Giảm nghèo, bảo đảm an sinh xã hội", 10),
    ("4", "Xây dựng nông thôn mới", 15),
    ("II", "Công tác thi đua, khen thưởng", None),
    ("1", "Tổ chức các phong trào thi đua", 10),
    ("2", "Khen thưởng kịp thời, đúng đối tượng", 10),
    ("3", "Phát hiện, nhân rộng điển hình tiên tiến", 10),
    ("III", "Tham gia hoạt động của Cụm", None),
    ("1", "Tham dự đầy đủ các hội nghị của Cụm", 10),
    ("2", "Gửi báo cáo đúng thời hạn", 10),
]
BONUS = [("C1", "Sáng kiến, mô hình mới được Trung ương ghi nhận", 5)]
PENALTY = [("T1", "Chậm gửi báo cáo tổng kết", 3)]

# Verified scores of the nine criteria (in TABLE order), then bonus, then penalty.
VERIFIED = {
    "Phú Thọ": ([15, 9.5, 9.5, 14.5, 10, 9.5, 9.5, 10, 9], 0, 0),  # 96,5
    "Tuyên Quang": ([14.5, 9, 9.5, 14, 10, 9.5, 9, 10, 10], 0, 0),  # 95,5
    "Hòa Bình": ([14, 9, 9, 14, 9.5, 9, 9, 10, 9.5], 0, 0),  # 93
    "Yên Bái": ([13.5, 8.5, 9, 13.5, 9.5, 9, 9, 9.5, 9.5], 0, 0),  # 91
    "Thái Nguyên": ([14, 9.5, 9, 13, 9, 8.5, 9, 9, 9], 0, 0),  # 90, group I 45,5
    "Bắc Giang": ([14.5, 9, 8.5, 13, 9, 9, 9, 9.5, 9.5], 0, 1),  # 90, group I 45
    "Bắc Kạn": ([13, 8, 8.5, 12.5, 9, 8.5, 8.5, 9, 9], 0, 0),  # 86
}


def _table(bloc_year):
    table, _ = CriteriaTable.objects.get_or_create(
        bloc_year=bloc_year,
        defaults={"title": f"Bảng tiêu chí chấm điểm thi đua năm {bloc_year.year} (minh họa)", "penalty_cap": Decimal(3),
                  "classification": [{"min": 95, "label": "Xuất sắc"}, {"min": 85, "label": "Tốt"}]},
    )
    order, parent, leaves = 0, None, []
    for code, title, max_points in TABLE:
        order += 10
        kind = CriterionKind.SECTION if max_points is None else CriterionKind.CRITERION
        c, _ = Criterion.objects.get_or_create(
            table=table, code=code, title=title,
            defaults={"kind": kind, "max_points": Decimal(max_points or 0), "order": order,
                      "parent": None if kind == CriterionKind.SECTION else parent},
        )
        if kind == CriterionKind.SECTION:
            parent = c
        else:
            leaves.append(c)
    extras = []
    for kind, items in ((CriterionKind.BONUS, BONUS), (CriterionKind.PENALTY, PENALTY)):
        for code, title, max_points in items:
            order += 10
            c, _ = Criterion.objects.get_or_create(
                table=table, code=code, title=title, defaults={"kind": kind, "max_points": Decimal(max_points), "order": order})
            extras.append(c)
    if not table.tiebreaks:
        first_group = table.criteria.get(code="I", kind=CriterionKind.SECTION)
        table.tiebreaks = [f"section:{first_group.pk}", "fewer_penalty", "vote"]
        table.save(update_fields=["tiebreaks"])
    return table, leaves, extras


def _scores(bloc_year, leaves, extras):
    members = {m.unit.province.name if m.unit.province else m.unit.name: m
               for m in bloc_year.members.select_related("unit__province")}
    for name, (values, bonus, penalty) in VERIFIED.items():
        member = members.get(name)
        if member is None:
            continue
        for criterion, value in [*zip(leaves, values, strict=True), *zip(extras, (bonus, penalty), strict=True)]:
            verified = Decimal(str(value))
            own = min(criterion.max_points, verified + Decimal("0.5")) if criterion.kind == CriterionKind.CRITERION else verified
            Score.objects.get_or_create(
                member=member, criterion=criterion,
                defaults={"verified_score": verified, "self_score": own, "note": SAMPLE if criterion == leaves[0] else ""},
            )


def _agree(bloc_year, table):
    """Fill the totals of the recorded ranking from the computed one. The recorded ranking keeps only the
    units the report names; their computed ranks must be the recorded ones."""
    ranking = Ranking.objects.filter(bloc_year=bloc_year).first()
    if ranking is None:
        return svc.ranking_compute(bloc_year=bloc_year, user=None)
    _spec, rows, placed = selectors.computed_ranking(bloc_year, table)
    by_unit = {r.member.unit_id: r for r in rows}
    computed = {p.unit_id: p for p in placed}
    for entry in RankEntry.objects.filter(ranking=ranking):
        p = computed.get(entry.unit_id)
        if p is None or p.rank != entry.rank:
            raise ValueError(f"Demo scores disagree with the recorded rank of {entry.unit}.")
        entry.total = p.total
        entry.classification = by_unit[p.unit_id].classification
        entry.tiebreak_note = p.tiebreak_note
        entry.save(update_fields=["total", "classification", "tiebreak_note"])
    return ranking


@transaction.atomic
def load():
    """Idempotent: find every record by its natural key first."""
    bloc = Bloc.objects.filter(name=SEVEN).first()
    if bloc is None:
        return
    y2017 = BlocYear.objects.filter(bloc=bloc, year=2017).first()
    if y2017 is None:
        return
    table, leaves, extras = _table(y2017)
    _scores(y2017, leaves, extras)
    _agree(y2017, table)
    # 2018: the same table copied from 2017, ready for scoring.
    y2018 = BlocYear.objects.filter(bloc=bloc, year=2018).first()
    if y2018 is not None and not CriteriaTable.objects.filter(bloc_year=y2018).exists():
        user = get_user_model().objects.filter(username="thuky").first()
        criteria_services.table_copy(source=table, target_bloc_year=y2018, user=user)
