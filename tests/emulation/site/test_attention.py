"""The home page's "what needs your attention" points each demo user to real work, and each link
leads to a page that shows that work (not to an empty list)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from awards.choices import ProposalStatus
from awards.models import Proposal


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _waiting_for_banthidua():
    from blocs.models import Bloc
    from emulation.devtools.demo.core import SEVEN

    return Proposal.objects.awaiting_review().filter(organizer=Bloc.objects.get(name=SEVEN).organizer)


def _items(html):
    """(href, text) of the attention list of the home page."""
    block = html.split('<ul class="attention">', 1)[1].split("</ul>", 1)[0]
    return [(href.replace("&amp;", "&"), text) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)]


def test_the_reviewers_waiting_proposals_link_opens_a_queue_that_lists_them(demo):
    client = _client("banthidua")
    waiting = _waiting_for_banthidua().count()
    assert waiting, "the demo has proposals awaiting review"
    items = _items(client.get(reverse("home")).content.decode())
    [(href, text)] = [(h, t) for h, t in items if h.startswith(reverse("awards:review_queue"))]
    assert str(waiting) in text
    queue = client.get(href).content.decode()
    assert queue.count('<tr data-id="') == waiting


def test_the_queue_opens_on_the_latest_year_with_proposals_awaiting_review(demo):
    """Reviews run from November to January: in January the previous year's proposals still wait."""
    client = _client("banthidua")
    years = set(_waiting_for_banthidua().values_list("year", flat=True))
    html = client.get(reverse("awards:review_queue")).content.decode()
    assert f"Đề nghị khen thưởng năm {max(years)}" in html
    assert f'name="nam" value="{max(years)}"' in html
    assert html.count('<tr data-id="') == _waiting_for_banthidua().filter(year=max(years)).count()


@pytest.mark.parametrize("status", [ProposalStatus.APPROVED])
def test_the_queue_without_waiting_proposals_opens_on_the_current_year(demo, status):
    from django.utils import timezone

    Proposal.objects.update(status=status)
    html = _client("banthidua").get(reverse("awards:review_queue")).content.decode()
    assert f"Đề nghị khen thưởng năm {timezone.localdate().year}" in html


def _seven_2018():
    from blocs.models import BlocYear
    from emulation.devtools.demo.core import SEVEN

    return BlocYear.objects.get(bloc__name=SEVEN, year=2018)


def _home_items(username):
    client = _client(username)
    items = _items(client.get(reverse("home")).content.decode())
    for href, text in items:
        assert client.get(href).status_code == 200, (username, href, text)
    return client, items


def test_the_secretary_sees_the_phase_of_the_current_year_and_the_pledge_copies_still_out(demo):
    from blocs.models import PledgeSignatory

    by = _seven_2018()
    _, items = _home_items("thuky")
    year_url = reverse("blocs:bloc_year_detail", args=[by.bloc_id, 2018])
    assert (year_url, f"{by} đang ở giai đoạn «Đã ký giao ước». Bước tiếp theo: «Sơ kết giữa năm».") in items
    signatories = reverse("blocs:pledge_signatories", args=[by.bloc_id, 2018])
    assert (signatories, f"{by}: 7/7 đơn vị chưa gửi lại bản giao ước đã ký.") in items

    PledgeSignatory.objects.filter(pk__in=by.pledge.signatories.values("pk")[:2]).update(returned=True)
    _, items = _home_items("thuky")
    assert (signatories, f"{by}: 5/7 đơn vị chưa gửi lại bản giao ước đã ký.") in items
    by.pledge.signatories.update(returned=True)
    _, items = _home_items("thuky")
    assert signatories not in [href for href, _ in items]


def test_in_the_scoring_phase_the_secretary_is_sent_to_the_scores_still_missing(demo):
    from awards.choices import CriterionKind
    from awards.models import Criterion, Score
    from blocs.choices import Phase

    by = _seven_2018()
    by.phase = Phase.SCORING
    by.save(update_fields=["phase"])
    criteria = list(Criterion.objects.filter(table__bloc_year=by, kind=CriterionKind.CRITERION))
    members = list(by.members.all())
    assert criteria and members
    Score.objects.filter(criterion__table__bloc_year=by).delete()
    Score.objects.create(criterion=criteria[0], member=members[0], verified_score=criteria[0].max_points)
    Score.objects.create(criterion=criteria[0], member=members[1], self_score=0)  # self score only: still missing
    _, items = _home_items("thuky")
    missing = len(criteria) * len(members) - 1
    grid = reverse("awards:score_grid", args=[by.bloc_id, 2018])
    assert (grid, f"{by}: còn {missing} ô điểm thẩm định chưa nhập ({len(members)} đơn vị × {len(criteria)} tiêu chí).") in items


def test_the_leader_unit_is_sent_to_print_the_pledge_and_to_send_the_proposals(demo):
    from awards.choices import Subject
    from awards.models import AwardType

    by = _seven_2018()
    documents = reverse("awards:documents_index", args=[by.bloc_id, 2018])
    client, items = _home_items("truongkhoi")
    assert (documents, f"{by}: in bản giao ước để ký và gửi các đơn vị (0/7 đơn vị đã gửi lại bản ký).") in items
    assert "giao-uoc.pdf" in client.get(documents).content.decode()

    unit = by.members.get(role="member", unit__name="Phú Thọ").unit
    Proposal.objects.create(bloc_year=by, award_type=AwardType.objects.get(code="bk-ttg"), unit=unit,
                            subject=Subject.COLLECTIVE, rank=1)
    client, items = _home_items("truongkhoi")
    proposals = reverse("awards:proposal_list", args=[by.bloc_id, 2018])
    assert (proposals, f"{by}: 1 đề nghị khen thưởng chờ đơn vị trưởng khối gửi Ban Thi đua - Khen thưởng.") in items
    assert "Phú Thọ" in client.get(proposals).content.decode()


def test_a_closed_year_asks_nothing_more(demo):
    from blocs.choices import Phase

    by = _seven_2018()
    by.phase = Phase.CLOSED
    by.save(update_fields=["phase"])
    html = _client("truongkhoi").get(reverse("home")).content.decode()
    assert "Không có việc nào cần xử lý ngay." in html
    _, items = _home_items("thuky")
    assert not [text for _, text in items if text.startswith(str(by))]


def test_in_the_scoring_phase_the_units_representative_is_sent_to_self_score(demo):
    from awards.choices import CriterionKind
    from awards.models import Criterion, Score
    from blocs.choices import Phase

    by = _seven_2018()
    by.phase = Phase.SCORING
    by.save(update_fields=["phase"])
    criteria = list(Criterion.objects.filter(table__bloc_year=by, kind=CriterionKind.CRITERION))
    own = by.members.get(role="leader")
    Score.objects.filter(criterion__table__bloc_year=by).delete()
    Score.objects.create(criterion=criteria[0], member=own, self_score=0)
    Score.objects.create(criterion=criteria[1], member=by.members.exclude(pk=own.pk).first(), self_score=1)  # another unit's
    _, items = _home_items("truongkhoi")
    grid = reverse("awards:score_grid", args=[by.bloc_id, 2018])
    total = len(criteria)
    assert (grid, f"{by}: đơn vị còn {total - 1}/{total} tiêu chí chưa tự chấm điểm.") in items


def test_the_home_heading_does_not_pin_the_work_to_the_calendar_year(demo):
    """Its items name their own year (a year's work runs into the next calendar year)."""
    html = _client("thuky").get(reverse("home")).content.decode()
    assert "<h1>Việc cần làm</h1>" in html
