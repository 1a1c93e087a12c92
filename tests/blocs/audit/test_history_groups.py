"""The filter groups of the history page cover every action recorded in them."""

import pytest
from django.urls import reverse

from blocs.audit.labels import ACTION_GROUPS, PLEDGE_ITEM_ACTIONS
from blocs.audit.services import record
from blocs.pledges import services as pledges

pytestmark = pytest.mark.django_db


def test_the_pledge_filter_finds_the_changes_to_the_pledge_rows(world):
    """A basis or commitment added, changed, moved or removed is a pledge change: the "Giao ước" filter
    shows it, with its Vietnamese name."""
    item = pledges.pledge_item_add(user=world.users["secretary_a"], bloc_year=world.by_a, kind="noi-dung", text="Thi đua")
    record(user=world.users["secretary_a"], action="member_add", obj=world.by_a, bloc_year=world.by_a)
    url = reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    page = world.client("secretary_a").get(url, {"nhom": "pledge"})
    assert [e.action for e in page.context["page"]] == [f"pledge_{item._meta.model_name}_add"]
    assert "Thêm nội dung giao ước" in page.content.decode()


def test_every_pledge_row_action_is_in_the_pledge_group():
    assert set(PLEDGE_ITEM_ACTIONS) <= set(ACTION_GROUPS["pledge"][1])
    assert str(PLEDGE_ITEM_ACTIONS["pledge_pledgebasis_move"]) == "Đổi thứ tự căn cứ"


def test_the_admin_list_shows_who_by_the_kept_name_and_the_action_in_vietnamese(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    clerk = UserFactory(username="thuky2", first_name="Nguyễn Văn", last_name="Ghi")
    for _ in range(30):
        record(user=clerk, action="member_add", obj=world.by_a, bloc_year=world.by_a)
    clerk.delete()
    client = world.client("admin")
    url = reverse("admin:blocs_auditentry_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Nguyễn Văn Ghi" in page and "Thêm thành viên" in page
    assert "Người thực hiện" in page and "Hành động" in page
    assert len(queries) < 15
