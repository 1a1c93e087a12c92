"""A secretary starts a new year from the last one, with the succession proposal and its basis."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs.choices import SuccessionPolicy
from blocs.models import AuditEntry, BlocYear, Unit
from blocs.years import services, succession
from emulation.lib.text import vn_sorted
from tests.conftest import errors_of


def _url(bloc):
    return reverse("blocs:bloc_year_start", args=[bloc.pk])


def _units(*names):
    return {n: Unit.objects.get(kind="province", name=n, valid_to__isnull=False) for n in names}


SEVEN_NAMES = ["Bắc Kạn", "Bắc Giang", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"]


def _post(secretary, bloc, **overrides):
    units = _units(*SEVEN_NAMES)
    data = {
        "year": 2018,
        "units": [u.pk for u in units.values()],
        "leader": units["Hòa Bình"].pk,
        "deputy": units["Yên Bái"].pk,
        "leadership_basis": "Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm",
        "leadership_basis_number": "",
        "leadership_basis_date": "2018-03-22",
        "theme": "",
    }
    data.update(overrides)
    return secretary.post(_url(bloc), data)


def test_deputy_succeeds_proposes_2017_deputy_as_2018_leader(secretary, seven_without_2018):
    response = secretary.get(_url(seven_without_2018))
    assert response.status_code == 200
    proposal = response.context["proposal"]
    assert proposal.leader.name == "Hòa Bình"
    assert proposal.deputy is None
    assert "Hòa Bình (phó năm 2017) được đề xuất làm trưởng năm 2018" in response.content.decode()
    form = response.context["form"]
    assert form.initial["year"] == 2018
    assert len(form.initial["units"]) == 7


def test_secretary_confirms_new_year_with_basis(secretary, seven_without_2018):
    response = _post(secretary, seven_without_2018)
    assert response.status_code == 302
    y2018 = BlocYear.objects.get(bloc=seven_without_2018, year=2018)
    assert y2018.members.count() == 7
    assert y2018.members.get(role="leader").unit.name == "Hòa Bình"
    assert y2018.members.get(role="deputy").unit.name == "Yên Bái"
    assert y2018.leadership_basis_date == datetime.date(2018, 3, 22)
    entry = AuditEntry.objects.get(action="bloc_year_start")
    assert entry.changes["leader"] == [None, "Hòa Bình"]
    assert entry.bloc_year == y2018
    page = secretary.get(reverse("blocs:bloc_year_detail", args=[seven_without_2018.pk, 2018])).content.decode()
    assert "Thành viên không đổi so với năm 2017." in page


def test_leader_and_deputy_must_differ(secretary, seven_without_2018):
    hb = _units("Hòa Bình")["Hòa Bình"]
    response = _post(secretary, seven_without_2018, deputy=hb.pk)
    assert response.status_code == 400
    assert "Trưởng và phó phải là hai đơn vị khác nhau." in errors_of(response)
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_leader_must_be_a_member_that_year(secretary, seven_without_2018):
    units = _units(*SEVEN_NAMES)
    kept = [u.pk for n, u in units.items() if n != "Hòa Bình"]
    response = _post(secretary, seven_without_2018, units=kept)
    assert response.status_code == 400
    assert "Hòa Bình không phải thành viên của khối năm 2018 nên không thể làm trưởng." in errors_of(response)
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_basis_is_required(secretary, seven_without_2018):
    response = _post(secretary, seven_without_2018, leadership_basis="  ")
    assert "Hãy ghi căn cứ chọn trưởng, phó (biên bản hoặc quyết định)." in errors_of(response)
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_year_that_exists_is_refused(secretary, seven):
    response = _post(secretary, seven, year=2017)
    assert "Khối đã có năm 2017." in errors_of(response)
    assert BlocYear.objects.filter(bloc=seven).count() == 2


def test_unit_in_another_bloc_of_the_same_organiser_cannot_join(secretary, seven_without_2018):
    from tests.factories import BlocFactory, BlocMemberFactory, BlocYearFactory

    other = BlocFactory(organizer=seven_without_2018.organizer, name="Cụm thi đua khác")
    yb = _units("Yên Bái")["Yên Bái"]
    BlocMemberFactory(bloc_year=BlocYearFactory(bloc=other, year=2018), unit=yb)
    response = _post(secretary, seven_without_2018)
    assert response.status_code == 400
    assert ("Yên Bái đã là thành viên của Cụm thi đua khác năm 2018; mỗi đơn vị chỉ thuộc một khối, cụm "
            "của cùng cơ quan tổ chức trong một năm.") in errors_of(response)
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_after_2025_merged_provinces_are_replaced_by_their_successor(secretary, seven):
    # Open 2025 as it was, then start 2026: the seven provinces merged on 01/07/2025.
    units = _units(*SEVEN_NAMES)
    services.bloc_year_start(user=None, bloc=seven, year=2025, units=list(units.values()), leader=units["Phú Thọ"],
                             deputy=units["Bắc Giang"], basis="Biên bản")
    response = secretary.get(_url(seven))
    page = response.content.decode()
    assert "Bắc Kạn — thay bằng Thái Nguyên (đơn vị kế thừa)" in page
    initial = set(Unit.objects.filter(pk__in=response.context["form"].initial["units"]).values_list("name", flat=True))
    assert "Bắc Kạn" not in initial and "Thái Nguyên" in initial
    ended = _units("Bắc Kạn")["Bắc Kạn"]
    with pytest.raises(ValidationError) as exc:
        services.bloc_year_start(user=None, bloc=seven, year=2026, units=[ended], leader=ended, deputy=None, basis="Biên bản")
    assert exc.value.message_dict["units"] == [
        "Bắc Kạn không còn tồn tại từ 01/07/2025 (đã sáp nhập vào Thái Nguyên), không thể tham gia năm 2026."]
    assert not BlocYear.objects.filter(bloc=seven, year=2026).exists()


def test_rotation_policy_proposes_the_next_unit(world):
    bloc = world.bloc_a
    units = [m.unit for m in world.by_a.members.order_by("pk")]
    bloc.succession_policy = SuccessionPolicy.ROTATION
    bloc.rotation_order = [u.pk for u in units]
    bloc.save()
    proposal = succession.succession_proposal(bloc=bloc, previous=world.by_a, units=units, year=2027)
    assert proposal.leader == units[1] and proposal.deputy == units[2]


def test_preview_shows_what_changes_without_saving(secretary, seven_without_2018):
    units = _units(*SEVEN_NAMES)
    lao_cai = Unit.objects.get(kind="province", name="Lào Cai", valid_to__isnull=False)
    kept = [u.pk for n, u in units.items() if n != "Bắc Kạn"] + [lao_cai.pk]
    response = _post(secretary, seven_without_2018, units=kept, action="preview")
    assert response.status_code == 200
    changes = response.context["changes"]
    assert [u.name for u in changes.added] == ["Lào Cai"]
    assert [u.name for u in changes.dropped] == ["Bắc Kạn"]
    assert changes.kept == 6
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def _options(html, select_id):
    import re

    block = re.search(rf'<select name="\w+"[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", block)


def test_new_year_page_lists_only_the_members_for_leader_and_deputy(secretary, seven_without_2018):
    html = secretary.get(_url(seven_without_2018)).content.decode()
    assert _options(html, "id_leader") == ["— chọn —", *vn_sorted(SEVEN_NAMES)]
    assert html.count('type="checkbox" name="units"') == 7  # the carried members; others come from the picker
    # A unit picked in the preview becomes a choice for leader and deputy.
    lao_cai = Unit.objects.get(kind="province", name="Lào Cai", valid_to__isnull=False)
    response = _post(secretary, seven_without_2018, action="preview",
                     units=[*[u.pk for u in _units(*SEVEN_NAMES).values()], lao_cai.pk])
    assert response.status_code == 200
    assert "Lào Cai" in _options(response.content.decode(), "id_deputy")
    assert response.content.decode().count('type="checkbox" name="units"') == 8
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_new_year_with_a_unit_typed_without_javascript(secretary, seven_without_2018):
    response = _post(secretary, seven_without_2018, units_text="lao cai", deputy=Unit.objects.get(kind="province", name="Lào Cai", valid_to__isnull=False).pk)
    assert response.status_code == 302
    y2018 = BlocYear.objects.get(bloc=seven_without_2018, year=2018)
    assert y2018.members.count() == 8
    assert y2018.members.get(role="deputy").unit.name == "Lào Cai"


def test_new_year_leader_outside_the_members_keeps_its_error(secretary, seven_without_2018):
    lao_cai = Unit.objects.get(kind="province", name="Lào Cai", valid_to__isnull=False)
    response = _post(secretary, seven_without_2018, leader=lao_cai.pk)
    assert response.status_code == 400
    assert "Lào Cai không phải thành viên của khối năm 2018 nên không thể làm trưởng." in errors_of(response)
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


# The new-year preview itself (blocs/years/succession.py) -----------------------------------------


def test_new_year_replaces_a_merged_province_by_its_successor(seven):
    units = _units(*SEVEN_NAMES)
    services.bloc_year_start(user=None, bloc=seven, year=2025, units=list(units.values()), leader=units["Phú Thọ"],
                             deputy=units["Bắc Giang"], basis="Biên bản")
    new = succession.new_year(bloc=seven)
    assert new.year == 2026 and new.previous.year == 2025
    replaced = {old.name: new_unit.name if new_unit else None for old, new_unit in new.replacements}
    assert replaced["Bắc Kạn"] == "Thái Nguyên"
    carried = {u.name for u in new.carried}
    assert "Bắc Kạn" not in carried and "Thái Nguyên" in carried
    # A successor is offered once, marked as inherited; nothing was written.
    assert len(new.offered_ids) == len(set(new.offered_ids)) == len(new.carried)
    assert set(new.inherited_ids) <= set(new.offered_ids)
    assert not BlocYear.objects.filter(bloc=seven, year=2026).exists()


def test_new_year_keeps_units_in_force_and_takes_a_posted_year(seven_without_2018):
    new = succession.new_year(bloc=seven_without_2018, posted_year="2019")
    assert new.year == 2019
    assert {u.name for u in new.carried} == set(SEVEN_NAMES) and new.replacements == [] and new.inherited_ids == []
    assert succession.new_year(bloc=seven_without_2018, posted_year="abc").year == 2018


def test_membership_changes_lists_added_dropped_and_kept(seven_without_2018):
    new = succession.new_year(bloc=seven_without_2018)
    lao_cai = Unit.objects.get(kind="province", name="Lào Cai", valid_to__isnull=False)
    chosen = [u for u in new.carried if u.name != "Yên Bái"] + [lao_cai]
    changes = succession.membership_changes(new, chosen, ["lỗi"])
    assert [u.name for u in changes.added] == ["Lào Cai"]
    assert [u.name for u in changes.dropped] == ["Yên Bái"]
    assert changes.kept == 6 and changes.errors == ["lỗi"]


# A year opened with no member, filled by import; the page follows the year typed ------------------


def test_year_opened_with_no_member_then_filled_by_import(secretary, seven_without_2018):
    response = secretary.post(_url(seven_without_2018), {"year": 2018, "leadership_basis": "", "theme": ""})
    assert response.status_code == 302
    y2018 = BlocYear.objects.get(bloc=seven_without_2018, year=2018)
    assert y2018.members.count() == 0
    entry = AuditEntry.objects.get(action="bloc_year_start", bloc_year=y2018)
    assert entry.changes["leader"] == [None, None]
    page = secretary.get(reverse("blocs:bloc_year_detail", args=[seven_without_2018.pk, 2018]))
    assert page.status_code == 200
    imported = reverse("blocs:members_import", args=[seven_without_2018.pk, 2018])
    preview = secretary.post(imported, {"step": "preview", "text": "\n".join(SEVEN_NAMES)})
    rows = preview.context["rows"]
    assert all(r["unit"] is not None for r in rows)
    response = secretary.post(imported, {"step": "confirm", "name": [r["name"] for r in rows],
                                         "unit": [r["unit"].pk for r in rows]})
    assert response.status_code == 200 and response.context["counts"] == {"added": 7, "already": 0, "skipped": 0}
    assert sorted(y2018.members.values_list("unit__name", flat=True)) == sorted(SEVEN_NAMES)


def test_year_with_no_member_cannot_have_a_leader(seven_without_2018):
    hb = _units("Hòa Bình")["Hòa Bình"]
    with pytest.raises(ValidationError) as refused:
        services.bloc_year_start(user=None, bloc=seven_without_2018, year=2018, units=[], leader=hb, deputy=None, basis="")
    assert refused.value.message_dict["leader"][0].startswith("Năm chưa có thành viên nên chưa chọn được trưởng, phó")
    assert not BlocYear.objects.filter(bloc=seven_without_2018, year=2018).exists()


def test_new_year_page_follows_the_year_typed(secretary, seven_without_2018):
    html = secretary.get(_url(seven_without_2018)).content.decode()
    assert "Mở năm <span data-year-text>2018</span>" in html
    for response in (secretary.get(_url(seven_without_2018), {"year": 2030}),
                     _post(secretary, seven_without_2018, year=2030, action="preview")):
        html = response.content.decode()
        assert response.status_code == 200 and response.context["year"] == 2030
        assert "<span data-year-text>2030</span>" in html and "data-year-text>2018<" not in html
        assert any("năm 2030" in r for r in response.context["proposal"].reasons)


def test_a_year_typed_before_the_last_is_compared_with_the_year_before_it(seven_without_2018):
    new = succession.new_year(bloc=seven_without_2018, posted_year="2016")
    assert new.year == 2016 and new.previous is None
    assert succession.new_year(bloc=seven_without_2018, posted_year="2019").previous.year == 2017


@pytest.mark.parametrize("typed", [None, "", "abc", "1800", "20188", "-2018"])
def test_a_year_typed_that_the_app_does_not_accept_opens_the_year_after_the_last(seven_without_2018, typed):
    assert succession.new_year(bloc=seven_without_2018, posted_year=typed).year == 2018
