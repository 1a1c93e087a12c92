"""The history page of a bloc-year: every recorded change, who, when, what, old -> new (read-only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from blocs.audit import selectors
from blocs.audit.labels import ACTION_GROUPS
from blocs.years.lookups import get_bloc_year_for_user


@login_required
@require_GET
def bloc_year_history(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, perm="blocs.view_history")
    group = request.GET.get("nhom", "")
    who = request.GET.get("nguoi", "")[:300]
    page = selectors.history_page(bloc_year, group=group, who=who, page=request.GET.get("trang", 1))
    return render(request, "blocs/audit_history.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "page": page,
        "groups": [(key, label) for key, (label, _actions) in ACTION_GROUPS.items()],
        "people": selectors.history_people(bloc_year), "group": group, "who": who,
    })
