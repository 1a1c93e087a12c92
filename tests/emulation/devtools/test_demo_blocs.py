"""The blocs area's demo facts: attendance of 22/03/2018, pledge signatories, Thái Bình's 2020 pledge."""

from blocs.models import MeetingAttendance, Pledge, PledgeCommitment, PledgeSignatory
from emulation.devtools.demo import blocs as demo_blocs


def test_demo_facts_of_the_blocs_area_are_loaded_once(seven):
    counts = [MeetingAttendance.objects.count(), PledgeSignatory.objects.count(), PledgeCommitment.objects.count()]
    demo_blocs.load()
    assert [MeetingAttendance.objects.count(), PledgeSignatory.objects.count(), PledgeCommitment.objects.count()] == counts
    meeting = seven.years.get(year=2017).meetings.get(kind="year_end")
    assert meeting.attendance.count() == 7
    assert meeting.attendance.get(unit__name="Bắc Kạn").representative == "Phạm Duy Hưng"
    pledge = Pledge.objects.get(bloc_year__bloc=seven, bloc_year__year=2018)
    assert pledge.signatories.count() == 7
    assert pledge.signatories.get(unit__name="Yên Bái").signer_title == "Chủ tịch UBND tỉnh"
    tb = Pledge.objects.get(bloc_year__year=2020, bloc_year__bloc__name="Khối thi đua các sở, ngành tổng hợp")
    assert [c.order for c in tb.commitments.all()] == [1, 2, 3, 4]
    assert seven.succession_policy == "deputy_succeeds"


def test_demo_records_the_2025_department_merges_of_cao_bang(demo):
    import datetime

    from blocs.models import Unit

    gtvt = Unit.objects.get(name="Sở Giao thông Vận tải")
    assert gtvt.valid_to == datetime.date(2025, 2, 28) and gtvt.successor.name == "Sở Xây dựng"
    assert Unit.objects.get(name="Sở Tài nguyên và Môi trường").successor.name == "Sở Nông nghiệp và Môi trường"
    demo_blocs.load()
    assert Unit.objects.filter(name="Sở Nông nghiệp và Môi trường").count() == 1
