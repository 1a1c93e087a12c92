"""The one bloc and bloc-year lookup of every view: outside the user's scope 404, without ``perm`` 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from blocs.years.models import Bloc, BlocYear


def get_bloc_for_user(request, bloc_id, perm="blocs.view_bloc"):
    """The bloc if the user may see it (else 404) and holds ``perm`` on it (else 403)."""
    bloc = get_object_or_404(Bloc.objects.visible_to(request.user).select_related("organizer", "province"), pk=bloc_id)
    if perm and perm != "blocs.view_bloc" and not request.user.has_perm(perm, bloc):
        raise PermissionDenied
    return bloc


def get_bloc_year_for_user(request, bloc_id, year, perm="blocs.view_bloc"):
    """The bloc-year if the user may see its bloc (else 404) and holds ``perm`` on it (else 403). One query."""
    bloc_year = get_object_or_404(
        BlocYear.objects.filter(bloc__in=Bloc.objects.visible_to(request.user))
        .select_related("bloc", "bloc__organizer", "bloc__province"),
        bloc_id=bloc_id, year=year,
    )
    if perm and perm != "blocs.view_bloc" and not request.user.has_perm(perm, bloc_year):
        raise PermissionDenied
    return bloc_year
