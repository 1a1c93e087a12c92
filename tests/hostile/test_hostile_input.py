"""Hostile input on every form of the app: no value a user can type answers 500.

The forms are found, not listed: every page of the permission matrix (which covers every URL pattern;
``tests/permissions``) is opened as the most powerful role allowed, each ``<form>`` on it is parsed, and
each of its fields is sent every value of ``HOSTILE`` (the rest of the form as the page filled it). A new
form joins by being on a page; a new page joins by its permission case, which ``test_every_url_has_a_
permission_case`` demands. A NUL character is refused with 400 and a Vietnamese message, nothing written.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from blocs.audit.models import AuditEntry
from tests.permissions.test_permissions import CASES

HOSTILE = [
    "", "   ", "x" * 10_000, "1e400", "9" * 400, "-1", "99999999999", "999999999999", "9999999999",
    "2100", "²⁰²⁶", "abc", "NaN", "Infinity", "1,5e3", "Nghe\u0323 An",  # NFD
    "<script>alert(1)</script>", "\u202eRTL\u202c", "=HYPERLINK(\"http://x\")",
]
NUL = "a\x00b"
SKIP_ACTIONS = ("/dang-xuat/", "/quan-tri/")


class _Forms(HTMLParser):
    """The forms of a page: method, action and the fields with the values the page put in them."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag in ("input", "select", "textarea"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                if kind == "submit" and a.get("name"):
                    self._form["fields"].setdefault(a["name"], a.get("value") or "")
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], "") if kind == "radio" else None
                return
            self._form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], "")
        elif tag == "option" and self._select:
            if "selected" in a or not self._form["fields"].get(self._select):
                self._form["fields"][self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"][a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


PAGES = [c for c in CASES if c.method == "get" and c.allowed and c.name not in ("bench_ping",)]


def _role(case):
    for who in ("admin", "secretary_a", "reviewer_a", "leader_a"):
        if who in case.allowed:
            return who
    return sorted(case.allowed)[0]


def _send(client, form, url, data):
    if form["method"] == "post":
        return client.post(url, data)
    return client.get(url, data)


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.name)
def test_no_value_breaks_a_form(world, case):
    who = _role(case)
    page_url = reverse(case.name, kwargs=case.url_kwargs(world)) + (f"?{case.query}" if case.query else "")
    client = world.client(who)
    response = client.get(page_url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    parser = _Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        url = form["action"] or page_url.split("?")[0]
        if urlsplit(url).netloc or url.startswith(SKIP_ACTIONS):
            continue
        fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
        for name in fields:
            for value in HOSTILE:
                answer = _send(client, form, url, {**fields, name: value})
                assert answer.status_code < 500, f"{url} {name}={value[:40]!r}: {answer.status_code}"
            before = AuditEntry.objects.count()
            answer = _send(client, form, url, {**fields, name: NUL})
            assert answer.status_code == 400, f"{url} {name}=NUL: {answer.status_code}"
            assert "không hợp lệ" in answer.content.decode() and AuditEntry.objects.count() == before


QUERY_PAGES = [c for c in PAGES if c.query]


@pytest.mark.parametrize("case", QUERY_PAGES, ids=lambda c: c.name)
def test_no_value_breaks_a_query_parameter(world, case):
    """The JSON searches and filtered lists: each query parameter gets every hostile value."""
    client = world.client(_role(case))
    url = reverse(case.name, kwargs=case.url_kwargs(world))
    params = dict(pair.split("=", 1) for pair in case.query.split("&"))
    for name in params:
        for value in [*HOSTILE, NUL]:
            answer = client.get(url, {**params, name: value})
            expected = 400 if value == NUL else None
            assert answer.status_code < 500 and (expected is None or answer.status_code == expected), (
                f"{url} {name}={value[:40]!r}: {answer.status_code}")
