"""The unit pickers' search endpoint: at most 20 units matching what the user typed, in scope.

``unit_search`` (a bloc's secretary or the administrator): units that may join the bloc in a year —
in force on 1 January, of the organiser's province when it is a province (``unit_candidates``) —
optionally without the units already in a bloc of the same organiser that year (``free=1``).
``reorg_unit_search`` (administrator): the units in force, for the 2025 merge tool.
Both answer JSON ``{"results": [{"id", "name", "detail"}], "more": bool}``.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from blocs.units.models import Unit
from blocs.years.forms import unit_detail
from blocs.years.lookups import get_bloc_for_user
from blocs.years.models import BlocMember
from blocs.years.selectors import unit_candidates
from emulation.lib.forms import as_id, as_year
from emulation.lib.text import ascii_key, has_diacritics, search_key

LIMIT = 20
EDIT = "blocs.edit_bloc_year"


def _ids(text):
    return [pk for pk in map(as_id, (text or "").split(",")) if pk is not None][:500]


def _answer(units, request):
    """Names starting with the typed text first, then the others containing it, in Vietnamese order."""
    q = " ".join(request.GET.get("q", "")[:100].split())
    units = units.search(q)
    if exclude := _ids(request.GET.get("exclude")):
        units = units.exclude(pk__in=exclude)
    starts = Q(name_key__startswith=search_key(q)) if has_diacritics(q) else Q(name_ascii__startswith=ascii_key(q))
    rank = Case(When(starts, then=Value(0)), default=Value(1), output_field=IntegerField())
    found = list(units.select_related("province").annotate(rank=rank).order_by("rank", "sort_key", "pk")[: LIMIT + 1])
    return JsonResponse({
        "results": [{"id": u.pk, "name": u.name, "detail": unit_detail(u)} for u in found[:LIMIT]],
        "more": len(found) > LIMIT,
    })


@login_required
@require_GET
def unit_search(request, bloc_id):
    bloc = get_bloc_for_user(request, bloc_id, EDIT)
    year = as_year(request.GET.get("year"))
    if year is None:
        return JsonResponse({"error": _("Năm không hợp lệ.")}, status=400)
    units = unit_candidates(bloc=bloc, year=year)
    if request.GET.get("free") == "1":
        taken = BlocMember.objects.filter(organizer_id=bloc.organizer_id, year=year).values("unit_id")
        units = units.exclude(pk__in=taken)
    return _answer(units, request)


@login_required
@require_GET
def reorg_unit_search(request):
    if not request.user.has_perm("blocs.reorganise_units"):
        raise PermissionDenied
    return _answer(Unit.objects.filter(valid_to__isnull=True), request)
