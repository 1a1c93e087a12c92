from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocsConfig(AppConfig):
    name = "blocs"
    verbose_name = _("Khối, cụm thi đua")

    def ready(self):
        from blocs import signals  # noqa: F401
        from emulation import checks  # noqa: F401  (registers the deployment checks)
