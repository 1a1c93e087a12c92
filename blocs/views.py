from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .choices import BlocKind
from .forms import BlocFilterForm
from .models import Bloc, BlocYear
from .selectors import bloc_years_with_leaders, deputy_of, leader_of


def _get_bloc_for_user(request, bloc_id, perm="blocs.view_bloc"):
    """The bloc if the user may see it (else 404) and holds ``perm`` on it (else 403)."""
    bloc = get_object_or_404(Bloc.objects.visible_to(request.user).select_related("organizer", "province"), pk=bloc_id)
    if perm != "blocs.view_bloc" and not request.user.has_perm(perm, bloc):
        raise PermissionDenied
    return bloc


def _get_bloc_year_for_user(request, bloc_id, year, perm="blocs.view_bloc"):
    bloc = _get_bloc_for_user(request, bloc_id)
    bloc_year = get_object_or_404(BlocYear.objects.select_related("bloc", "bloc__organizer"), bloc=bloc, year=year)
    if perm != "blocs.view_bloc" and not request.user.has_perm(perm, bloc_year):
        raise PermissionDenied
    return bloc_year


@login_required
def bloc_list(request):
    form = BlocFilterForm(request.GET or None, user=request.user)
    blocs = Bloc.objects.visible_to(request.user).select_related("organizer", "province")
    if form.is_valid():
        blocs = form.filter(blocs)
    page = Paginator(blocs.order_by("sort_key", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "blocs/bloc_list.html", {"form": form, "page": page, "kinds": BlocKind})


@login_required
def bloc_detail(request, bloc_id):
    bloc = _get_bloc_for_user(request, bloc_id)
    years = list(bloc_years_with_leaders(bloc.years.all()).order_by("-year"))
    for by in years:
        by.leader = leader_of(by)
        by.deputy = deputy_of(by)
    return render(request, "blocs/bloc_detail.html", {
        "bloc": bloc,
        "years": years,
        "can_edit": request.user.has_perm("blocs.edit_bloc_year", bloc),
    })


@login_required
def bloc_year_detail(request, bloc_id, year):
    bloc_year = _get_bloc_year_for_user(request, bloc_id, year)
    members = list(bloc_year.members.select_related("unit", "unit__successor").in_display_order())
    leader = next((m.unit for m in members if m.role == "leader"), None)
    deputy = next((m.unit for m in members if m.role == "deputy"), None)
    return render(request, "blocs/bloc_year_detail.html", {
        "bloc": bloc_year.bloc,
        "bloc_year": bloc_year,
        "members": members,
        "leader": leader,
        "deputy": deputy,
        "can_edit": request.user.has_perm("blocs.edit_bloc_year", bloc_year),
        "ranking": getattr(bloc_year, "ranking", None) if hasattr(bloc_year, "ranking") else None,
        "other_years": bloc_year.bloc.years.order_by("-year").values_list("year", flat=True),
    })


