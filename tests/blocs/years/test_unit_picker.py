"""The unit picker: its search endpoint (scope, tone marks, ceased units, at most 20 answers), the
forms that still validate a posted unit as before (and a typed name without JavaScript), and pages
whose size and query count no longer grow with the number of units."""

import datetime

import pytest
from django.urls import reverse

from blocs.models import AuditEntry, BlocMember, Unit
from tests.conftest import errors_of
from tests.factories import BlocFactory, BlocMemberFactory, BlocYearFactory, UnitFactory


def _search(client, bloc, **params):
    response = client.get(reverse("blocs:unit_search", args=[bloc.pk]), params)
    assert response.status_code == 200, response.content
    return response.json()


def _names(data):
    return [r["name"] for r in data["results"]]


def test_search_ignores_tone_marks_and_labels_kind_and_province(world):
    client = world.client("secretary_a")
    data = _search(client, world.bloc_a, year=2024, q="hoa binh")
    assert _names(data) == ["Hòa Bình"]
    assert data["results"][0]["detail"] == "Tỉnh, thành phố"
    # Old tone placement and NFD input find it too.
    assert _names(_search(client, world.bloc_a, year=2024, q="Hoà Bình")) == ["Hòa Bình"]
    assert _names(_search(client, world.bloc_a, year=2024, q="Ho\u0300a Bi\u0300nh")) == ["Hòa Bình"]
    dept = UnitFactory(name="Sở Tài chính", province=Unit.objects.get(name="Tuyên Quang", valid_to__isnull=True).province)
    result = _search(client, world.bloc_a, year=2026, q="so tai chinh")["results"]
    assert [(r["id"], r["detail"]) for r in result] == [(dept.pk, "Sở, ban, ngành · Tuyên Quang")]


def test_search_leaves_out_units_ceased_on_1_january(world):
    client = world.client("secretary_a")
    # Hòa Bình merged into Phú Thọ on 01/07/2025: offered for 2025, not for 2026.
    assert _names(_search(client, world.bloc_a, year=2025, q="hoa binh")) == ["Hòa Bình"]
    assert _search(client, world.bloc_a, year=2026, q="hoa binh") == {"results": [], "more": False}
    UnitFactory(name="Sở Kế hoạch và Đầu tư", valid_to=datetime.date(2025, 2, 28))
    assert _names(_search(client, world.bloc_a, year=2026, q="ke hoach")) == []


def test_search_free_leaves_out_units_already_in_a_bloc_of_the_organiser_that_year(world):
    client = world.client("secretary_a")
    taken = UnitFactory(name="Sở Tư pháp")
    other_same_org = BlocYearFactory(bloc=BlocFactory(organizer=world.org_a), year=2026)
    BlocMemberFactory(bloc_year=other_same_org, unit=taken)
    elsewhere = UnitFactory(name="Sở Tư pháp và Hộ tịch")
    BlocMemberFactory(bloc_year=world.by_b, unit=elsewhere)  # another organiser: still free
    member = world.by_a.members.filter(role="member").first().unit
    assert _names(_search(client, world.bloc_a, year=2026, q="tu phap", free=1)) == ["Sở Tư pháp và Hộ tịch"]
    assert _names(_search(client, world.bloc_a, year=2026, q="tu phap")) == ["Sở Tư pháp", "Sở Tư pháp và Hộ tịch"]
    assert member.name not in _names(_search(client, world.bloc_a, year=2026, q=member.name, free=1))
    assert _names(_search(client, world.bloc_a, year=2027, q=member.name, free=1)) == [member.name]
    # The picker passes the units already chosen on the page.
    assert _names(_search(client, world.bloc_a, year=2026, q="tu phap", exclude=f"{elsewhere.pk},x")) == ["Sở Tư pháp"]


def test_search_answers_at_most_20_in_vietnamese_order(world):
    Unit.objects.bulk_create([_unit(f"Trường THPT số {i}") for i in range(30)])
    data = _search(world.client("secretary_a"), world.bloc_a, year=2026, q="truong thpt")
    assert len(data["results"]) == 20 and data["more"] is True
    assert _names(data) == [u.name for u in Unit.objects.filter(name_ascii__contains="truong thpt").order_by("sort_key", "pk")[:20]]


def test_search_puts_names_starting_with_the_text_first(world):
    names = _names(_search(world.client("secretary_a"), world.bloc_a, year=2024, q="ha"))
    assert names[:3] == ["Hà Giang", "Hà Nam", "Hà Nội"]
    assert names.index("Đồng Tháp") > names.index("Hải Phòng")  # contains "ha", does not start with it
    assert _names(_search(world.client("secretary_a"), world.bloc_a, year=2024, q="Hà"))[:2] == ["Hà Giang", "Hà Nam"]


def test_search_of_a_province_organiser_keeps_to_its_province(world):
    province = world.org_b.province
    inside = UnitFactory(name="Sở Nội vụ", province=province)
    UnitFactory(name="Sở Nội vụ", province=Unit.objects.exclude(province=province).filter(kind="province").first().province)
    bloc = BlocFactory(organizer=world.org_b)
    data = _search(world.client("admin"), bloc, year=2024, q="noi vu")
    assert [r["id"] for r in data["results"]] == [inside.pk]


def test_search_scope_and_bad_year(world):
    url = reverse("blocs:unit_search", args=[world.bloc_a.pk])
    anonymous = world.client("anonymous").get(url, {"year": 2026, "q": "hoa"})
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert world.client("secretary_b").get(url, {"year": 2026, "q": "hoa"}).status_code == 404
    assert world.client("leader_a").get(url, {"year": 2026, "q": "hoa"}).status_code == 403  # sees the bloc, may not edit
    bad = world.client("secretary_a").get(url, {"year": "abc", "q": "hoa"})
    assert bad.status_code == 400 and bad.json() == {"error": "Năm không hợp lệ."}
    reorg = reverse("blocs:reorg_unit_search")
    assert world.client("secretary_a").get(reorg, {"q": "hoa"}).status_code == 403
    assert _names(world.client("admin").get(reorg, {"q": "phu tho"}).json()) == ["Phú Thọ"]


def _unit(name, **extra):
    unit = Unit(name=name, kind="department", **extra)
    unit.refresh_keys()
    return unit


# The forms: the same validation, a typed name without JavaScript ----------------------------------


def _member_url(world):
    return reverse("blocs:member_add", kwargs={"bloc_id": world.bloc_a.pk, "year": 2026})


def test_member_add_by_typed_name_without_javascript(world):
    unit = UnitFactory(name="Sở Tư pháp")
    response = world.client("secretary_a").post(_member_url(world), {"member-unit": "", "member-unit_text": "so tu phap"})
    assert response.status_code == 302
    assert world.by_a.members.filter(unit=unit).exists()
    assert AuditEntry.objects.filter(action="member_add").count() == 1


def test_member_add_typed_name_not_found_or_ambiguous(world):
    UnitFactory(name="Sở Tư pháp")
    UnitFactory(name="Sở Tư pháp")
    client = world.client("secretary_a")
    before = BlocMember.objects.count()
    response = client.post(_member_url(world), {"member-unit_text": "Sở Tư Pháp Hà Nội"})
    assert response.status_code == 400
    assert errors_of(response) == ["Không tìm thấy đơn vị “Sở Tư Pháp Hà Nội”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý."]
    assert "Sở Tư Pháp Hà Nội" in response.content.decode()  # what was typed stays in the box
    response = client.post(_member_url(world), {"member-unit_text": "so tu phap"})
    assert errors_of(response) == ["Có nhiều đơn vị tên “so tu phap”; hãy chọn trong danh sách gợi ý."]
    assert BlocMember.objects.count() == before


def test_member_add_keeps_the_service_errors_for_a_picked_unit(world):
    unit = UnitFactory(name="Sở Kế hoạch và Đầu tư", valid_to=datetime.date(2025, 2, 28))
    response = world.client("secretary_a").post(_member_url(world), {"member-unit": unit.pk})
    assert response.status_code == 400
    assert errors_of(response) == ["Sở Kế hoạch và Đầu tư không còn tồn tại từ 01/03/2025, không thể tham gia năm 2026."]
    # The refused unit stays chosen in the picker (one option, not the whole list).
    html = response.content.decode()
    assert f'<option value="{unit.pk}" selected' in html
    assert not world.by_a.members.filter(unit=unit).exists()


def test_merge_tool_by_typed_names_without_javascript(world):
    old = UnitFactory(name="Sở Kế hoạch và Đầu tư")
    into = UnitFactory(name="Sở Tài chính")
    response = world.client("admin").post(reverse("blocs:reorganisation"), {
        "units_text": "so ke hoach va dau tu", "into_text": "Sở Tài chính", "on": "2025-03-01"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.successor == into and old.valid_to == datetime.date(2025, 2, 28)


def test_merge_tool_names_the_unit_it_cannot_find(world):
    response = world.client("admin").post(reverse("blocs:reorganisation"), {
        "units_text": "Sở Không Có; Tuyên Quang", "into": Unit.objects.get(name="Phú Thọ", valid_to__isnull=True).pk, "on": "2025-07-01"})
    assert response.status_code == 400
    assert errors_of(response) == ["Không tìm thấy đơn vị “Sở Không Có”; hãy gõ vài chữ của tên rồi chọn trong danh sách gợi ý."]
    assert not AuditEntry.objects.filter(action="unit_merge").exists()


# Pages do not grow with the number of units -----------------------------------------------------


PAGES = [
    ("secretary_a", lambda w: reverse("blocs:bloc_year_detail", kwargs={"bloc_id": w.bloc_a.pk, "year": 2026})),
    ("secretary_a", lambda w: reverse("blocs:bloc_year_start", kwargs={"bloc_id": w.bloc_a.pk})),
    ("admin", lambda w: reverse("blocs:reorganisation")),
]


@pytest.mark.parametrize("who,url", PAGES, ids=["bloc_year_detail", "bloc_year_start", "reorganisation"])
def test_unit_pickers_do_not_grow_with_the_number_of_units(world, django_assert_max_num_queries, who, url):
    client = world.client(who)

    def measure():
        client.get(url(world))  # warm per-process caches
        with django_assert_max_num_queries(25) as ctx:
            response = client.get(url(world))
        assert response.status_code == 200
        assert "data-unit-picker" in response.content.decode()
        return len(ctx.captured_queries), len(response.content)

    Unit.objects.bulk_create([_unit(f"Đơn vị thêm {i}") for i in range(50)])
    small_queries, small_size = measure()
    Unit.objects.bulk_create([_unit(f"Đơn vị thêm {i}") for i in range(50, 5000)])  # national scale
    assert Unit.objects.count() > 5000
    big_queries, big_size = measure()
    assert big_queries == small_queries
    assert abs(big_size - small_size) < 200  # the same page, not 5,000 <option>s
    assert big_size < 100_000


def test_search_query_count_does_not_grow(world, django_assert_max_num_queries):
    client = world.client("secretary_a")
    url = reverse("blocs:unit_search", args=[world.bloc_a.pk])
    Unit.objects.bulk_create([_unit(f"Phòng số {i}") for i in range(50)])
    client.get(url, {"year": 2026, "q": "phong", "free": 1})
    with django_assert_max_num_queries(6) as small:
        client.get(url, {"year": 2026, "q": "phong", "free": 1})
    Unit.objects.bulk_create([_unit(f"Phòng số {i}") for i in range(50, 3000)])
    with django_assert_max_num_queries(6) as big:
        response = client.get(url, {"year": 2026, "q": "phong", "free": 1})
    assert len(big.captured_queries) == len(small.captured_queries)
    assert len(response.json()["results"]) == 20 and len(response.content) < 5000
