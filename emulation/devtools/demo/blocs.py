"""Demo data of the blocs area (pledges, meetings, attendance, succession); called by blocs.demo.load_demo after the conferences are loaded.

Only what the seed reports say: who attended the 22/03/2018 conference of the 7-province cluster
(and who spoke for Bắc Kạn), one signatory row per member of the pledges the reports mention
(titles and signing formulas from the units; names are not given), and the content of the 2020
pledge of Thái Bình's general departments bloc as the report summarises it.
"""

import datetime

from blocs.choices import Attendance, MeetingKind, SuccessionPolicy, UnitKind
from blocs.models import Bloc, Meeting, MeetingAttendance, Pledge, PledgeCommitment, PledgeSignatory, Unit
from blocs.years import services
from emulation.devtools.demo.seeds import SEVEN

THAI_BINH_2020 = [
    "Thi đua thực hiện hoàn thành xuất sắc nhiệm vụ năm 2020 gắn với các phong trào thi đua do trung ương, tỉnh, "
    "ngành và các đơn vị trong khối phát động.",
    "Tiếp tục tuyên truyền, nhân rộng các điển hình tiên tiến, mô hình mới.",
    "Tham mưu với Tỉnh ủy, HĐND, UBND tỉnh triển khai có hiệu quả các chế độ, chính sách của Đảng, Nhà nước, ban hành "
    "các cơ chế, chính sách phù hợp phục vụ nhiệm vụ phát triển kinh tế xã hội của tỉnh.",
    "Tiếp tục đẩy mạnh thực hiện kỷ luật, kỷ cương hành chính, nâng cao hiệu lực, hiệu quả điều hành của người đứng "
    "đầu đơn vị, góp phần thực hiện có hiệu quả các phong trào thi đua, hoàn thành tốt các chỉ tiêu kinh tế - xã hội "
    "của tỉnh.",
]

# Who the report names for each province at the conference of 22/03/2018.
SEVEN_SPEAKERS = {
    "Tuyên Quang": ("Phạm Minh Huấn", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Tuyên Quang"),
    "Hòa Bình": ("Nguyễn Văn Quang", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Hòa Bình"),
    "Bắc Kạn": ("Phạm Duy Hưng", "Phó Chủ tịch UBND tỉnh Bắc Kạn"),
}


def _signatories(pledge):
    """One row per member unit with the unit's usual title and formula (no names: the reports give none)."""
    for member in pledge.bloc_year.members.select_related("unit"):
        PledgeSignatory.objects.get_or_create(
            pledge=pledge, unit=member.unit,
            defaults={"signer_title": member.unit.head_title, "signing_formula": member.unit.signing_formula},
        )


def load_seven_provinces():
    bloc = Bloc.objects.get(name=SEVEN)
    if bloc.succession_policy != SuccessionPolicy.DEPUTY_SUCCEEDS:
        bloc.succession_policy = SuccessionPolicy.DEPUTY_SUCCEEDS
        bloc.save(update_fields=["succession_policy"])
    y2017 = bloc.years.get(year=2017)
    meeting = Meeting.objects.get(bloc_year=y2017, kind=MeetingKind.YEAR_END)
    for member in y2017.members.select_related("unit"):
        name, title = SEVEN_SPEAKERS.get(member.unit.name, ("", ""))
        MeetingAttendance.objects.get_or_create(
            meeting=meeting, unit=member.unit,
            defaults={"status": Attendance.PRESENT, "representative": name, "representative_title": title},
        )
    for year in (2017, 2018):
        pledge = Pledge.objects.filter(bloc_year__bloc=bloc, bloc_year__year=year).first()
        if pledge:
            _signatories(pledge)


def load_thai_binh():
    pledge = Pledge.objects.filter(
        bloc_year__bloc__name="Khối thi đua các sở, ngành tổng hợp", bloc_year__year=2020,
        bloc_year__bloc__organizer__province__name="Thái Bình",
    ).first()
    if pledge is None:
        return
    for order, text in enumerate(THAI_BINH_2020, start=1):
        PledgeCommitment.objects.get_or_create(pledge=pledge, order=order, defaults={"text": text})
    _signatories(pledge)


DEPARTMENT_MERGES_2025 = [
    # (merged departments, the department they form), from 01/03/2025 (Decree 45/2025/NĐ-CP; domain brief 5.3).
    (["Sở Giao thông Vận tải"], "Sở Xây dựng"),
    (["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"], "Sở Nông nghiệp và Môi trường"),
]


def load_cao_bang_merges():
    """The 2025 department merges among the Cao Bằng units of the demo, recorded with the merge tool."""


    day = datetime.date(2025, 3, 1)
    known = Unit.objects.filter(kind=UnitKind.DEPARTMENT, province__name="Cao Bằng")
    if not known.exists():
        return
    province = known.first().province
    for old_names, new_name in DEPARTMENT_MERGES_2025:
        into, _created = Unit.objects.get_or_create(
            name=new_name, province=province, kind=UnitKind.DEPARTMENT,
            defaults={"valid_from": day if new_name == "Sở Nông nghiệp và Môi trường" else None},
        )
        olds = list(known.filter(name__in=old_names, valid_to__isnull=True))
        if olds:
            services.unit_merge(user=None, units=olds, into=into, on=day)


def load():
    """Idempotent: find every record by its natural key first."""
    load_seven_provinces()
    load_thai_binh()
    load_cao_bang_merges()
