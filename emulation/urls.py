from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from emulation.devtools import bench_views as bench
from emulation.site import auth
from emulation.site.views import home

admin.site.site_header = "Quản trị hệ thống thi đua, khen thưởng"
admin.site.site_title = "Thi đua, khen thưởng"

accounts = [
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("tai-khoan/bi-khoa/", auth.locked_logins, name="locked_logins"),
    path("tai-khoan/bi-khoa/<int:attempt_id>/mo-khoa/", auth.unlock_login, name="unlock_login"),
]

urlpatterns = [
    path("", home, name="home"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    *accounts,
    path("quan-tri/", admin.site.urls),
    path("khoi/", include("blocs.urls")),
    path("", include("awards.urls")),
    path("bench/ping/", bench.ping, name="bench_ping"),
]
# No /media/ URL, DEBUG or not: uploaded files are served only by the permission-checked download views.
