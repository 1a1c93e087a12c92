"""Creating and editing a bloc; the list with filters, tone-insensitive search and Vietnamese order."""

import pytest
from django.urls import reverse

from blocs.models import AuditEntry, Bloc
from tests.conftest import errors_of
from tests.factories import BlocFactory, BlocYearFactory


def _data(w, **extra):
    data = {"kind": "cum", "name": "Cụm thi đua Hoà Bình mở rộng", "code": "CTĐ-HB", "organizer": w.org_a.pk,
            "province": "", "founding_decision_number": "123/QĐ-HĐTĐKT", "founding_decision_date": "2020-01-15",
            "dissolved_on": "", "succession_policy": "elected", "min_members": "", "note": "", "rotation_text": ""}
    data.update(extra)
    return data


def test_reviewer_creates_a_bloc_of_their_organiser(world):
    response = world.client("reviewer_a").post(reverse("blocs:bloc_create"), _data(world))
    assert response.status_code == 302
    bloc = Bloc.objects.get(code="CTĐ-HB")
    assert bloc.organizer == world.org_a and bloc.kind == "cum"
    assert AuditEntry.objects.filter(action="bloc_create", object_id=str(bloc.pk)).exists()


def test_reviewer_cannot_create_a_bloc_for_another_organiser(world):
    response = world.client("reviewer_b").post(reverse("blocs:bloc_create"), _data(world))
    assert response.status_code == 200
    assert "organizer" in response.context["form"].errors
    assert not Bloc.objects.filter(code="CTĐ-HB").exists()


def test_same_name_with_other_tone_placement_is_a_duplicate(world):
    BlocFactory(organizer=world.org_a, name="Cụm thi đua Hòa Bình mở rộng")
    response = world.client("admin").post(reverse("blocs:bloc_create"), _data(world))
    assert "Cơ quan tổ chức này đã có khối, cụm tên “Cụm thi đua Hoà Bình mở rộng”." in errors_of(response)
    assert Bloc.objects.filter(name_key__contains="hòa bình mở rộng").count() == 1


def test_dissolution_before_founding_is_refused(world):
    response = world.client("admin").post(reverse("blocs:bloc_create"), _data(world, dissolved_on="2019-01-01"))
    assert "Ngày giải thể phải sau ngày quyết định thành lập." in errors_of(response)
    assert not Bloc.objects.filter(code="CTĐ-HB").exists()


def test_secretary_edits_the_bloc_and_the_change_is_audited(world):
    data = _data(world, name=world.bloc_a.name, succession_policy="deputy_succeeds", dissolved_on="2027-01-01")
    response = world.client("secretary_a").post(reverse("blocs:bloc_edit", args=[world.bloc_a.pk]), data)
    assert response.status_code == 302
    world.bloc_a.refresh_from_db()
    assert world.bloc_a.succession_policy == "deputy_succeeds"
    assert not world.bloc_a.is_active
    entry = AuditEntry.objects.get(action="bloc_update")
    assert entry.changes["succession_policy"] == ["elected", "deputy_succeeds"]


def test_rotation_order_is_typed_as_names(world):
    names = [m.unit.name for m in world.by_a.members.order_by("-pk")]
    data = _data(world, name=world.bloc_a.name, succession_policy="rotation", rotation_text="\n".join(names))
    world.client("admin").post(reverse("blocs:bloc_edit", args=[world.bloc_a.pk]), data)
    world.bloc_a.refresh_from_db()
    assert world.bloc_a.rotation_order == list(world.by_a.members.order_by("-pk").values_list("unit_id", flat=True))
    response = world.client("admin").post(reverse("blocs:bloc_edit", args=[world.bloc_a.pk]),
                                          _data(world, name=world.bloc_a.name, rotation_text="Không có đơn vị này"))
    assert "Dòng 1: không tìm thấy đơn vị “Không có đơn vị này” trong các thành viên của khối." in errors_of(response)


def test_list_search_ignores_tone_placement_and_case(world):
    BlocFactory(organizer=world.org_a, name="Cụm thi đua Hòa Bình")
    page = world.client("admin").get(reverse("blocs:bloc_list"), {"q": "HOÀ BÌNH"})
    assert [b.name for b in page.context["page"]] == ["Cụm thi đua Hòa Bình"]
    page = world.client("admin").get(reverse("blocs:bloc_list"), {"q": "hoa binh"})
    assert [b.name for b in page.context["page"]] == ["Cụm thi đua Hòa Bình"]


def test_list_filters_by_kind_organiser_and_year_in_vietnamese_order(world):
    for name in ["Khối Đảng", "Khối Dân vận", "Khối Ánh sáng", "Khối Anh hùng"]:
        BlocYearFactory(bloc=BlocFactory(organizer=world.org_b, name=name), year=2019)
    client = world.client("admin")
    names = [b.name for b in client.get(reverse("blocs:bloc_list"), {"year": 2019}).context["page"]]
    assert names == ["Khối Anh hùng", "Khối Ánh sáng", "Khối Dân vận", "Khối Đảng"]
    names = [b.name for b in client.get(reverse("blocs:bloc_list"), {"organizer": world.org_a.pk}).context["page"]]
    assert names == ["Cụm thi đua A"]
    assert list(client.get(reverse("blocs:bloc_list"), {"kind": "cum"}).context["page"]) == []


@pytest.mark.parametrize("extra", [0, 30])
def test_list_query_count_does_not_grow(world, django_assert_max_num_queries, extra):
    for _ in range(extra):
        BlocYearFactory(bloc=BlocFactory(organizer=world.org_a), year=2026)
    client = world.client("reviewer_a")
    with django_assert_max_num_queries(9):
        client.get(reverse("blocs:bloc_list"), {"year": 2026})
