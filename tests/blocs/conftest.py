import pytest
from django.test import Client

from blocs.demo import SEVEN
from blocs.models import AuditEntry, Bloc, BlocYear


@pytest.fixture
def seven(demo):
    return Bloc.objects.get(name=SEVEN)


@pytest.fixture
def seven_without_2018(seven):
    """The cluster as it stood before the 22/03/2018 conference: 2017 only."""
    BlocYear.objects.filter(bloc=seven, year=2018).delete()
    return seven


@pytest.fixture
def secretary(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="thuky"))
    return client


def audit_actions():
    return list(AuditEntry.objects.values_list("action", flat=True))


def errors_of(response):
    """Every error text shown on the page (field errors and form-wide errors)."""
    ctx = response.context
    found = []
    for key in ("form", "year_form", "leadership_form", "member_form", "basis_form", "commitment_form"):
        form = ctx.get(key) if ctx else None
        if form is not None and hasattr(form, "errors"):
            for errs in form.errors.values():
                found.extend(errs)
    if ctx and ctx.get("errors"):
        found.extend(ctx["errors"])
    return found
