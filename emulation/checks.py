"""Configuration checks of the deployment (run by `manage.py check --deploy` and at WSGI start-up)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = "SECRET_KEY must be set when DEBUG is off."


@checks.register(checks.Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [checks.Error(MISSING_KEY, hint="Đặt SECRET_KEY trong môi trường hoặc tệp .env.", id="thidua.E001")]
    return []


def refuse_to_serve_without_a_key():
    """Serving with DEBUG off and the development key would sign sessions with a public key."""
    if getattr(settings, "SECRET_KEY_MISSING", False) and not settings.DEBUG:
        raise ImproperlyConfigured(MISSING_KEY)
