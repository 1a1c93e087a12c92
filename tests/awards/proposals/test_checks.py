"""Every check before submission, passing and failing, with the basis named in its message."""

import datetime

from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.models import Proposal, ProposalAttachment, Quota
from awards.proposals.checks import CONVENTION, LEGAL, rule_date, run_checks
from blocs.models import Unit
from tests.factories import bloc_year_with_members

from .conftest import award, collective, rank_all, vote


def _check(proposal, code):
    found = [r for r in run_checks(proposal) if r.code == code]
    assert found, f"check {code} did not run"
    return found[0]


def test_rules_of_the_period_apply_to_the_year():
    assert rule_date(2017) == datetime.date(2018, 1, 1)


def test_government_flag_passes_for_the_unit_that_led_the_ranking(ranked):
    p = collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu")
    r = _check(p, "government_flag_leader")
    assert r.ok and r.level == LEGAL and "Điều 25 Luật Thi đua, khen thưởng 2022" in r.message


def test_government_flag_fails_for_the_second_unit_naming_article_25(ranked):
    p = collective(ranked.by_a, ranked.units_a[1], "co-chinh-phu")
    r = _check(p, "government_flag_leader")
    assert not r.ok and r.level == LEGAL
    assert "chỉ xét cho đơn vị dẫn đầu" in r.message and "xếp thứ 2" in r.message and "Điều 25" in r.message


def test_government_flag_fails_for_an_unranked_unit(world):
    unit = world.by_a.members.first().unit
    r = _check(collective(world.by_a, unit, "co-chinh-phu"), "government_flag_leader")
    assert not r.ok and "chưa có trong kết quả xếp hạng" in r.message


def test_organizer_flag_only_for_the_top_ranked_unit(ranked):
    ok = _check(collective(ranked.by_a, ranked.units_a[0], "co-tinh"), "organizer_flag_top_rank")
    bad = _check(collective(ranked.by_a, ranked.units_a[2], "co-bo"), "organizer_flag_top_rank")
    assert ok.ok and "Điều 26" in ok.message
    assert not bad.ok and bad.level == LEGAL and "xếp thứ 3" in bad.message and "Điều 26" in bad.message


def test_2017_proposals_follow_the_rules_of_decree_91_2017(world):
    by = bloc_year_with_members(7, bloc=world.bloc_a, year=2017)
    units = rank_all(by)
    p = collective(by, units[1], "co-chinh-phu")
    r = _check(p, "government_flag_leader")
    assert not r.ok and "Nghị định 91/2017" in r.message


def test_vote_threshold_passes_and_shows_the_percentage(ranked):
    p = collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu", vote=ranked.by_a.votes.get(unit=ranked.units_a[0]))
    r = _check(p, "vote_threshold")
    assert r.ok and r.level == CONVENTION and "5/5 phiếu (100%)" in r.message and "Quy chế hoạt động" in r.message


def test_vote_threshold_fails_below_the_bloc_years_threshold(ranked):
    ranked.by_a.vote_threshold_percent = 80
    ranked.by_a.save()
    v = vote(ranked.by_a, ranked.units_a[2], votes_for=3)
    r = _check(collective(ranked.by_a, ranked.units_a[2], "bk-ttg", vote=v), "vote_threshold")
    assert not r.ok and r.level == CONVENTION and "3/5 phiếu (60%)" in r.message and "80%" in r.message


def test_missing_vote_is_a_warning_for_a_collective(ranked):
    r = _check(collective(ranked.by_a, ranked.units_a[3], "bk-ttg"), "vote_threshold")
    assert not r.ok and r.level == CONVENTION and "Chưa có kết quả bỏ phiếu" in r.message


def test_quorum_passes_and_fails(ranked):
    full = _check(collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu", vote=ranked.by_a.votes.get(unit=ranked.units_a[0])), "quorum")
    assert full.ok and "5/5 thành viên" in full.message
    v = vote(ranked.by_a, ranked.units_a[2], votes_for=2, present=2, base_count=5)
    thin = _check(collective(ranked.by_a, ranked.units_a[2], "bk-ttg", vote=v), "quorum")
    assert not thin.ok and thin.level == CONVENTION and "có mặt 2/5 thành viên (40%)" in thin.message


def test_quota_by_count_passes_then_fails(ranked):
    Quota.objects.create(organizer=ranked.org_a, year=2026, award_type=award("bk-ttg"), max_count=1)
    first = collective(ranked.by_a, ranked.units_a[1], "bk-ttg")
    assert _check(first, "quota").ok
    second = collective(ranked.by_a, ranked.units_a[2], "bk-ttg")
    assert _check(second, "quota").ok  # drafts take no place
    first.status = ProposalStatus.SUBMITTED
    first.save()
    r = _check(second, "quota")
    assert not r.ok and r.level == LEGAL and "Vượt chỉ tiêu" in r.message and "chỉ tiêu là 1" in r.message
    assert "Chỉ tiêu khen thưởng năm 2026" in r.message


def test_quota_by_percentage_of_members_counts_headcount(ranked):
    # 5 members of the organiser in 2026; 40% -> 2 places; a group of 3 individuals exceeds it.
    Quota.objects.create(organizer=ranked.org_a, year=2026, award_type=award("bk-tinh"), max_percent=40)
    group = Proposal.objects.create(bloc_year=ranked.by_a, award_type=award("bk-tinh"), subject=Subject.INDIVIDUAL, headcount=3)
    r = _check(group, "quota")
    assert not r.ok and "lên 3" in r.message and "chỉ tiêu là 2" in r.message
    group.headcount = 2
    group.save()
    assert _check(group, "quota").ok


def test_rejected_and_returned_proposals_do_not_use_the_quota(ranked):
    Quota.objects.create(organizer=ranked.org_a, year=2026, award_type=award("bk-ttg"), max_count=1)
    collective(ranked.by_a, ranked.units_a[1], "bk-ttg", status=ProposalStatus.REJECTED)
    assert _check(collective(ranked.by_a, ranked.units_a[2], "bk-ttg"), "quota").ok


def test_same_unit_twice_for_the_same_award_and_year_fails(ranked):
    first = collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu")
    assert _check(first, "duplicate").ok
    second = collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu")
    r = _check(second, "duplicate")
    assert not r.ok and r.level == LEGAL and "đã được đề nghị Cờ thi đua của Chính phủ năm 2026" in r.message
    assert "một thành tích không khen thưởng nhiều lần" in r.message


def test_same_person_written_differently_is_a_duplicate(world):
    kw = dict(bloc_year=world.by_a, award_type=award("bk-tinh"), subject=Subject.INDIVIDUAL, person_unit="Sở Nội vụ")
    Proposal.objects.create(person_name="Nguyễn Thị Hoà", **kw)
    other = Proposal.objects.create(person_name="nguyễn  thị  hòa", **kw)
    assert not _check(other, "duplicate").ok
    different = Proposal.objects.create(person_name="Nguyễn Thị Hoa", **kw)
    assert _check(different, "duplicate").ok


def test_unit_that_no_longer_exists_cannot_be_proposed(ranked):
    successor = Unit.objects.create(name="Sở Nội vụ mới", kind="department")
    unit = ranked.units_a[0]
    unit.valid_to = datetime.date(2025, 6, 30)
    unit.successor = successor
    unit.save()
    r = _check(collective(ranked.by_a, unit, "co-chinh-phu"), "unit_exists")
    assert not r.ok and r.level == LEGAL
    assert "đã hết hiệu lực từ 30/06/2025" in r.message and "sáp nhập vào Sở Nội vụ mới" in r.message


def test_unit_existing_on_the_reference_day_passes(ranked):
    r = _check(collective(ranked.by_a, ranked.units_a[0], "co-chinh-phu"), "unit_exists")
    assert r.ok


def test_award_for_collectives_only_refuses_an_individual(world):
    p = Proposal.objects.create(bloc_year=world.by_a, award_type=award("co-chinh-phu"), subject=Subject.INDIVIDUAL, person_name="Lê Văn Bình")
    r = _check(p, "subject")
    assert not r.ok and r.level == LEGAL and "chỉ xét tặng cho tập thể" in r.message
    ok = Proposal.objects.create(bloc_year=world.by_a, award_type=award("bk-ttg"), subject=Subject.INDIVIDUAL, person_name="Lê Văn Bình")
    assert _check(ok, "subject").ok


def test_dossier_under_decree_152_needs_submission_report_and_minutes(world):
    by = bloc_year_with_members(5, bloc=world.bloc_a, year=2025)
    units = rank_all(by)
    p = collective(by, units[0], "co-chinh-phu")
    r = _check(p, "attachments")
    assert not r.ok and r.level == CONVENTION and "Nghị định 152/2025/NĐ-CP" in r.message
    assert "tờ trình" in r.message and "biên bản họp bình xét" in r.message
    for kind in [AttachmentKind.SUBMISSION, AttachmentKind.ACHIEVEMENT_REPORT, AttachmentKind.MINUTES]:
        ProposalAttachment.objects.create(proposal=p, kind=kind, file="x.pdf", original_name="x.pdf")
    assert _check(p, "attachments").ok


def test_decree_98_applies_to_2024_and_2023_uses_the_old_rules(world):
    from awards.proposals.checks import rules_in_force

    assert {r.legal_basis.code for r in rules_in_force(award("co-chinh-phu"), 2024)} == {"06/2022/QH15", "98/2023/NĐ-CP"}
    assert {r.legal_basis.code for r in rules_in_force(award("co-chinh-phu"), 2025)} == {"06/2022/QH15", "152/2025/NĐ-CP"}
    assert {r.legal_basis.code for r in rules_in_force(award("co-chinh-phu"), 2017)} == {"91/2017/NĐ-CP"}


def test_quorum_unknown_without_the_number_present(ranked):
    v = vote(ranked.by_a, ranked.units_a[2], votes_for=5, present=None)
    r = _check(collective(ranked.by_a, ranked.units_a[2], "bk-ttg", vote=v), "quorum")
    assert not r.ok and r.level == CONVENTION and "Chưa ghi số thành viên có mặt" in r.message


def test_vote_counted_on_another_base_than_the_years_rule_is_flagged(ranked):
    from blocs.models import VoteBase

    v = vote(ranked.by_a, ranked.units_a[2], votes_for=4, present=4, base_count=4)
    v.base = VoteBase.PRESENT
    v.save()
    r = _check(collective(ranked.by_a, ranked.units_a[2], "bk-ttg", vote=v), "vote_base")
    assert not r.ok and "Số thành viên có mặt" in r.message and "Tổng số thành viên" in r.message
