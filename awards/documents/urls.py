"""URLs of the official documents: a bloc-year's under /khoi/<bloc>/nam/<year>/van-ban/, batch printing under /khoi/van-ban/."""
from django.urls import path

from awards.documents import views

YEAR = "khoi/<int:bloc_id>/nam/<int:year>/van-ban/"

urlpatterns = [
    path(YEAR, views.documents_index, name="documents_index"),
    path(f"{YEAR}giao-uoc.pdf", views.pledge_document, name="pledge_pdf"),
    path(f"{YEAR}giao-uoc.docx", views.pledge_document, {"fmt": "docx"}, name="pledge_docx"),
    path(f"{YEAR}bien-ban/<int:meeting_id>.pdf", views.minutes_document, name="minutes_pdf"),
    path(f"{YEAR}bien-ban/<int:meeting_id>.docx", views.minutes_document, {"fmt": "docx"}, name="minutes_docx"),
    path(f"{YEAR}bien-ban/<int:meeting_id>/sua/", views.minutes_edit, name="minutes_edit"),
    path(f"{YEAR}to-trinh.pdf", views.submission_document, name="submission_pdf"),
    path(f"{YEAR}to-trinh.docx", views.submission_document, {"fmt": "docx"}, name="submission_docx"),
    path("khoi/van-ban/in-giao-uoc/", views.pledge_batch, name="pledge_batch"),
    path("khoi/van-ban/in-giao-uoc/<str:job_id>/", views.pledge_batch_status, name="pledge_batch_status"),
    path("khoi/van-ban/in-giao-uoc/<str:job_id>/tai-ve/", views.pledge_batch_download, name="pledge_batch_download"),
]
