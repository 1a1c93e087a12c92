"""A user's scope, read once per request and kept on the user object (the one place for it).

* administrator (superuser or ADMIN grant): everything;
* reviewer (Ban Thi đua - Khen thưởng) of an organiser: that organiser's blocs;
* secretary of a bloc: that bloc;
* leader representative of a unit: the blocs the unit belongs to.

``bloc_scope_q`` turns it into a filter on Bloc; ``Bloc.objects.visible_to(user)`` applies it.
"""

from django.db.models import Q

from blocs.choices import Role


def grants(user):
    """The user's role grants, fetched once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_thidua_grants", None)
    if cached is None:
        cached = list(user.role_grants.all())
        user._thidua_grants = cached
    return cached


def is_admin_user(user):
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or any(g.role == Role.ADMIN for g in grants(user))
    )


def reviewer_organizer_ids(user):
    return {g.organizer_id for g in grants(user) if g.role == Role.REVIEWER}


def secretary_bloc_ids(user):
    return {g.bloc_id for g in grants(user) if g.role == Role.SECRETARY}


def leader_unit_ids(user):
    return {g.unit_id for g in grants(user) if g.role == Role.LEADER_REP}


def bloc_scope_q(user):
    """A Q on Bloc for the blocs ``user`` may see."""
    if is_admin_user(user):
        return Q()
    q = Q(pk__in=[])
    if ids := reviewer_organizer_ids(user):
        q |= Q(organizer_id__in=ids)
    if ids := secretary_bloc_ids(user):
        q |= Q(pk__in=ids)
    if ids := leader_unit_ids(user):
        q |= Q(years__members__unit_id__in=ids)
    return q
