from django.urls import path  # noqa: F401

from . import views_scoring as views  # noqa: F401

urlpatterns = []
