import unicodedata

import pytest

from blocs.models import Unit
from emulation.lib.text import ascii_key, nfc, person_sort_key, search_key, sort_key, vn_sorted


@pytest.mark.parametrize(
    "old, new",
    [("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"), ("Khánh Hoà", "Khánh Hòa"), ("thuỷ lợi", "thủy lợi"),
     ("khoẻ", "khỏe"), ("Quí", "Quý"), ("lí luận", "lý luận")],
)
def test_tone_placement_and_iy_variants_give_one_search_key(old, new):
    assert search_key(old) == search_key(new)


def test_search_key_ignores_case_and_normal_form():
    nfd = unicodedata.normalize("NFD", "HÒA BÌNH")
    assert search_key(nfd) == search_key("hòa bình")


def test_search_key_keeps_meaningful_diacritics():
    assert search_key("con dê") != search_key("con dế")
    assert search_key("Hà Nam") != search_key("Hà Nội")


def test_vietnamese_order_puts_d_stroke_after_d_and_breve_circumflex_after_a():
    names = ["Đà Nẵng", "Điện Biên", "Dak", "Âu", "Ăn", "An Giang", "Bắc Giang", "Cà Mau", "Yên Bái"]
    assert vn_sorted(names) == ["An Giang", "Ăn", "Âu", "Bắc Giang", "Cà Mau", "Dak", "Đà Nẵng", "Điện Biên", "Yên Bái"]


def test_sort_key_is_digits_only_so_any_collation_keeps_the_order():
    assert sort_key("Đắk Lắk").isdigit()


def test_people_sort_by_given_name_first():
    people = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn Bình"]
    assert sorted(people, key=person_sort_key) == ["Trần Văn An", "Nguyễn Thị Bình", "Lê Văn Bình"]


def test_ascii_key_for_queries_without_diacritics():
    assert ascii_key("Đắk Lắk") == "dak lak"


def test_nfc():
    assert nfc(unicodedata.normalize("NFD", "Hòa")) == "Hòa"


def test_units_are_stored_in_nfc_and_found_with_either_tone_placement(db):
    unit = Unit.objects.create(name=unicodedata.normalize("NFD", "Sở Văn hoá, Thể thao"))
    unit.refresh_from_db()
    assert unit.name == unicodedata.normalize("NFC", "Sở Văn hoá, Thể thao")
    assert list(Unit.objects.search("văn hóa")) == [unit]
    assert list(Unit.objects.search("VAN HOA")) == [unit]
    assert list(Unit.objects.search("Hoà Bình")) == list(Unit.objects.search("Hòa Bình"))
    assert Unit.objects.search("Hoà Bình").count() == 1
