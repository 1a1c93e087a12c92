from django.urls import reverse

from awards.models import Proposal


def test_admin_pages_of_the_awards_area_open(demo, admin_client):
    for model in ["legalbasis", "awardtype", "awardrule", "quota", "proposal", "vote", "notification"]:
        r = admin_client.get(reverse(f"admin:awards_{model}_changelist"))
        assert r.status_code == 200, model
    p = Proposal.objects.filter(status="approved").first()
    r = admin_client.get(reverse("admin:awards_proposal_change", args=[p.pk]))
    assert r.status_code == 200 and 'name="justification"' not in r.content.decode()  # frozen: read only


def test_demo_proposals_have_stored_check_results(demo):
    assert not Proposal.objects.filter(checks_at__isnull=True).exists()
    # Gia Lai 2017: flags proposed with no ranking recorded are flagged for the office.
    gia_lai = Proposal.objects.filter(bloc_year__bloc__name="Khối thi đua các cơ quan Đảng tỉnh", award_type__code="co-tinh")
    assert gia_lai.count() == 3 and all(p.checks_blocking >= 1 for p in gia_lai)
    seven = Proposal.objects.get(bloc_year__year=2017, unit__name="Phú Thọ")
    assert seven.checks_blocking == 0 and seven.checks_warning == 0 and "91/2017/NĐ-CP" in seven.rule_set


def test_demo_review_queue_for_the_central_office(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="banthidua"))
    html = client.get(reverse("awards:review_queue"), {"nam": 2017}).content.decode()
    assert "Phú Thọ" in html and "Tuyên Quang" in html and "7/7" in html
    assert "Sở Xây dựng" not in html  # Cao Bằng's bloc belongs to another organiser
