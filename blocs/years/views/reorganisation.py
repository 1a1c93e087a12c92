"""The 2025 reorganisation tool (administrator): record merged units; see the blocs to re-form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from blocs.audit.models import AuditEntry
from blocs.years import services
from blocs.years.forms import MergeForm
from blocs.years.selectors import blocs_needing_reorganisation
from emulation.lib.forms import add_service_errors


@login_required
def reorganisation(request):
    if not request.user.has_perm("blocs.reorganise_units"):
        raise PermissionDenied
    form = MergeForm(request.POST or None, initial={"on": "2025-07-01"}, search_url=reverse("blocs:reorg_unit_search"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.unit_merge(user=request.user, units=list(d["units"]), into=d["into"], on=d["on"])
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Đã ghi nhận %(n)s đơn vị sáp nhập vào %(into)s từ ngày %(date)s.") % {
                "n": len(d["units"]), "into": d["into"].name, "date": d["on"].strftime("%d/%m/%Y")})
            return redirect("blocs:reorganisation")
    return render(request, "blocs/reorganisation.html", {
        "form": form,
        "flagged": blocs_needing_reorganisation(),
        "recent": AuditEntry.objects.filter(action="unit_merge").select_related("user")[:20],
    }, status=400 if request.method == "POST" else 200)
