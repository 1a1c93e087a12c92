"""Content-Security-Policy on every page type, no inline script or handler in any template, and no caching
of what a signed-in user sees."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.permissions.test_permissions import CASES

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""<[a-zA-Z][^>]*?\son[a-z]+\s*=""", re.DOTALL)
DATA_BLOCK = re.compile(r"""type=["']application/(ld\+)?json["']""")


def _directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _assert_strict(response, url):
    assert "Content-Security-Policy" in response, url
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"], url
    assert policy["script-src"] == ["'self'"], url  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url


def _url(case, world):
    return reverse(case.name, kwargs=case.url_kwargs(world)) + (f"?{case.query}" if case.query else "")


def test_every_page_type_sends_the_policy_and_no_store(world):
    """Every GET page of the permission matrix, as the administrator (who reaches them all)."""
    client = world.client("admin")
    checked = 0
    for case in CASES:
        if case.method != "get" or "admin" not in case.allowed:
            continue
        url = _url(case, world)
        response = client.get(url)
        assert response.status_code < 400, f"{url}: {response.status_code}"
        _assert_strict(response, url)
        assert "no-store" in response["Cache-Control"], url
        checked += 1
    assert checked > 50


def test_public_pages_error_pages_and_the_lock_out_page_send_the_policy(client, db):
    for name in ("login", "password_reset", "password_reset_done"):
        response = client.get(reverse(name))
        _assert_strict(response, name)
    _assert_strict(client.get("/khong-co-trang-nay/"), "404")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        locked = client.post(reverse("login"), {"username": "ai-do", "password": "sai"})
    assert locked.status_code == 429
    _assert_strict(locked, "lock-out")


def test_no_template_holds_an_inline_script_or_handler():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # PDF templates are read by WeasyPrint only, never served to a browser: their <style> stays.
        if path.parts[len(TEMPLATES.parts)] != "pdf" and re.search(r"<style\b", text, re.IGNORECASE):
            offenders.append(f"{path.relative_to(TEMPLATES)}: inline <style> element")
        for match in SCRIPT_TAG.finditer(text):
            attrs = match.group(1)
            if "src=" not in attrs and not DATA_BLOCK.search(attrs):
                offenders.append(f"{path.relative_to(TEMPLATES)}: inline <script>")
        if INLINE_HANDLER.search(text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: inline event handler")
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(TEMPLATES)}: javascript: URL")
    assert not offenders, offenders


def test_the_checks_would_catch_an_inline_script_and_handler():
    assert SCRIPT_TAG.search("<script>alert(1)</script>") and not DATA_BLOCK.search("")
    assert INLINE_HANDLER.search('<input type="checkbox"\n  onclick="go()">')
    assert not INLINE_HANDLER.search('<input data-select-all="ids" aria-label="one=two">')


def test_postgresql_connections_are_kept_and_checked_before_reuse():
    code = (
        "from emulation import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {"PATH": os.environ.get("PATH", ""), "DATABASE_URL": "postgres://thidua:x@db.example.vn/thidua"}
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["60", "True"], result.stderr
