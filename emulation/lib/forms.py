"""What every form of the app shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from emulation.lib.bounds import MAX_ID, YEAR_MAX, YEAR_MIN

DJANGO_EMPTY_LABEL = "---------"


class VietnameseEmptyChoiceMixin:
    """Replaces Django's "---------" empty choice (model fields with choices, foreign keys) by a
    Vietnamese prompt, as the app's hand-written fields already say."""

    empty_choice_label = _("— chọn —")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_EMPTY_LABEL:
                    field.empty_label = self.empty_choice_label
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)
                if any(label == DJANGO_EMPTY_LABEL for _value, label in choices):
                    field.choices = [
                        (value, self.empty_choice_label if label == DJANGO_EMPTY_LABEL else label)
                        for value, label in choices
                    ]


def add_service_errors(form, error):
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def as_id(value):
    """``value`` as a record id (a whole number from 1 to ``MAX_ID``), or None: a typed, pasted or forged
    id never reaches a query that the database would refuse."""
    text = str(getattr(value, "pk", value) or "").strip()
    if not text.isdecimal() or len(text) > 10:  # isdecimal, not isdigit: int("²") fails
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def as_year(value, default=None):
    """``value`` as a year the app accepts (``YEAR_MIN``..``YEAR_MAX``), or ``default``."""
    text = str(value or "").strip()
    if len(text) != 4 or not text.isdecimal():
        return default
    return int(text) if YEAR_MIN <= int(text) <= YEAR_MAX else default


def service_applied(form, action):
    """Whether ``form`` is valid and ``action(cleaned_data)`` (one service call) ran without refusal.

    A ``ValidationError`` the service raises goes on the form (``add_service_errors``), so the view
    only renders the form again; on success it says so and redirects."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as e:
        add_service_errors(form, e)
        return False
    return True


class IdChoiceMixin:
    """For a ModelChoiceField on an integer key: a posted value that cannot be an id is an invalid
    choice (Django would send it to the database, which refuses numbers past its integer range)."""

    def to_python(self, value):
        if isinstance(value, str | int) and value not in self.empty_values and as_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceMixin:
    """The same for a ModelMultipleChoiceField."""

    def _check_values(self, value):
        for pk in value:
            if as_id(pk) is None:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)
