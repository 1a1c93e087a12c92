from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.utils import timezone

from blocs.models import BlocYear
from blocs.years.selectors import bloc_years_with_leaders, blocs_for_user
from emulation.site.attention import attention_items, work_items


@login_required
def home(request):
    year = timezone.localdate().year
    blocs = list(blocs_for_user(request.user).order_by("sort_key")[:50])
    latest = {}
    if blocs:
        # Only the latest year of each bloc (not all its years): constant work per bloc shown.
        last_year = BlocYear.objects.filter(bloc=OuterRef("bloc")).order_by("-year").values("year")[:1]
        for by in bloc_years_with_leaders(BlocYear.objects.filter(bloc__in=blocs, year=Subquery(last_year))):
            latest.setdefault(by.bloc_id, by)
    rows = [(bloc, latest.get(bloc.pk)) for bloc in blocs]
    return render(request, "home.html", {
        "year": year,
        "rows": rows,
        "items": attention_items(request.user, year) + work_items(request.user, year),
        "notifications": request.user.notifications.filter(read_at__isnull=True)[:10],
    })
