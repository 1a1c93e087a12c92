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
    from blocs.demo import SEVEN
    from blocs.models import Bloc

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
