"""Who may see and change what. Scopes are read once per request and kept on the user object.

* administrator (superuser or ADMIN grant): everything;
* reviewer (Ban Thi đua - Khen thưởng) of an organiser: reads that organiser's blocs, manages its
  blocs and reviews its proposals;
* secretary of a bloc: reads and changes that bloc;
* leader representative of a unit: reads the blocs the unit belongs to; prints and submits for the
  bloc-years in which the unit leads.

Reads are scoped with ``Bloc.objects.visible_to(user)`` (outside the scope: 404); a visible object
the user may not change gives 403 through the rules below.
"""

import rules

from blocs.access.scope import is_admin_user, leader_unit_ids, reviewer_organizer_ids, secretary_bloc_ids
from blocs.choices import MemberRole
from blocs.years.models import BlocMember


def _bloc_of(obj):
    """The bloc of a bloc, bloc-year or anything with ``bloc_year``."""
    if obj is None:
        return None
    if hasattr(obj, "organizer_id") and hasattr(obj, "succession_policy"):
        return obj
    if hasattr(obj, "bloc"):
        return obj.bloc
    if hasattr(obj, "bloc_year"):
        return obj.bloc_year.bloc
    return None


@rules.predicate
def is_admin(user):
    return is_admin_user(user)


@rules.predicate
def is_reviewer(user):
    return bool(reviewer_organizer_ids(user))


@rules.predicate
def is_reviewer_of(user, obj):
    bloc = _bloc_of(obj)
    organizer_id = bloc.organizer_id if bloc else getattr(obj, "organizer_id", None) or getattr(obj, "pk", None)
    return organizer_id in reviewer_organizer_ids(user)


@rules.predicate
def is_bloc_secretary(user, obj):
    bloc = _bloc_of(obj)
    return bloc is not None and bloc.pk in secretary_bloc_ids(user)


def _leader_unit_of(bloc_year):
    cache = getattr(bloc_year, "_leader_unit_id", "unset")
    if cache == "unset":
        cache = bloc_year.members.filter(role=MemberRole.LEADER).values_list("unit_id", flat=True).first()
        bloc_year._leader_unit_id = cache
    return cache


@rules.predicate
def is_bloc_leader(user, obj):
    """The user represents the unit that leads this bloc-year."""
    bloc_year = obj if hasattr(obj, "year") and hasattr(obj, "bloc_id") else getattr(obj, "bloc_year", None)
    if bloc_year is None:
        return False
    ids = leader_unit_ids(user)
    return bool(ids) and _leader_unit_of(bloc_year) in ids


@rules.predicate
def is_member_rep(user, obj):
    bloc = _bloc_of(obj)
    ids = leader_unit_ids(user)
    if bloc is None or not ids:
        return False

    return BlocMember.objects.filter(bloc_year__bloc=bloc, unit_id__in=ids).exists()


can_view_bloc = is_admin | is_reviewer_of | is_bloc_secretary | is_member_rep
can_edit_bloc = is_admin | is_bloc_secretary
can_manage_bloc = is_admin | is_reviewer_of
can_print_documents = is_admin | is_bloc_secretary | is_bloc_leader | is_reviewer_of

rules.add_perm("blocs.view_bloc", can_view_bloc)
rules.add_perm("blocs.change_bloc", can_edit_bloc | can_manage_bloc)
rules.add_perm("blocs.edit_bloc_year", can_edit_bloc)
rules.add_perm("blocs.create_bloc", is_admin | is_reviewer)
rules.add_perm("blocs.print_documents", can_print_documents)
rules.add_perm("blocs.reorganise_units", is_admin)
# Unlocking a username and address locked after too many wrong passwords (emulation/site/lockouts.py).
rules.add_perm("blocs.unlock_logins", is_admin)
# The change history of a bloc-year: read-only for those who answer for it (not every member unit).
rules.add_perm("blocs.view_history", is_admin | is_reviewer_of | is_bloc_secretary | is_bloc_leader)
