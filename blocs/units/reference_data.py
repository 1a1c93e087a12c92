"""Loading the reference data shipped in data/ (called by a migration; idempotent)."""

import datetime
import json
from pathlib import Path

from django.utils.text import slugify

DATA = Path(__file__).resolve().parents[2] / "data" / "provinces-2025.json"
MERGE_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
HUE_DAY = datetime.date(2025, 1, 1)

CENTRAL_COUNCIL = "Hội đồng Thi đua - Khen thưởng Trung ương"


def _code(name, suffix=""):
    return slugify(name.replace("đ", "d").replace("Đ", "D")) + suffix


def province_head_title(kind):
    return "Chủ tịch UBND thành phố" if kind == "thanh_pho" else "Chủ tịch UBND tỉnh"


def load_reference_data(Province, Organizer, Unit, *, text):
    """Create the 63 + 34 provinces with lineage, an organiser and a unit for each, and the Central council."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    old_names = data["provinces_pre_2025"]
    city_names = set(data["provinces_pre_2025_notes"]["centrally_run_cities_before_2025"])

    def keys(name):
        return {"name_key": text.search_key(name), "name_ascii": text.ascii_key(name), "sort_key": text.sort_key(name)}

    def upsert(code, **fields):
        obj, _ = Province.objects.update_or_create(code=code, defaults={**fields, **keys(fields["name"])})
        return obj

    old = {}
    for name in old_names:
        kind = "thanh_pho" if name in city_names else "tinh"
        old[name] = upsert(_code(name, "-truoc-2025"), name=name, kind=kind, valid_from=None, valid_to=None)
    for entry in data["provinces_2025"]:
        name, parts = entry["name"], entry["merged_from"]
        kind = "thanh_pho" if entry["kind"] == "thành phố" else "tinh"
        if entry.get("unchanged"):
            (part,) = parts
            if part != name:  # Thừa Thiên Huế -> Huế on 01/01/2025
                new = upsert(_code(name), name=name, kind=kind, seat=entry.get("seat", ""), valid_from=HUE_DAY, valid_to=None)
                prev = old[part]
                prev.valid_to, prev.successor = HUE_DAY - datetime.timedelta(days=1), new
                prev.save()
            else:
                prov = old[part]
                prov.seat = entry.get("seat", "")
                prov.code = _code(name)
                prov.save()
            continue
        new = upsert(_code(name), name=name, kind=kind, seat=entry.get("seat", ""), valid_from=MERGE_DAY, valid_to=None)
        for part in parts:
            prev = old[part]
            prev.valid_to, prev.successor = LAST_OLD_DAY, new
            prev.save()

    Organizer.objects.update_or_create(
        kind="central", name=CENTRAL_COUNCIL,
        defaults={"short_name": "HĐTĐKT TW", "office_name": "Ban Thi đua - Khen thưởng Trung ương", **keys(CENTRAL_COUNCIL)},
    )
    # One organiser (UBND tỉnh) and one unit (the province as a member) per province record, same lineage.
    provinces = list(Province.objects.order_by("valid_from", "pk"))
    org_of, unit_of = {}, {}
    for p in provinces:
        label = f"UBND {'thành phố' if p.kind == 'thanh_pho' else 'tỉnh'} {p.name}"
        if p.name.startswith("Thành phố"):
            label = f"UBND {p.name}"
        org_of[p.pk], _ = Organizer.objects.update_or_create(
            kind="province", province=p,
            defaults={"name": label, "valid_from": p.valid_from, "valid_to": p.valid_to,
                      "office_name": f"Ban Thi đua - Khen thưởng {('thành phố' if p.kind == 'thanh_pho' else 'tỉnh')} {p.name} (Sở Nội vụ)",
                      **keys(label)},
        )
        unit_of[p.pk], _ = Unit.objects.update_or_create(
            kind="province", province=p,
            defaults={"name": p.name, "short_name": p.name, "valid_from": p.valid_from, "valid_to": p.valid_to,
                      "head_title": province_head_title(p.kind),
                      "signing_formula": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
                      **keys(p.name)},
        )
    for p in provinces:
        if p.successor_id:
            Organizer.objects.filter(pk=org_of[p.pk].pk).update(successor=org_of[p.successor_id])
            Unit.objects.filter(pk=unit_of[p.pk].pk).update(successor=unit_of[p.successor_id])
