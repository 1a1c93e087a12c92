import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from blocs.audit import selectors as audit_selectors
from blocs.choices import BlocKind, MemberRole, Phase
from blocs.units.models import Unit
from blocs.years import services
from blocs.years.forms import BlocFilterForm, BlocForm, BlocYearForm, LeadershipForm, MemberAddForm
from blocs.years.lookups import get_bloc_for_user, get_bloc_year_for_user
from blocs.years.models import Bloc
from blocs.years.selectors import (
    bloc_years_with_leaders,
    deputy_of,
    ended_members,
    leader_of,
    membership_changes,
    previous_year,
    unit_candidates,
)
from emulation.lib.forms import add_service_errors, service_applied


@login_required
def bloc_list(request):
    form = BlocFilterForm(request.GET or None, user=request.user)
    blocs = Bloc.objects.visible_to(request.user).select_related("organizer", "province")
    if form.is_valid():
        blocs = form.filter(blocs)
    page = Paginator(blocs.order_by("sort_key", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "blocs/bloc_list.html", {
        "form": form, "page": page, "kinds": BlocKind, "can_create": request.user.has_perm("blocs.create_bloc"),
    })


@login_required
def bloc_create(request):
    if not request.user.has_perm("blocs.create_bloc"):
        raise PermissionDenied
    form = BlocForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            bloc = services.bloc_create(user=request.user, data=form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Đã tạo %(bloc)s.") % {"bloc": bloc.name})
            return redirect("blocs:bloc_detail", bloc.pk)
    return render(request, "blocs/bloc_form.html", {"form": form, "bloc": None})


@login_required
def bloc_edit(request, bloc_id):
    bloc = get_bloc_for_user(request, bloc_id, "blocs.change_bloc")
    form = BlocForm(request.POST or None, instance=copy.copy(bloc), user=request.user)
    if request.method == "POST" and service_applied(
            form, lambda d: services.bloc_update(user=request.user, bloc=bloc, data=d)):
        messages.success(request, _("Đã lưu thông tin khối, cụm."))
        return redirect("blocs:bloc_detail", bloc.pk)
    return render(request, "blocs/bloc_form.html", {"form": form, "bloc": bloc})


@login_required
def bloc_detail(request, bloc_id):
    bloc = get_bloc_for_user(request, bloc_id)
    years = list(bloc_years_with_leaders(bloc.years.all()).order_by("-year"))
    for by in years:
        by.leader = leader_of(by)
        by.deputy = deputy_of(by)
    return render(request, "blocs/bloc_detail.html", {
        "bloc": bloc,
        "years": years,
        "can_edit": request.user.has_perm("blocs.edit_bloc_year", bloc),
        "can_change": request.user.has_perm("blocs.change_bloc", bloc),
    })


def bloc_year_context(request, bloc_year, **forms):
    """Everything the bloc-year page shows; a constant number of queries."""
    members = list(bloc_year.members.select_related("unit", "unit__successor").in_display_order())
    leader = next((m.unit for m in members if m.role == MemberRole.LEADER), None)
    deputy = next((m.unit for m in members if m.role == MemberRole.DEPUTY), None)
    can_edit = request.user.has_perm("blocs.edit_bloc_year", bloc_year)
    previous = previous_year(bloc_year)
    added, dropped = membership_changes(members=members, previous=previous)
    context = {
        "bloc": bloc_year.bloc,
        "bloc_year": bloc_year,
        "members": members,
        "leader": leader,
        "deputy": deputy,
        "can_edit": can_edit,
        "previous": previous,
        "added": added,
        "dropped": dropped,
        "ended": ended_members(members, bloc_year.year + 1),
        "meetings": list(bloc_year.meetings.all()),
        "pledge": getattr(bloc_year, "pledge", None),
        "other_years": list(bloc_year.bloc.years.order_by("-year").values_list("year", flat=True)),
        "has_next_year": bloc_year.bloc.years.filter(year=bloc_year.year + 1).exists(),
        "history": audit_selectors.recent(bloc_year) if request.user.has_perm("blocs.view_history", bloc_year) else None,
        "phases": [(value, label, i <= Phase.order().index(bloc_year.phase)) for i, (value, label) in enumerate(Phase.choices)],
    }
    if can_edit:
        member_units = Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("sort_key")
        context["year_form"] = forms.get("year_form") or BlocYearForm(
            initial={"theme": bloc_year.theme, "phase": bloc_year.phase}, prefix="year")
        context["leadership_form"] = forms.get("leadership_form") or LeadershipForm(
            units=member_units, prefix="lead",
            initial={"leader": leader, "deputy": deputy, "leadership_basis": bloc_year.leadership_basis,
                     "leadership_basis_number": bloc_year.leadership_basis_number,
                     "leadership_basis_date": bloc_year.leadership_basis_date})
        context["member_form"] = forms.get("member_form") or MemberAddForm(
            units=unit_candidates(bloc=bloc_year.bloc, year=bloc_year.year).exclude(memberships__bloc_year=bloc_year),
            search_url=member_search_url(bloc_year.bloc_id, bloc_year.year), prefix="member")
    return context


def member_search_url(bloc_id, year):
    """The picker's search for a new member: units that may join, not yet in a bloc of the organiser."""
    return f"{reverse('blocs:unit_search', args=[bloc_id])}?year={year}&free=1"


@login_required
def bloc_year_detail(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    return render(request, "blocs/bloc_year_detail.html", bloc_year_context(request, bloc_year))
