from django.urls import path

from awards.history import views

urlpatterns = [
    path("khoi/don-vi/<int:unit_id>/", views.unit_history, name="unit_history"),
    path("khoi/<int:bloc_id>/lich-su/", views.bloc_history, name="bloc_history"),
]
