import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
application = get_wsgi_application()

from emulation.checks import refuse_to_serve_without_a_key  # noqa: E402 (needs the settings loaded)

refuse_to_serve_without_a_key()
