"""Measure the main pages of a running server (started by scripts/bench.sh) and write docs/benchmarks.md.

For each page: median and 95th-percentile server time (the ``X-Bench-Ms`` header of
``emulation.devtools.bench_views.TimingMiddleware``), SQL query count, and the ratio to the trivial page measured in
the same run; then throughput under ``wrk`` (2 threads, 16 connections, 20 s). Exit status 1 if any
request failed (HTTP status >= 400, a socket error or a timeout).
"""

import argparse
import datetime
import http.cookiejar
import importlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from blocs.choices import Phase  # noqa: E402
from emulation.devtools.dataset import BENCH_USERNAME, DEFAULT_PASSWORD, bench_target  # noqa: E402

TARGET_MEDIAN_MS = 150
TARGET_RATIO = 5
# Modules other areas may add: ``ACTIONS = [(label, callable(client, ctx) -> response)]`` (grid save, import, PDF).
ACTION_MODULES = ["emulation.devtools.bench_scoring", "emulation.devtools.bench_documents", "emulation.devtools.bench_uploads"]
EXPECTED_ACTIONS = ["Lưu bảng điểm", "Nhập tệp Excel", "Xuất PDF"]


class Client:
    """A tiny HTTP client with cookies; ``get``/``post`` return (status, headers, body, seconds)."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        req = urllib.request.Request(url, data=body, headers={"Referer": self.base + "/", **(headers or {})})
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as r:
                content = r.read()
                status, hdrs = r.status, r.headers
        except urllib.error.HTTPError as e:
            content, status, hdrs = e.read(), e.code, e.headers
        return status, hdrs, content, time.perf_counter() - start

    def get(self, path, **kw):
        return self.request(path, **kw)

    def post(self, path, data, **kw):
        return self.request(path, data=data, headers={"X-CSRFToken": self.cookie("csrftoken") or ""}, **kw)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def login(self, username, password):
        status, _, body, _ = self.get(reverse("login"))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token:
            raise SystemExit(f"!! Không mở được trang đăng nhập (HTTP {status}).")
        status, headers, _, _ = self.post(reverse("login"), {
            "username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode(),
        })
        if status != 302 or not self.cookie("sessionid"):
            raise SystemExit(f"!! Đăng nhập {username} thất bại (HTTP {status}).")


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(client, path, repeat, warmup=3):
    """Server times (ms), query counts and failures over ``repeat`` sequential requests."""
    times, cpu, queries, failures, statuses = [], [], set(), 0, set()
    for i in range(warmup + repeat):
        status, headers, _, _ = client.get(path)
        statuses.add(status)
        if status >= 400:
            failures += 1
            continue
        if i >= warmup:
            times.append(float(headers.get("X-Bench-Ms", "nan")))
            cpu.append(float(headers.get("X-Bench-Cpu-Ms", "nan")))
            queries.add(int(headers.get("X-Bench-Queries", "-1")))
    return {"times": times, "cpu": cpu, "queries": sorted(queries), "failures": failures, "statuses": sorted(statuses)}


def run_wrk(url, cookie, duration, threads=2, connections=16):
    """Throughput, latency and errors under load: wrk when installed, else a threaded Python loader."""
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
             "-H", f"Cookie: {cookie}", url],
            capture_output=True, text=True, check=False,
        ).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        total = int(re.search(r"(\d+) requests in", out).group(1))
        non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
        sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
        p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)

        def ms(m):
            if not m:
                return None
            return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]

        return {"tool": "wrk", "rps": rps, "requests": total, "errors": non2xx + socket_errors,
                "p50_ms": ms(p50), "p99_ms": ms(p99)}
    # Fallback: `connections` threads, each with its own keep-alive-free loop, for `duration` seconds.
    deadline = time.monotonic() + duration
    lock = threading.Lock()
    stats = {"n": 0, "errors": 0, "lat": []}

    def worker():
        while time.monotonic() < deadline:
            req = urllib.request.Request(url, headers={"Cookie": cookie})
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=10) as r:
                    r.read()
                    ok = r.status < 400
            except Exception:
                ok = False
            with lock:
                stats["n"] += 1
                stats["errors"] += 0 if ok else 1
                stats["lat"].append((time.perf_counter() - start) * 1000)

    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return {"tool": "python", "rps": stats["n"] / duration, "requests": stats["n"], "errors": stats["errors"],
            "p50_ms": percentile(stats["lat"], 50) if stats["lat"] else None,
            "p99_ms": percentile(stats["lat"], 99) if stats["lat"] else None}


def machine():
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    with connection.cursor() as c:
        c.execute("SHOW server_version") if connection.vendor == "postgresql" else c.execute("SELECT sqlite_version()")
        db = f"{connection.vendor} {c.fetchone()[0]}"
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0] if shutil.which("wrk") else "không có (bộ tạo tải Python)"
    return {
        "cpu": f"{cpu} × {os.cpu_count()} lõi", "ram": mem, "os": platform.platform(), "python": platform.python_version(),
        "django": django.get_version(), "db": db, "wrk": wrk.strip(),
    }


def fmt(v, digits=1):
    return "—" if v is None else f"{v:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8765")
    ap.add_argument("--scale", type=int, required=True)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--duration", type=int, default=20)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--dataset-log", default="")
    ap.add_argument("--timings", default="", help="JSON {step: seconds} of the set-up steps")
    ap.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()

    user, by = bench_target()
    if by is None:
        raise SystemExit("!! Không tìm thấy năm của khối nào cho tài khoản thử tải.")
    leader = by.members.filter(role="leader").values_list("unit_id", flat=True).first()
    client = Client(args.url)
    client.login(BENCH_USERNAME, os.environ.get("BENCH_PASSWORD", DEFAULT_PASSWORD))
    by_kwargs = {"bloc_id": by.bloc_id, "year": by.year}
    pages = [
        ("Trang chủ", "home", {}),
        ("Danh sách khối", "blocs:bloc_list", {}),
        ("Năm của khối", "blocs:bloc_year_detail", by_kwargs),
        ("Bảng điểm", "awards:score_grid", by_kwargs),
        ("Xếp hạng", "awards:ranking", by_kwargs),
        ("Hàng đợi thẩm định", "awards:review_queue", {}),
        ("Lịch sử đơn vị", "awards:unit_history", {"unit_id": leader}),
    ]
    ping = reverse("bench_ping")
    print(f"==> Đo {len(pages)} trang × {args.repeat} lần (tài khoản {BENCH_USERNAME}; "
          f"khối-năm {by} – {by.n} thành viên)", flush=True)
    base1 = measure(client, ping, args.repeat)
    rows, failures = [], base1["failures"]
    for label, name, kwargs in pages:
        try:
            path = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            rows.append({"label": label, "name": name, "path": None})
            print(f"   {label:<22} chưa có", flush=True)
            continue
        r = measure(client, path, args.repeat)
        failures += r["failures"]
        row = {"label": label, "name": name, "path": path, **r}
        if r["times"]:
            row["median"] = statistics.median(r["times"])
            row["p95"] = percentile(r["times"], 95)
            row["cpu"] = statistics.median(r["cpu"])
        rows.append(row)
        print(f"   {label:<22} trung vị {fmt(row.get('median'))} ms  p95 {fmt(row.get('p95'))} ms  CPU {fmt(row.get('cpu'))} ms  "
              f"truy vấn {r['queries']}  lỗi {r['failures']}", flush=True)
    base2 = measure(client, ping, args.repeat)
    failures += base2["failures"]
    base_times = base1["times"] + base2["times"]
    base = {"median": statistics.median(base_times), "p95": percentile(base_times, 95),
            "cpu": statistics.median(base1["cpu"] + base2["cpu"]), "queries": sorted(set(base1["queries"] + base2["queries"]))}
    for row in rows:
        if row.get("median") is not None:
            row["ratio"] = row["median"] / base["median"]
            row["cpu_ratio"] = row["cpu"] / base["cpu"] if base["cpu"] else None
            row["ok"] = row["median"] <= TARGET_MEDIAN_MS and row["ratio"] <= TARGET_RATIO and not row["failures"]

    actions = []
    # Actions change scores: on the largest bloc-year still being scored (an approved ranking freezes scores).
    _, scoring_by = bench_target(phase=Phase.SCORING)
    ctx = {"bloc_year": scoring_by, "user": user, "client": client}
    print(f"==> Thao tác trên khối-năm {scoring_by} ({scoring_by.get_phase_display()}, {scoring_by.n} thành viên)", flush=True)
    found = {}
    for module in ACTION_MODULES:
        try:
            found.update(dict(importlib.import_module(module).ACTIONS))
        except ModuleNotFoundError:
            continue
    for label in list(found) + [a for a in EXPECTED_ACTIONS if a not in found]:
        if label not in found:
            actions.append({"label": label, "missing": True})
            continue
        times, errors = [], 0
        for _ in range(5):
            try:
                status, headers, _, seconds = found[label](client, ctx)
            except Exception as exc:  # a broken action is reported as a failure, the run goes on
                print(f"!! {label}: {exc!r}", file=sys.stderr)
                errors += 1
                continue
            errors += status >= 400
            times.append(float(headers.get("X-Bench-Ms", seconds * 1000)))
        failures += errors
        actions.append({"label": label, "median": statistics.median(times) if times else None,
                        "max": max(times) if times else None, "errors": errors})
        print(f"   {label:<22} trung vị {fmt(actions[-1]['median'])} ms  lỗi {errors}", flush=True)

    load = []
    for label, name, kwargs in [("Năm của khối", "blocs:bloc_year_detail", by_kwargs), ("Hàng đợi thẩm định", "awards:review_queue", {})]:
        url = args.url.rstrip("/") + reverse(name, kwargs=kwargs)
        print(f"==> Tải {label}: 2 luồng, 16 kết nối, {args.duration} s", flush=True)
        r = run_wrk(url, client.cookie_header(), args.duration)
        failures += r["errors"]
        load.append({"label": label, "path": reverse(name, kwargs=kwargs), **r})
        print(f"   {r['rps']:.1f} yêu cầu/s, {r['requests']} yêu cầu, {r['errors']} lỗi", flush=True)

    report = render(args, rows, base, actions, load, by, failures, scoring_by)
    print()
    print(report["table"])
    write_docs(Path(args.docs), report["doc"])
    print(f"\nĐã ghi {args.docs}")
    if failures:
        print(f"!! {failures} yêu cầu lỗi.", file=sys.stderr)
        return 1
    return 0


MARK_START = "<!-- bench:start (scripts/bench.py ghi lại phần này) -->"
MARK_END = "<!-- bench:end -->"


def write_docs(path, section):
    """Replace the figures between the markers of ``path``, keeping the hand-written text around them."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + section + after
    else:
        text = "# Hiệu năng: bộ dữ liệu quy mô quốc gia và `make bench`\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def render(args, rows, base, actions, load, by, failures, action_by):
    lines = [
        "| Trang | Đường dẫn | Trung vị (ms) | P95 (ms) | CPU Python, trung vị (ms) | Số truy vấn SQL | So với trang rỗng | So sánh CPU | Đạt mục tiêu |",
        "|---|---|---:|---:|---:|---:|---:|---:|:---:|",
        f"| Trang rỗng (`bench_ping`) | `{reverse('bench_ping')}` | {fmt(base['median'])} | {fmt(base['p95'])} | {fmt(base['cpu'])} | "
        f"{', '.join(map(str, base['queries']))} | 1.0× | 1.0× | |",
    ]
    for r in rows:
        if r["path"] is None:
            lines.append(f"| {r['label']} | `{r['name']}` | chưa có | | | | | | |")
            continue
        q = ", ".join(map(str, r["queries"])) or "—"
        lines.append(
            f"| {r['label']} | `{r['path']}` | {fmt(r.get('median'))} | {fmt(r.get('p95'))} | {fmt(r.get('cpu'))} | {q} | "
            f"{fmt(r.get('ratio'))}× | {fmt(r.get('cpu_ratio'))}× | {'✓' if r.get('ok') else '✗'}{' (lỗi ' + str(r['failures']) + ')' if r['failures'] else ''} |"
        )
    table = "\n".join(lines)
    act = ["| Thao tác | Trung vị (ms) | Lâu nhất (ms) | Lỗi |", "|---|---:|---:|---:|"]
    for a in actions:
        act.append(f"| {a['label']} | chưa có | | |" if a.get("missing") else
                   f"| {a['label']} | {fmt(a['median'])} | {fmt(a['max'])} | {a['errors']} |")
    ld = ["| Trang | Công cụ | Yêu cầu/giây | Số yêu cầu | Trung vị độ trễ (ms) | P99 độ trễ (ms) | Lỗi |",
          "|---|---|---:|---:|---:|---:|---:|"]
    for r in load:
        ld.append(f"| {r['label']} (`{r['path']}`) | {r['tool']} | {r['rps']:.1f} | {r['requests']} | "
                  f"{fmt(r['p50_ms'])} | {fmt(r['p99_ms'])} | {r['errors']} |")
    m = machine()
    timings = json.loads(args.timings) if args.timings else {}
    dataset = Path(args.dataset_log).read_text(encoding="utf-8").strip() if args.dataset_log and Path(args.dataset_log).exists() else ""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    steps = ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
    doc = f"""{MARK_START}
## Lần chạy gần nhất

- Thời điểm: {now}; quy mô `--scale {args.scale}`; {args.repeat} lần đo mỗi trang (sau 3 lần làm nóng).
- Máy: {m['cpu']}, RAM {m['ram']}; {m['os']}; Python {m['python']}, Django {m['django']}; {m['db']}; {m['wrk']}.
- Máy chủ: gunicorn {args.workers} tiến trình đồng bộ trên 127.0.0.1, DEBUG tắt, PostgreSQL trên cùng máy.
- Các bước: {steps or '—'}.
- Trang đo: khối-năm **{by}** ({by.n} thành viên), tài khoản `{BENCH_USERNAME}` (Ban Thi đua - Khen thưởng
  của cơ quan tổ chức khối đó).
- Yêu cầu lỗi: **{failures}**.

### Thời gian xử lý phía máy chủ

{table}

Mục tiêu (issue 7): trung vị ≤ {TARGET_MEDIAN_MS} ms và ≤ {TARGET_RATIO}× trang rỗng; số truy vấn không đổi theo cỡ dữ liệu.

### Chịu tải (2 luồng, 16 kết nối, {args.duration} s)

{chr(10).join(ld)}

### Thao tác của các phần khác

Trên khối-năm **{action_by}** ({action_by.get_phase_display().lower()}, {action_by.n} thành viên: điểm chưa bị khóa);
mỗi thao tác 5 lần, thời gian máy chủ (header `X-Bench-Ms`) hoặc thời gian đo trong tiến trình.

{chr(10).join(act)}

"Chưa có": trang hoặc thao tác chưa có trong nhánh đã đo; scripts/bench.py tự đo khi tên URL tồn tại, hoặc khi
mô-đun `awards/bench_actions.py` / `blocs/bench_actions.py` khai báo `ACTIONS = [(nhãn, hàm(client, ctx))]`.

### Bộ dữ liệu

```
{dataset}
```
{MARK_END}"""
    return {"table": table + "\n\n" + "\n".join(ld), "doc": doc}


if __name__ == "__main__":
    sys.exit(main())
