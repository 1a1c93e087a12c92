from django.urls import path

from . import views_proposals as views

urlpatterns = [
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("tham-dinh/xu-ly/", views.review_bulk, name="review_bulk"),
    path("tham-dinh/xuat-excel/", views.review_export, name="review_export"),
    path("chi-tieu/", views.quota_list, name="quota_list"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/", views.proposal_list, name="proposal_list"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/theo-xep-hang/", views.proposal_from_ranking, name="proposal_from_ranking"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/gui-tat-ca/", views.proposal_submit_all, name="proposal_submit_all"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/them/", views.proposal_create, name="proposal_create"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/nhap-excel/", views.proposal_import, name="proposal_import"),
    path("khoi/<int:bloc_id>/nam/<int:year>/de-nghi/mau-excel/", views.proposal_import_template, name="proposal_import_template"),
    path("khoi/<int:bloc_id>/nam/<int:year>/bo-phieu/", views.vote_list, name="vote_list"),
    path("bo-phieu/<int:pk>/sua/", views.vote_edit, name="vote_edit"),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/sua/", views.proposal_edit, name="proposal_edit"),
    path("de-nghi/<int:pk>/xoa/", views.proposal_delete, name="proposal_delete"),
    path("de-nghi/<int:pk>/gui/", views.proposal_submit, name="proposal_submit"),
    path("de-nghi/<int:pk>/tham-dinh/", views.proposal_review, name="proposal_review"),
    path("de-nghi/<int:pk>/tai-lieu/", views.attachment_upload, name="attachment_upload"),
    path("tai-lieu/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("tai-lieu/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", views.notification_read, name="notification_read"),
    path("thong-bao/so-luong/", views.notification_badge, name="notification_badge"),
]
