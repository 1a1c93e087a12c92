"""The pledge (giao ước thi đua) screens of a bloc-year: header, bases, commitments, signatories."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blocs.pledges import services
from blocs.pledges.forms import PledgeForm, PledgeItemForm, SignatoryFormSet
from blocs.pledges.models import Pledge
from blocs.years.lookups import get_bloc_year_for_user
from blocs.years.member_rows import member_initial, member_rows
from emulation.lib.forms import service_applied

EDIT = "blocs.edit_bloc_year"
KIND_LABELS = {"can-cu": _("căn cứ"), "noi-dung": _("nội dung giao ước")}


def _model(kind):
    try:
        return services.ITEM_MODELS[kind]
    except KeyError:
        raise Http404 from None


def _pledge_context(request, bloc_year, **forms):
    pledge = Pledge.objects.filter(bloc_year=bloc_year).first()
    can_edit = request.user.has_perm(EDIT, bloc_year)
    context = {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "pledge": pledge, "can_edit": can_edit,
        "bases": list(pledge.bases.all()) if pledge else [],
        "commitments": list(pledge.commitments.all()) if pledge else [],
        "signatories": list(pledge.signatories.select_related("unit")) if pledge else [],
        "member_count": bloc_year.members.count(),
    }
    context["returned_count"] = sum(1 for s in context["signatories"] if s.returned)
    if can_edit:
        context["form"] = forms.get("form") or PledgeForm(instance=pledge, prefix="pledge")
        context["basis_form"] = forms.get("basis_form") or PledgeItemForm(prefix="can-cu")
        context["commitment_form"] = forms.get("commitment_form") or PledgeItemForm(prefix="noi-dung")
    return context


@login_required
def pledge_detail(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    if request.method == "POST":
        bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
        form = PledgeForm(request.POST, prefix="pledge")
        if service_applied(form, lambda d: services.pledge_save(user=request.user, bloc_year=bloc_year, data=d)):
            messages.success(request, _("Đã lưu thông tin bản giao ước."))
            return redirect("blocs:pledge_detail", bloc_id, year)
        return render(request, "blocs/pledge_detail.html", _pledge_context(request, bloc_year, form=form), status=400)
    return render(request, "blocs/pledge_detail.html", _pledge_context(request, bloc_year))


@login_required
@require_POST
def pledge_item_add(request, bloc_id, year, kind):
    _model(kind)
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    form = PledgeItemForm(request.POST, prefix=kind)
    if service_applied(form, lambda d: services.pledge_item_add(user=request.user, bloc_year=bloc_year, kind=kind, text=d["text"])):
        messages.success(request, _("Đã thêm %(what)s.") % {"what": KIND_LABELS[kind]})
        return redirect("blocs:pledge_detail", bloc_id, year)
    key = "basis_form" if kind == "can-cu" else "commitment_form"
    return render(request, "blocs/pledge_detail.html", _pledge_context(request, bloc_year, **{key: form}), status=400)


def _item(bloc_year, kind, item_id):
    return get_object_or_404(_model(kind).objects.select_related("pledge__bloc_year"), pk=item_id, pledge__bloc_year=bloc_year)


@login_required
def pledge_item_edit(request, bloc_id, year, kind, item_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    item = _item(bloc_year, kind, item_id)
    form = PledgeItemForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and service_applied(
            form, lambda d: services.pledge_item_update(user=request.user, item=item, text=d["text"])):
        messages.success(request, _("Đã lưu %(what)s.") % {"what": KIND_LABELS[kind]})
        return redirect("blocs:pledge_detail", bloc_id, year)
    return render(request, "blocs/pledge_item_form.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "item": item, "form": form, "what": KIND_LABELS[kind],
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def pledge_item_delete(request, bloc_id, year, kind, item_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    services.pledge_item_delete(user=request.user, item=_item(bloc_year, kind, item_id))
    messages.success(request, _("Đã xoá %(what)s.") % {"what": KIND_LABELS[kind]})
    return redirect("blocs:pledge_detail", bloc_id, year)


@login_required
@require_POST
def pledge_item_move(request, bloc_id, year, kind, item_id):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    try:
        services.pledge_item_move(user=request.user, item=_item(bloc_year, kind, item_id), up=request.POST.get("direction") != "down")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("blocs:pledge_detail", bloc_id, year)


@login_required
@require_POST
def pledge_copy_commitments(request, bloc_id, year):
    bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
    try:
        services.pledge_copy_from_previous(user=request.user, bloc_year=bloc_year)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Đã sao chép nội dung giao ước của năm trước."))
    return redirect("blocs:pledge_detail", bloc_id, year)


@login_required
def pledge_signatories(request, bloc_id, year):
    """One row per member unit: signer, title, signing formula, whether the signed copy came back."""
    bloc_year = get_bloc_year_for_user(request, bloc_id, year)
    can_edit = request.user.has_perm(EDIT, bloc_year)
    members = list(bloc_year.members.select_related("unit").in_display_order())
    pledge = Pledge.objects.filter(bloc_year=bloc_year).first()
    existing = {s.unit_id: s for s in pledge.signatories.all()} if pledge else {}
    initial = member_initial(members, existing, {
        "signer_name": "", "signer_title": lambda m: m.unit.head_title,
        "signing_formula": lambda m: m.unit.signing_formula, "returned": False, "absent_signed_later": False,
    })
    formset = SignatoryFormSet(initial=initial, prefix="sig")
    error = None
    if request.method == "POST":
        bloc_year = get_bloc_year_for_user(request, bloc_id, year, EDIT)
        formset = SignatoryFormSet(request.POST, initial=initial, prefix="sig")
        if formset.is_valid():
            try:
                services.pledge_signatories_save(user=request.user, bloc_year=bloc_year, rows=member_rows(formset, members))
            except ValidationError as e:
                error = e.messages
            else:
                messages.success(request, _("Đã lưu danh sách người ký."))
                return redirect("blocs:pledge_detail", bloc_id, year)
        else:
            error = [_("Có dòng không hợp lệ; xem các ô được đánh dấu.")]
    rows = list(zip(members, formset.forms, strict=False))
    return render(request, "blocs/pledge_signatories.html", {
        "bloc": bloc_year.bloc, "bloc_year": bloc_year, "formset": formset, "rows": rows, "can_edit": can_edit, "errors": error,
    }, status=400 if error else 200)
