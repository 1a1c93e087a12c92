from django.urls import path

from . import views_proposals as views

urlpatterns = [
    path("tham-dinh/", views.review_queue, name="review_queue"),
]
