import datetime

import pytest
from django.db import IntegrityError

from blocs.models import Organizer, Province, Unit


def test_34_provinces_valid_today_and_63_on_1_january_2025(db):
    assert Province.objects.valid_on(datetime.date(2026, 11, 24)).count() == 34
    assert Province.objects.valid_on(datetime.date(2025, 1, 1)).count() == 63
    assert Province.objects.valid_on(datetime.date(2024, 12, 31)).count() == 63


def test_merge_lineage_keeps_old_names(db):
    bac_kan = Province.objects.get(name="Bắc Kạn")
    assert bac_kan.valid_to == datetime.date(2025, 6, 30)
    assert bac_kan.successor.name == "Thái Nguyên"
    assert bac_kan.successor.valid_from == datetime.date(2025, 7, 1)
    new_phu_tho = Province.objects.valid_on(datetime.date(2026, 1, 1)).get(name="Phú Thọ")
    assert sorted(p.name for p in new_phu_tho.predecessors.all()) == ["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"]


def test_hue_became_a_city_on_1_january_2025(db):
    old = Province.objects.get(name="Thừa Thiên Huế")
    assert old.valid_to == datetime.date(2024, 12, 31)
    assert old.successor.name == "Huế"


def test_unchanged_provinces_are_one_record(db):
    assert Province.objects.filter(name="Cao Bằng").count() == 1
    assert Province.objects.get(name="Cao Bằng").valid_to is None


def test_province_units_and_organisers_follow_the_lineage(db):
    unit = Unit.objects.get(kind="province", name="Yên Bái")
    assert unit.valid_to == datetime.date(2025, 6, 30)
    assert unit.successor.name == "Lào Cai"
    assert Organizer.objects.get(kind="central").name == "Hội đồng Thi đua - Khen thưởng Trung ương"
    assert Organizer.objects.filter(kind="province").valid_on(datetime.date(2026, 1, 1)).count() == 34


def test_validity_order_is_a_database_rule(db):
    with pytest.raises(IntegrityError):
        Unit.objects.create(name="Sai ngày", valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2024, 1, 1))
