"""The scoring actions of ``make bench`` run against a live server and report the bulk-insert ratio."""

import importlib.util
from pathlib import Path

import pytest

from awards.models import Score
from blocs.choices import Role
from emulation.devtools import bench_scoring as bench_actions
from tests.factories import BlocFactory, UserFactory, bloc_year_with_members, grant

from .helpers import make_table

pytestmark = pytest.mark.django_db(transaction=True)


def _bench_client_class():
    spec = importlib.util.spec_from_file_location("bench_script", Path(__file__).resolve().parents[3] / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Client


def test_save_and_import_actions(live_server, capsys, monkeypatch, settings):
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False  # as make bench runs it (plain http)
    monkeypatch.setattr(bench_actions, "GRID_UNITS", 5)
    monkeypatch.setattr(bench_actions, "GRID_CRITERIA", 10)
    monkeypatch.setattr(bench_actions, "IMPORT_UNITS", 6)
    monkeypatch.setattr(bench_actions, "IMPORT_CRITERIA", 20)
    monkeypatch.setattr(bench_actions, "_state", {"run": 0, "clients": {}})
    bloc = BlocFactory(name="Khối thử tải")
    by = bloc_year_with_members(5, bloc=bloc, year=2026)
    make_table(by, sections=2, per_section=3, bonus=(), penalty=())
    grant(UserFactory(username="tk.thu", password="dataset-2026"), Role.SECRETARY, bloc=bloc)
    client = _bench_client_class()(live_server.url)
    ctx = {"bloc_year": by}

    def grid_scores():
        return Score.objects.filter(criterion__table__bloc_year__bloc__name="Khối thử tải bảng điểm 40 × 60")

    status, *_ = bench_actions.save_grid(client, ctx)
    assert status == 200 and grid_scores().count() == 50 and not grid_scores().exclude(version=1).exists()
    status, *_ = bench_actions.save_grid(client, ctx)  # again: versions are read afresh, no conflict
    assert status == 200 and not grid_scores().exclude(version=2).exists()
    status, *_ = bench_actions.import_file(client, ctx)
    assert status == 200
    assert Score.objects.filter(criterion__table__bloc_year__bloc__name="Khối thử tải nhập Excel").count() == 6 * 20
    assert not Score.objects.filter(criterion__table__bloc_year=by).exists()  # the measured bloc-year is untouched
    out = capsys.readouterr().out
    assert "Lưu bảng điểm 5 × 10: 50 ô" in out and "tỷ lệ" in out
    assert "Nhập tệp Excel 120 dòng" in out
