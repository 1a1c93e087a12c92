"""What the proposal and vote views share: calling one service and saying how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def show_errors(request, error):
    """Each message of a service's ValidationError as an error message of the next page."""
    for msg in error.messages:
        messages.error(request, msg)


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
