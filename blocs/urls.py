from django.urls import path

from blocs.meetings import views as views_meetings
from blocs.pledges import views as views_pledges
from blocs.years.views import blocs as views
from blocs.years.views import history as views_history
from blocs.years.views import members as views_years
from blocs.years.views import reorganisation as views_reorg
from blocs.years.views import unit_search as views_units

app_name = "blocs"

Y = "<int:bloc_id>/nam/<int:year>/"

urlpatterns = [
    path("", views.bloc_list, name="bloc_list"),
    path("moi/", views.bloc_create, name="bloc_create"),
    path("sap-xep-2025/", views_reorg.reorganisation, name="reorganisation"),
    path("sap-xep-2025/don-vi/", views_units.reorg_unit_search, name="reorg_unit_search"),
    path("<int:bloc_id>/", views.bloc_detail, name="bloc_detail"),
    path("<int:bloc_id>/sua/", views.bloc_edit, name="bloc_edit"),
    path("<int:bloc_id>/nam-moi/", views_years.bloc_year_start, name="bloc_year_start"),
    path("<int:bloc_id>/don-vi/", views_units.unit_search, name="unit_search"),
    path(Y, views.bloc_year_detail, name="bloc_year_detail"),
    path(Y + "lich-su/", views_history.bloc_year_history, name="bloc_year_history"),
    path(Y + "cap-nhat/", views_years.bloc_year_update, name="bloc_year_update"),
    path(Y + "truong-pho/", views_years.leadership_edit, name="leadership_edit"),
    path(Y + "thanh-vien/them/", views_years.member_add, name="member_add"),
    path(Y + "thanh-vien/nhap/", views_years.members_import, name="members_import"),
    path(Y + "thanh-vien.xlsx", views_years.members_export, name="members_export"),
    path(Y + "thanh-vien/<int:member_id>/bo/", views_years.member_remove, name="member_remove"),
    path(Y + "giao-uoc/", views_pledges.pledge_detail, name="pledge_detail"),
    path(Y + "giao-uoc/nguoi-ky/", views_pledges.pledge_signatories, name="pledge_signatories"),
    path(Y + "giao-uoc/sao-chep/", views_pledges.pledge_copy_commitments, name="pledge_copy_commitments"),
    path(Y + "giao-uoc/<slug:kind>/them/", views_pledges.pledge_item_add, name="pledge_item_add"),
    path(Y + "giao-uoc/<slug:kind>/<int:item_id>/sua/", views_pledges.pledge_item_edit, name="pledge_item_edit"),
    path(Y + "giao-uoc/<slug:kind>/<int:item_id>/xoa/", views_pledges.pledge_item_delete, name="pledge_item_delete"),
    path(Y + "giao-uoc/<slug:kind>/<int:item_id>/chuyen/", views_pledges.pledge_item_move, name="pledge_item_move"),
    path(Y + "hoi-nghi/moi/", views_meetings.meeting_create, name="meeting_create"),
    path(Y + "hoi-nghi/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"),
    path(Y + "hoi-nghi/<int:meeting_id>/xoa/", views_meetings.meeting_delete, name="meeting_delete"),
]
