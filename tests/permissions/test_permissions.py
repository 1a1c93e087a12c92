"""Walks every URL pattern and checks who may reach it: in scope a success, outside 403/404."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.permissions as package

from .cases import ROLES

EXCLUDED_NAMESPACES = {"admin"}


def _all_cases():
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("cases_"):
            found.extend(importlib.import_module(f"tests.permissions.{info.name}").CASES)
    return found


CASES = _all_cases()


def _url_names(patterns=None, namespace=""):
    names = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            names |= _url_names(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def test_every_url_has_a_permission_case():
    covered = {c.name for c in CASES}
    missing = sorted(_url_names() - covered)
    assert not missing, f"URL chưa có kiểm thử phân quyền: {missing}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("who", ROLES)
def test_scope(world, case, who):
    url = reverse(case.name, kwargs=case.url_kwargs(world)) + (f"?{case.query}" if case.query else "")
    client = world.client(who)
    if case.method == "post":
        response = client.post(url, case.post_data(world))
    else:
        response = client.get(url)
    if who == "anonymous" and not case.public:
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], response.status_code
    elif who in case.allowed:
        assert response.status_code < 400, f"{who} {url}: {response.status_code}"
    else:
        assert response.status_code in (403, 404), f"{who} {url}: {response.status_code}"
