import factory
from django.contrib.auth import get_user_model

from awards.models import CriteriaTable, Proposal, Ranking, Score, Vote
from blocs.choices import BlocKind, MemberRole, OrganizerKind, Role, UnitKind
from blocs.models import Bloc, BlocMember, BlocYear, Meeting, Organizer, Pledge, RoleGrant, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "pw-12345")
        if create:
            self.save()


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer

    name = factory.Sequence(lambda n: f"Bộ Thử nghiệm {n}")
    kind = OrganizerKind.MINISTRY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.DEPARTMENT


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = BlocKind.BLOC
    organizer = factory.SubFactory(OrganizerFactory)


class BlocYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocYear

    bloc = factory.SubFactory(BlocFactory)
    year = 2026


class BlocMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocMember

    bloc_year = factory.SubFactory(BlocYearFactory)
    unit = factory.SubFactory(UnitFactory)
    role = MemberRole.MEMBER


def grant(user, role, **scope):
    RoleGrant.objects.create(user=user, role=role, **scope)
    return user


def bloc_year_with_members(n=5, *, bloc=None, year=2026, leader=0, deputy=1):
    """A bloc-year with ``n`` member units; the ``leader``-th leads and the ``deputy``-th deputises."""
    by = BlocYearFactory(bloc=bloc or BlocFactory(), year=year)
    for i in range(n):
        role = MemberRole.LEADER if i == leader else MemberRole.DEPUTY if i == deputy else MemberRole.MEMBER
        BlocMemberFactory(bloc_year=by, role=role)
    return by


__all__ = ["Role"]


def purge_bloc_year(bloc_year):
    """Delete a bloc-year with everything it holds (test set-up only: the app and the admin refuse to
    delete a year that holds results, see the PROTECT foreign keys)."""
    Proposal.objects.filter(bloc_year=bloc_year).delete()
    Vote.objects.filter(bloc_year=bloc_year).delete()
    Ranking.objects.filter(bloc_year=bloc_year).delete()
    Score.objects.filter(member__bloc_year=bloc_year).delete()
    CriteriaTable.objects.filter(bloc_year=bloc_year).delete()
    Meeting.objects.filter(bloc_year=bloc_year).delete()
    Pledge.objects.filter(bloc_year=bloc_year).delete()
    bloc_year.delete()
