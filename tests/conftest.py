import pytest
from django.test import Client

from blocs.choices import Role
from blocs.models import AuditEntry, Bloc, BlocYear, Organizer
from emulation.devtools.demo.core import SEVEN

from .factories import BlocFactory, UserFactory, bloc_year_with_members, grant, purge_bloc_year


@pytest.fixture
def reference_data(db):
    """The reference data the migrations load (again: transactional tests flush it)."""
    from awards.catalog.reference_data import load_award_reference
    from awards.models import AwardRule, AwardType, LegalBasis
    from blocs.models import Province, Unit
    from blocs.units.reference_data import load_reference_data
    from emulation.lib import text

    if not Province.objects.exists():
        load_reference_data(Province, Organizer, Unit, text=text)
        load_award_reference(LegalBasis, AwardType, AwardRule)


@pytest.fixture
def demo(db, reference_data):
    from emulation.devtools.demo.core import load_demo

    load_demo()


class World:
    """Two organisers, a bloc each, and one user per role: inside scope (``_a``) and outside (``_b``)."""

    def __init__(self):
        self.org_a = Organizer.objects.get(kind="central")
        self.org_b = Organizer.objects.filter(kind="province").first()
        self.bloc_a = BlocFactory(organizer=self.org_a, name="Cụm thi đua A")
        self.bloc_b = BlocFactory(organizer=self.org_b, name="Khối thi đua B")
        self.by_a = bloc_year_with_members(5, bloc=self.bloc_a, year=2026)
        self.by_b = bloc_year_with_members(5, bloc=self.bloc_b, year=2026)
        self.leader_unit_a = self.by_a.members.get(role="leader").unit
        self.users = {
            "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
            "reviewer_a": grant(UserFactory(username="reviewer_a"), Role.REVIEWER, organizer=self.org_a),
            "reviewer_b": grant(UserFactory(username="reviewer_b"), Role.REVIEWER, organizer=self.org_b),
            "secretary_a": grant(UserFactory(username="secretary_a"), Role.SECRETARY, bloc=self.bloc_a),
            "secretary_b": grant(UserFactory(username="secretary_b"), Role.SECRETARY, bloc=self.bloc_b),
            "leader_a": grant(UserFactory(username="leader_a"), Role.LEADER_REP, unit=self.leader_unit_a),
            "nobody": UserFactory(username="nobody"),
        }

    def client(self, who):
        client = Client()
        if who != "anonymous":
            client.force_login(self.users[who])
        return client


@pytest.fixture
def world(db, reference_data):
    return World()


# Shared by the blocs, history and demo tests ----------------------------------------------


@pytest.fixture
def seven(demo):
    return Bloc.objects.get(name=SEVEN)


@pytest.fixture
def seven_without_2018(seven):
    """The cluster as it stood before the 22/03/2018 conference: 2017 only."""
    purge_bloc_year(BlocYear.objects.get(bloc=seven, year=2018))
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
