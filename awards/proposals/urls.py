from django.urls import path

from awards.proposals.views import proposals as views
from awards.proposals.views import review, votes

urlpatterns = [
    path("khen-thuong/tham-dinh/", review.review_queue, name="review_queue"),
    path("khen-thuong/tham-dinh/xu-ly/", review.review_bulk, name="review_bulk"),
    path("khen-thuong/tham-dinh/xuat-excel/", review.review_export, name="review_export"),
    path("khen-thuong/chi-tieu/", review.quota_list, name="quota_list"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/", views.proposal_list, name="proposal_list"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/theo-xep-hang/", views.proposal_from_ranking, name="proposal_from_ranking"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/gui-tat-ca/", views.proposal_submit_all, name="proposal_submit_all"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/them/", views.proposal_create, name="proposal_create"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/nhap-excel/", views.proposal_import, name="proposal_import"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/nhap-excel/<str:job_id>/", views.proposal_import_status,
         name="proposal_import_status"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/mau-excel/", views.proposal_import_template, name="proposal_import_template"),
    path("khoi/<int:bloc_id>/nam/<int:year>/bo-phieu/", votes.vote_list, name="vote_list"),
    path("khen-thuong/bo-phieu/<int:pk>/sua/", votes.vote_edit, name="vote_edit"),
    path("khen-thuong/de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("khen-thuong/de-nghi/<int:pk>/sua/", views.proposal_edit, name="proposal_edit"),
    path("khen-thuong/de-nghi/<int:pk>/xoa/", views.proposal_delete, name="proposal_delete"),
    path("khen-thuong/de-nghi/<int:pk>/gui/", views.proposal_submit, name="proposal_submit"),
    path("khen-thuong/de-nghi/<int:pk>/tham-dinh/", views.proposal_review, name="proposal_review"),
    path("khen-thuong/de-nghi/<int:pk>/tai-lieu/", views.attachment_upload, name="attachment_upload"),
    path("khen-thuong/tai-lieu/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("khen-thuong/tai-lieu/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("khen-thuong/thong-bao/", votes.notification_list, name="notification_list"),
    path("khen-thuong/thong-bao/da-doc/", votes.notification_read, name="notification_read"),
    path("khen-thuong/thong-bao/so-luong/", votes.notification_badge, name="notification_badge"),
]
