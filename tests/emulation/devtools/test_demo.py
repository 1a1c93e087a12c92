from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from awards.models import Proposal, RankEntry
from blocs.models import Bloc, BlocMember, BlocYear, Meeting, Unit
from emulation.devtools.demo.core import SEVEN


def _counts():
    return [m.objects.count() for m in (Bloc, BlocYear, BlocMember, Meeting, Proposal, RankEntry, Unit)]


def test_demo_loads_the_five_conferences_and_is_idempotent(demo):
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    assert Bloc.objects.count() == 5


def test_seven_province_cluster_as_reported(demo):
    bloc = Bloc.objects.get(name=SEVEN)
    assert bloc.organizer.kind == "central"
    y2017 = bloc.years.get(year=2017)
    assert sorted(m.unit.name for m in y2017.members.all()) == sorted(
        ["Bắc Kạn", "Bắc Giang", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"]
    )
    assert y2017.members.get(role="leader").unit.name == "Tuyên Quang"
    assert y2017.members.get(role="deputy").unit.name == "Hòa Bình"
    y2018 = bloc.years.get(year=2018)
    assert y2018.members.get(role="leader").unit.name == "Hòa Bình"
    assert y2018.members.get(role="deputy").unit.name == "Yên Bái"
    ranks = {e.unit.name: e.rank for e in y2017.ranking.entries.all()}
    assert ranks == {"Phú Thọ": 1, "Tuyên Quang": 2}
    awards = {(p.nominee, p.award_type.code) for p in y2017.proposals.all()}
    assert ("Phú Thọ", "co-chinh-phu") in awards
    assert ("Tuyên Quang", "bk-ttg") in awards
    assert y2017.proposals.get(headcount=24).award_type.name.startswith("Bằng khen")


def test_pre_2025_province_names_are_kept(demo):
    assert Bloc.objects.get(name="Khối thi đua II").province.name == "Cao Bằng"
    thai_binh = Bloc.objects.get(name="Khối thi đua các sở, ngành tổng hợp").province
    assert thai_binh.name == "Thái Bình" and thai_binh.successor.name == "Hưng Yên"
    assert Bloc.objects.get(name="Khối thi đua các cơ quan Đảng tỉnh").province.valid_to is not None


def test_facts_not_in_the_reports_stay_empty(demo):
    cao_bang_2018 = Bloc.objects.get(name="Khối thi đua II").years.get(year=2018)
    assert cao_bang_2018.members.get(role="leader").unit.name == "Sở Công Thương"
    assert not cao_bang_2018.members.filter(role="deputy").exists()


def test_demo_accounts_log_in_with_the_demo_password(demo):
    for username in ["admin", "banthidua", "thuky", "truongkhoi"]:
        # Logins go through django-axes, which counts failures per request's address.
        request = RequestFactory().post("/dang-nhap/")
        assert authenticate(request, username=username, password="demo-2026") is not None
