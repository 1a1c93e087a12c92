"""What the proposal and vote views share: calling one service and saying how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def show_errors(request, error):
    """Each message of a service's ValidationError as an error message of the next page."""
    for msg in error.messages:
        messages.error(request, msg)


def show_form_errors(request, form):
    """Each error of an invalid form posted from another page, as an error message of the next page."""
    for errs in form.errors.values():
        for err in errs:
            messages.error(request, err)


def report_bulk(request, done, errors, success):
    """Say how an action on several proposals went: ``success`` (with ``%(n)s``) for those done, one
    error per proposal refused. True when there was anything to report."""
    if done:
        messages.success(request, success % {"n": len(done)})
    for proposal, error in errors:
        messages.error(request, f"{proposal.nominee} – {proposal.award_type.name}: {error}")
    return bool(done or errors)


def run_service(request, service, success, **kwargs):
    """Call ``service(user=request.user, **kwargs)`` and say how it went: the messages of its
    ValidationError, else ``success`` (a text, or a function of the service's result giving it).
    True when the service succeeded."""
    try:
        result = service(user=request.user, **kwargs)
    except ValidationError as e:
        show_errors(request, e)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def save_form(request, form, service, refresh=None, **kwargs):
    """On a valid POST of ``form``, call ``service(user=request.user, data=form.cleaned_data, **kwargs)``;
    its ValidationError goes on the form. ``refresh``: the instance of a model form, which validation
    changed, reloaded first so that the page shows the stored values if the service refuses.
    (True, the service's result) when it ran, else (False, None): the page shows the form (again)."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    data = form.cleaned_data
    if refresh is not None:
        refresh.refresh_from_db()
    try:
        return True, service(user=request.user, data=data, **kwargs)
    except ValidationError as e:
        form.add_error(None, e)
        return False, None
