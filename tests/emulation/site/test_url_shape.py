"""One URL shape for a bloc-year: everything under /khoi/<bloc>/nam/<year>/; the first version's
/khen-thuong/khoi/... addresses answer 301 to the new ones."""

import pytest
from django.urls import reverse

from tests.factories import BlocYearFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", [
    "awards:criteria_table", "awards:score_grid", "awards:ranking", "awards:vote_list",
    "awards:proposal_list", "awards:documents_index", "blocs:bloc_year_detail", "blocs:pledge_detail",
])
def test_every_page_of_a_bloc_year_lives_under_its_year(name):
    url = reverse(name, kwargs={"bloc_id": 5, "year": 2026})
    assert url.startswith("/khoi/5/nam/2026/")


@pytest.mark.parametrize(("old", "new"), [
    ("/khen-thuong/khoi/{b}/{y}/cham-diem/", "/khoi/{b}/nam/{y}/cham-diem/"),
    ("/khen-thuong/khoi/{b}/{y}/xep-hang/xuat.xlsx", "/khoi/{b}/nam/{y}/xep-hang/xuat.xlsx"),
    ("/khen-thuong/khoi/{b}/nam/{y}/de-nghi/?trang_thai=draft", "/khoi/{b}/nam/{y}/de-nghi/?trang_thai=draft"),
    ("/khen-thuong/khoi/{b}/nam/{y}/bo-phieu/", "/khoi/{b}/nam/{y}/bo-phieu/"),
    ("/khen-thuong/khoi/{b}/don-vi/7/diem/", "/khoi/{b}/don-vi/7/diem/"),
])
def test_old_awards_urls_answer_301_to_the_new_shape(client, old, new):
    by = BlocYearFactory(year=2026)
    response = client.get(old.format(b=by.bloc_id, y=by.year))
    assert response.status_code == 301
    assert response["Location"] == new.format(b=by.bloc_id, y=by.year)


def test_review_queue_keeps_its_own_url():
    assert reverse("awards:review_queue") == "/khen-thuong/tham-dinh/"
    assert reverse("awards:notification_list") == "/khen-thuong/thong-bao/"
