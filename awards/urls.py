from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("tham-dinh/", views.review_queue, name="review_queue"),
]
