"""The audit history holds: rows are never changed or deleted (app, admin and, on PostgreSQL, the
database), who did it outlives the account, and each bloc-year has a readable history page."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from blocs.audit.models import AppendOnly, AuditEntry
from blocs.audit.services import record
from blocs.choices import MemberRole
from blocs.years import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _leadership_change(world, user):
    members = list(world.by_a.members.order_by("pk"))
    leader = next(m for m in members if m.role == MemberRole.LEADER)
    plain = [m for m in members if m.role == MemberRole.MEMBER]
    deputy = next(m for m in members if m.role == MemberRole.DEPUTY)
    services.leadership_set(user=user, bloc_year=world.by_a, leader=leader.unit, deputy=plain[0].unit, basis="Biên bản họp")
    return deputy.unit, plain[0].unit


def test_entries_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = record(user=world.users["secretary_a"], action="member_add", obj=world.by_a, bloc_year=world.by_a)
    entry.reason = "sửa lại"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_admin_offers_no_change_or_delete(world, client):
    entry = record(user=world.users["secretary_a"], action="member_add", obj=world.by_a, bloc_year=world.by_a)
    client.force_login(world.users["admin"])
    change = reverse("admin:blocs_auditentry_change", args=[entry.pk])
    delete = reverse("admin:blocs_auditentry_delete", args=[entry.pk])
    assert client.post(change, {"reason": "x"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:blocs_auditentry_changelist")
    response = client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert response.status_code in (200, 302, 403)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_user_keeps_their_name_in_the_history(world):
    clerk = UserFactory(username="thuky2", first_name="Nguyễn Văn", last_name="Ghi")
    record(user=clerk, action="member_add", obj=world.by_a, bloc_year=world.by_a)
    clerk.delete()
    entry = AuditEntry.objects.get(action="member_add")
    assert entry.who == "Nguyễn Văn Ghi"
    client = world.client("secretary_a")
    page = client.get(reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026}))
    assert "Nguyễn Văn Ghi" in page.content.decode()


def test_history_page_shows_old_and_new_values_in_vietnamese(world):
    old, new = _leadership_change(world, world.users["secretary_a"])
    url = reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    for who in ("secretary_a", "reviewer_a", "leader_a", "admin"):
        html = world.client(who).get(url).content.decode()
        assert "Đổi trưởng, phó" in html
        assert f"Phó khối</strong>: {old.name} → {new.name}" in html
        assert "leadership_set" not in html


def test_history_is_not_for_other_scopes(world):
    url = reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    assert world.client("secretary_b").get(url).status_code == 404
    assert world.client("reviewer_b").get(url).status_code == 404


def test_history_filters_and_pages(world):
    by = world.by_a
    user = world.users["secretary_a"]
    for i in range(60):
        record(user=user, action="score_change", obj=by, bloc_year=by, changes={"self_score": (i, i + 1)})
    record(user=world.users["admin"], action="member_add", obj=by, bloc_year=by, changes={"unit": (None, "Tỉnh X")})
    url = reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    client = world.client("secretary_a")
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert "Trang 1/2" in first.content.decode()
    members_only = client.get(url, {"nhom": "members"})
    assert [e.action for e in members_only.context["page"]] == ["member_add"]
    by_admin = client.get(url, {"nguoi": "admin"})
    assert [e.action for e in by_admin.context["page"]] == ["member_add"]
    assert "Điểm tự chấm</strong>: 0 → 1" in client.get(url, {"nhom": "scores", "trang": 2}).content.decode()


def test_bloc_year_page_links_to_the_history_for_those_who_may_see_it(world):
    _leadership_change(world, world.users["secretary_a"])
    url = reverse("blocs:bloc_year_detail", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    history = reverse("blocs:bloc_year_history", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})
    for who in ("secretary_a", "reviewer_a", "leader_a"):
        html = world.client(who).get(url).content.decode()
        assert history in html and "Đổi trưởng, phó" in html


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_the_history(world):
    entry = record(user=None, action="member_add", obj=world.by_a, bloc_year=world.by_a)
    for sql in ("UPDATE blocs_auditentry SET reason = 'x' WHERE id = %s", "DELETE FROM blocs_auditentry WHERE id = %s"):
        with pytest.raises((DatabaseError, IntegrityError, InternalError)), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()
    get_user_model().objects.filter(pk=world.users["secretary_a"].pk).delete()  # no history row changes


def test_every_field_a_history_may_show_has_a_vietnamese_name():
    """A change is shown with the field's verbose name or ``FIELD_LABELS``: a field left with Django's
    English default ("award type", "vote") would reach a user's history page as a code."""
    from django.apps import apps

    from blocs.audit.labels import FIELD_LABELS, INTERNAL_FIELDS

    english = []
    for model in [*apps.get_app_config("blocs").get_models(), *apps.get_app_config("awards").get_models()]:
        for field in model._meta.concrete_fields:
            if field.name in INTERNAL_FIELDS or field.name in FIELD_LABELS:
                continue
            if str(field.verbose_name) == field.name.replace("_", " "):
                english.append(f"{model._meta.label}.{field.name}")
    assert english == []


def test_every_action_the_services_record_has_a_vietnamese_name():
    import pathlib
    import re

    from blocs.audit.labels import ACTION_LABELS, action_label

    root = pathlib.Path(__file__).resolve().parents[3]
    codes = set()
    for path in [*root.joinpath("blocs").rglob("*.py"), *root.joinpath("awards").rglob("*.py")]:
        codes |= set(re.findall(r'action\s*=\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert len(codes) > 30
    assert sorted(c for c in codes if c not in ACTION_LABELS) == []
    for verb in ("add", "update", "delete", "move"):
        assert action_label(f"pledge_pledgecommitment_{verb}") != f"pledge_pledgecommitment_{verb}"
    assert action_label("no_such_action") == "Thay đổi"
