from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from emulation.devtools import bench_views as bench
from emulation.site import auth
from emulation.site.views import home

admin.site.site_header = "Quản trị hệ thống thi đua, khen thưởng"
admin.site.site_title = "Thi đua, khen thưởng"

urlpatterns = [
    path("", home, name="home"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("khoi/", include("blocs.urls")),
    path("", include("awards.urls")),
    path("bench/ping/", bench.ping, name="bench_ping"),
]
# No /media/ URL, DEBUG or not: uploaded files are served only by the permission-checked download views.
