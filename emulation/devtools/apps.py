from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data, the national data set generator and the bench helpers: never imported by the app."""

    name = "emulation.devtools"
    label = "devtools"
    verbose_name = "Công cụ phát triển"
