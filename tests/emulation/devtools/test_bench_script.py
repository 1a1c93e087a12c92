"""Pure parts of scripts/bench.py: percentiles, failure counting and the docs markers."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_percentile_interpolates(bench):
    values = list(range(1, 101))
    assert bench.percentile(values, 50) == pytest.approx(50.5)
    assert bench.percentile(values, 95) == pytest.approx(95.05)
    assert bench.percentile([7.0], 95) == 7.0


class FakeClient:
    def __init__(self, statuses):
        self.statuses = list(statuses)

    def get(self, path):
        status = self.statuses.pop(0)
        return status, {"X-Bench-Ms": "12.5", "X-Bench-Cpu-Ms": "4.0", "X-Bench-Queries": "7"}, b"", 0.01


def test_measure_counts_failures_and_skips_warmup(bench):
    result = bench.measure(FakeClient([200, 200, 200, 200, 500, 200]), "/x/", repeat=3)
    assert result["failures"] == 1
    assert result["times"] == [12.5, 12.5]  # the 3 warm-up requests are not timed; the 500 is not either
    assert result["queries"] == [7] and result["statuses"] == [200, 500]


def test_write_docs_replaces_only_the_figures(bench, tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Tiêu đề\n\nVăn bản viết tay.\n\n{bench.MARK_START}\ncũ\n{bench.MARK_END}\n\n## Cách đo\n", encoding="utf-8")
    bench.write_docs(doc, f"{bench.MARK_START}\nmới\n{bench.MARK_END}")
    text = doc.read_text(encoding="utf-8")
    assert "cũ" not in text and "mới" in text
    assert text.startswith("# Tiêu đề\n\nVăn bản viết tay.") and text.rstrip().endswith("## Cách đo")
    fresh = tmp_path / "moi.md"
    bench.write_docs(fresh, f"{bench.MARK_START}\nmới\n{bench.MARK_END}")
    assert fresh.read_text(encoding="utf-8").startswith("# Hiệu năng")
