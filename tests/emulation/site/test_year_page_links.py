"""The bloc-year page is the hub of a year: it links to every area of that year a user may open
(pledge, meetings, criteria, score grid, ranking, votes, proposals, documents), and only to those."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from blocs.models import BlocYear
from emulation.devtools.demo.core import SEVEN

AREAS = {
    "pledge": "blocs:pledge_detail",
    "criteria": "awards:criteria_table",
    "scores": "awards:score_grid",
    "ranking": "awards:ranking",
    "votes": "awards:vote_list",
    "proposals": "awards:proposal_list",
    "documents": "awards:documents_index",
}


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize(("username", "year", "hidden"), [
    ("admin", 2018, set()),
    ("banthidua", 2018, set()),
    ("thuky", 2018, set()),
    ("truongkhoi", 2018, set()),
    ("thuky", 2017, set()),
    ("truongkhoi", 2017, {"documents"}),  # Hòa Bình was the deputy in 2017: Tuyên Quang prints its documents
])
def test_the_year_page_links_to_every_area_the_user_may_open(demo, username, year, hidden):
    by = BlocYear.objects.get(bloc__name=SEVEN, year=year)
    client = _client(username)
    html = client.get(reverse("blocs:bloc_year_detail", args=[by.bloc_id, year])).content.decode()
    assert 'href="#meetings"' in html and 'id="meetings"' in html
    for area, name in AREAS.items():
        url = reverse(name, args=[by.bloc_id, year])
        status = client.get(url).status_code
        if area in hidden:
            assert f'href="{url}"' not in html, area
            assert status in (403, 404), (area, status)
        else:
            assert f'href="{url}"' in html, area
            assert status == 200, (area, status)


def test_the_members_list_is_downloaded_under_the_blocs_name_like_the_other_files(demo):
    by = BlocYear.objects.get(bloc__name=SEVEN, year=2018)
    response = _client("thuky").get(reverse("blocs:members_export", args=[by.bloc_id, 2018]))
    assert response["Content-Disposition"] == (
        'attachment; filename="thanh-vien-2018-cum-thi-dua-7-tinh-trung-du-va-mien-nui-phia-bac.xlsx"')
