from awards.models import Proposal, Vote


def test_seven_province_2017_votes_are_recorded_and_marked_illustrative(demo):
    votes = {v.unit.name: v for v in Vote.objects.filter(bloc_year__year=2017, bloc_year__bloc__name__startswith="Cụm thi đua 7 tỉnh").select_related("unit", "award_type", "meeting")}
    assert set(votes) == {"Phú Thọ", "Tuyên Quang"}
    assert votes["Phú Thọ"].award_type.code == "co-chinh-phu"
    assert votes["Tuyên Quang"].award_type.code == "bk-ttg"
    for vote in votes.values():
        assert (vote.votes_for, vote.base_count, vote.present_count) == (7, 7, 7)
        assert vote.is_illustrative and "minh họa" in vote.note
        assert vote.meeting is not None and vote.meeting.date.isoformat() == "2018-03-22"
    linked = Proposal.objects.filter(vote__in=votes.values()).count()
    assert linked == 2


def test_loading_the_demo_twice_adds_no_vote(demo):
    from emulation.devtools.demo.core import load_demo

    before = Vote.objects.count()
    load_demo()
    assert Vote.objects.count() == before
