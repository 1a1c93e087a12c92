"""Several processes as if on several hosts: two gunicorn servers and a task worker on one PostgreSQL.

Each process runs in its own working folder (and its own TMPDIR); what they share is what several hosts
share in production (README, "Deploying on several machines"): the database, the settings (SECRET_KEY) and
the storage folder of default_storage (a network share in production). The ``cluster`` fixture starts them
against the test database, which the test fills and commits (``transaction=True``).

The login-throttling checks of issue 15 (wrong passwords sent alternately to A and B) use the same fixture:
``cluster.login(cluster.a, ...)`` posts the real login form.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """A browser of one user: a cookie jar, sent to any of the servers (sessions live in the database)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.geturl(), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, url, exc.read()

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")


class Cluster:
    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.storage = tmp_path / "shared-storage"
        self.storage.mkdir()
        db = connection.settings_dict
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)},
            "DJANGO_SETTINGS_MODULE": "emulation.settings",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "SECRET_KEY": "multi-process-test-key-shared-by-every-host-0123456789",
            "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false", "STATIC_MANIFEST": "false",
            "MEDIA_ROOT": str(self.storage), "JOB_STALE_SECONDS": "5", "JOB_MAX_ATTEMPTS": "2",
            "LOG_LEVEL": "INFO", "PYTHONPATH": str(ROOT),
        }
        self.processes = {}
        self.a = self._start_web("a")
        self.b = self._start_web("b")
        self.start_worker()
        for base in (self.a, self.b):
            self._wait_for(base)

    def _folder(self, name):
        folder = self.tmp / f"host-{name}"
        (folder / "tmp").mkdir(parents=True, exist_ok=True)
        return folder

    def _spawn(self, name, argv):
        folder = self._folder(name)
        log = (folder / "log.txt").open("ab")
        env = {**self.env, "TMPDIR": str(folder / "tmp")}
        self.processes[name] = subprocess.Popen(argv, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)
        return self.processes[name]

    def _start_web(self, name):
        port = free_port()
        self._spawn(name, [str(BIN / "gunicorn"), "emulation.wsgi:application", "--bind", f"127.0.0.1:{port}",
                           "--workers", "2", "--timeout", "120"])
        return f"http://127.0.0.1:{port}"

    def start_worker(self):
        return self._spawn("worker", [str(BIN / "python"), str(ROOT / "manage.py"), "db_worker", "--no-reload",
                                      "--interval", "0.3", "--no-startup-delay"])

    def kill_worker(self):
        """SIGKILL, as a host losing power: the worker cannot mark anything."""
        process = self.processes.pop("worker")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def _wait_for(self, base, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5).read()
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        pytest.fail(f"{base} không khởi động được:\n{self.logs()}")

    def login(self, base, username, password, session=None):
        session = session or Session()
        session.request(f"{base}/dang-nhap/")
        status, url, body = session.request(f"{base}/dang-nhap/", {
            "username": username, "password": password, "csrfmiddlewaretoken": session.csrf()})
        return session, status, url, body.decode()

    def logs(self):
        return "\n".join(f"--- {p.name}\n{(p / 'log.txt').read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.tmp.glob("host-*")))

    def stop(self):
        for process in self.processes.values():
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)


def state_of(fragment):
    """(status, done, total) from the progress fragment of a batch print."""
    status = re.search(r'data-status="(\w+)"', fragment)
    counts = re.search(r'<progress max="(\d+)" value="(\d+)"', fragment)
    return (status.group(1) if status else None, int(counts.group(2)) if counts else None,
            int(counts.group(1)) if counts else None)


@pytest.fixture
def cluster(tmp_path, transactional_db):
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.stop()
