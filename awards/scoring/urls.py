from django.urls import path

from awards.scoring.views import criteria as views
from awards.scoring.views import excel, grid

Y = "khoi/<int:bloc_id>/nam/<int:year>/"

urlpatterns = [
    path(Y + "tieu-chi/", views.criteria_table, name="criteria_table"),
    path(Y + "tieu-chi/bang.xlsx", views.criteria_export, name="criteria_export"),
    path(Y + "tieu-chi/<int:criterion_id>/", views.criterion_edit, name="criterion_edit"),
    path(Y + "tieu-chi/<int:criterion_id>/xoa/", views.criterion_delete, name="criterion_delete"),
    path(Y + "cham-diem/", grid.score_grid, name="score_grid"),
    path(Y + "cham-diem/luu/", grid.score_save, name="score_save"),
    path(Y + "cham-diem/lich-su/", grid.score_history, name="score_history"),
    path(Y + "cham-diem/mau.xlsx", excel.scores_template, name="scores_template"),
    path(Y + "cham-diem/nhap/", excel.scores_import, name="scores_import"),
    path(Y + "xep-hang/", views.ranking, name="ranking"),
    path(Y + "xep-hang/tinh-lai/", views.ranking_compute, name="ranking_compute"),
    path(Y + "xep-hang/phe-duyet/", views.ranking_approve, name="ranking_approve"),
    path(Y + "xep-hang/mo-lai/", views.ranking_reopen, name="ranking_reopen"),
    path(Y + "xep-hang/xuat.<str:fmt>", excel.ranking_export, name="ranking_export"),
    path(Y + "xep-hang/chi-tiet.<str:fmt>", excel.breakdown_export, name="breakdown_export"),
    path("khoi/<int:bloc_id>/don-vi/<int:unit_id>/diem/", views.unit_scores, name="unit_scores"),
]
