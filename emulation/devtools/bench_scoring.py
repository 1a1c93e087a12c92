"""Scoring actions measured by ``make bench`` (scripts/bench.py reads ``ACTIONS``).

* "Lưu bảng điểm": one save of every cell of a 40 × 60 grid (a bloc-year created once for the
  benchmark) through the JSON endpoint, logged in as the bloc's secretary;
* "Nhập tệp Excel": upload (check + preview) and confirmation of a 5,000-row list-layout file for a
  bloc-year of 84 units × 60 criteria created once for the benchmark.

Each prints, beside its own time, the time of a bare ``bulk_create`` of the same rows on the same
database (inside a transaction that is rolled back) and the ratio of the two.
"""

import io
import json
import re
import time
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from awards.choices import CriterionKind
from awards.models import CriteriaTable, Criterion, Score
from awards.scoring import selectors
from awards.scoring.excel import template as xl
from blocs.choices import MemberRole, Role
from blocs.models import Bloc, BlocMember, BlocYear, RoleGrant, Unit
from emulation.devtools.dataset import DEFAULT_PASSWORD

IMPORT_UNITS, IMPORT_CRITERIA = 84, 60  # 5,040 rows
GRID_UNITS, GRID_CRITERIA = 40, 60
PASSWORD = DEFAULT_PASSWORD  # the password generate_dataset gives every account
_state = {"run": 0, "clients": {}}


def _secretary_client(client, bloc):
    """A client of the same kind as the benchmark's, logged in as a secretary of ``bloc``."""
    if bloc.pk in _state["clients"]:
        return _state["clients"][bloc.pk]
    grant = RoleGrant.objects.filter(role=Role.SECRETARY, bloc=bloc).select_related("user").first()
    if grant is None:

        user, _ = get_user_model().objects.get_or_create(username=f"bench.tk.{bloc.pk}")
        user.set_password(PASSWORD)
        user.save()
        grant = RoleGrant.objects.create(user=user, role=Role.SECRETARY, bloc=bloc)
    other = type(client)(client.base)
    other.login(grant.user.username, PASSWORD)
    _state["clients"][bloc.pk] = other
    return other


def _bare_insert_ms(rows):
    """Milliseconds of a bare bulk insert of ``rows`` (member_id, criterion_id, value), rolled back."""
    with transaction.atomic():
        criterion_ids = {c for _, c, _ in rows}
        Score.objects.filter(criterion_id__in=criterion_ids).delete()
        start = time.perf_counter()
        Score.objects.bulk_create(
            [Score(member_id=m, criterion_id=c, verified_score=v, version=1) for m, c, v in rows], batch_size=2000)
        elapsed = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    return elapsed


def _report(label, ms, rows, bare_ms):
    print(f"   {label}: {len(rows)} ô trong {ms:.0f} ms; chèn thẳng cùng số dòng (bulk_create) {bare_ms:.0f} ms; "
          f"tỷ lệ {ms / bare_ms if bare_ms else float('inf'):.1f}×", flush=True)


def save_grid(client, ctx):
    by = _bench_bloc_year(ctx["bloc_year"], "Khối thử tải bảng điểm 40 × 60", GRID_UNITS, GRID_CRITERIA)
    table = selectors.table_of(by)
    other = _secretary_client(client, by.bloc)
    _state["run"] += 1
    value = Decimal(_state["run"] % 4)  # a different value each run, so every cell changes
    scores = selectors.scores_by_cell(table)
    leaves = list(table.criteria.exclude(kind=CriterionKind.SECTION).values_list("pk", "max_points"))
    members = list(by.members.values_list("pk", flat=True))
    cells, rows = [], []
    for m in members:
        for c, max_points in leaves:
            v = min(value, max_points)
            s = scores.get((m, c))
            cells.append({"m": m, "c": c, "v": str(v), "ver": s.version if s else 0})
            rows.append((m, c, v))
    body = json.dumps({"table_version": table.version, "cells": cells}).encode()
    status, headers, content, seconds = other.request(
        reverse("awards:score_save", kwargs={"bloc_id": by.bloc_id, "year": by.year}), data=body,
        headers={"Content-Type": "application/json", "X-CSRFToken": other.cookie("csrftoken") or ""},
    )
    _report(f"Lưu bảng điểm {len(members)} × {len(leaves)}", seconds * 1000, rows, _bare_insert_ms(rows))
    return status, headers, content, seconds


def _bench_bloc_year(reference, name, n_units, n_criteria):
    """A bloc-year of ``n_units`` units × ``n_criteria`` criteria of the reference bloc's organiser, created
    once, never ranked (so its scores stay open)."""
    bloc, _ = Bloc.objects.get_or_create(organizer=reference.bloc.organizer, name=name,
                                         defaults={"kind": reference.bloc.kind})
    by, created = BlocYear.objects.get_or_create(bloc=bloc, year=reference.year + 1)
    if created:
        for i in range(n_units):
            unit = Unit.objects.create(name=f"Đơn vị thử tải {i + 1:03d} ({uuid.uuid4().hex[:6]})", kind="other")
            BlocMember.objects.create(bloc_year=by, unit=unit,
                                      role=MemberRole.LEADER if i == 0 else MemberRole.DEPUTY if i == 1 else MemberRole.MEMBER)
        table = CriteriaTable.objects.create(bloc_year=by, title="Bảng thử tải")
        for s in range(n_criteria // 10):
            section = Criterion.objects.create(table=table, kind=CriterionKind.SECTION, code=f"S{s + 1}", title=f"Nhóm {s + 1}",
                                               order=s * 100)
            for k in range(10):
                Criterion.objects.create(table=table, parent=section, kind=CriterionKind.CRITERION, code=str(k + 1),
                                         title=f"Tiêu chí {s + 1}.{k + 1}", max_points=10, order=s * 100 + k + 1)
    return by


def _multipart(field, filename, content):
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def import_file(client, ctx):
    by = _bench_bloc_year(ctx["bloc_year"], "Khối thử tải nhập Excel", IMPORT_UNITS, IMPORT_CRITERIA)
    other = _secretary_client(client, by.bloc)
    _state["run"] += 1
    wb = xl.list_template_workbook(by)
    ws = wb[xl.LIST_SHEET]
    value = 5 + _state["run"] % 4
    rows = []
    members = {m.unit.name: m.pk for m in selectors.members_of(by)}
    spec = selectors.table_spec(selectors.table_of(by))
    by_code = {spec.path_codes[n.id]: n.id for n in spec.leaves}
    for row in ws.iter_rows(min_row=2):
        row[3].value = value
        rows.append((members[row[0].value], by_code[row[1].value], Decimal(value)))
    out = io.BytesIO()
    wb.save(out)
    url = reverse("awards:scores_import", kwargs={"bloc_id": by.bloc_id, "year": by.year})
    status, _, page, _ = other.get(url)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    body, content_type = _multipart("file", "diem.xlsx", out.getvalue())
    csrf = token.group(1).decode() if token else ""
    status, headers, content, t_upload = other.request(url, data=body, headers={"Content-Type": content_type, "X-CSRFToken": csrf})
    if status != 200 or b'id="import-preview"' not in content:
        return max(status, 500), headers, content, t_upload
    status, headers, content, t_confirm = other.post(url, {"action": "confirm", "csrfmiddlewaretoken": csrf})
    seconds = t_upload + t_confirm
    _report(f"Nhập tệp Excel {len(rows)} dòng (kiểm tra {t_upload * 1000:.0f} ms + ghi {t_confirm * 1000:.0f} ms)",
            seconds * 1000, rows, _bare_insert_ms(rows))
    return (status if status >= 400 else 200), headers, content, seconds


ACTIONS = [("Lưu bảng điểm", save_grid), ("Nhập tệp Excel", import_file)]
