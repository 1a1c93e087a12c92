from django.urls import path

from . import views
from .urls_documents import urlpatterns as document_urls

app_name = "blocs"

urlpatterns = [
    path("", views.bloc_list, name="bloc_list"),
    path("<int:bloc_id>/", views.bloc_detail, name="bloc_detail"),
    path("<int:bloc_id>/nam/<int:year>/", views.bloc_year_detail, name="bloc_year_detail"),
    *document_urls,
]
