from django.urls import path  # noqa: F401

from . import views_documents as views  # noqa: F401

urlpatterns = []
