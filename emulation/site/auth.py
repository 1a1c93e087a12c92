"""Login, the lock-out page, password change and reset, and the administrator's list of locked logins.

Failed logins are counted by django-axes in the database (settings: ``LOGIN_MAX_FAILURES``,
``LOGIN_LOCKOUT_SECONDS``, ``CLIENT_IP_HEADER``); the rules of a lock live in ``emulation/site/lockouts.py``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from emulation.site import lockouts


class VietnameseAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": gettext_lazy("Tài khoản này đã bị khóa."),
    }


class LoginView(auth_views.LoginView):
    form_class = VietnameseAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        messages.success(self.request, _("Xin chào %(name)s.") % {"name": user.get_full_name() or user.username})
        return response


def locked_out(request, original_response=None, credentials=None):
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``): 429, in Vietnamese, with the waiting time."""
    context = {
        "minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60),
        "failures": settings.LOGIN_MAX_FAILURES,
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
    }
    return render(request, "registration/locked_out.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")
    extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        # Whoever set a new password through the e-mailed link may sign in again from any address.
        lockouts.locks_clear_for_username(username=form.user.get_username())
        return super().form_valid(form)


def _require_unlock_permission(request):
    if not request.user.has_perm("blocs.unlock_logins"):
        raise PermissionDenied


@login_required
def locked_logins(request):
    _require_unlock_permission(request)
    return render(request, "registration/locked_logins.html", {
        "locks": lockouts.locked_accounts(),
        "failures": settings.LOGIN_MAX_FAILURES,
        "minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60),
    })


@login_required
@require_POST
def unlock_login(request, attempt_id):
    _require_unlock_permission(request)
    if lockouts.lock_clear(attempt_id=attempt_id, by=request.user):
        messages.success(request, _("Đã mở khóa đăng nhập."))
    else:
        messages.info(request, _("Tài khoản này không còn bị khóa."))
    return redirect("locked_logins")
