"""Login, the lock-out page, password change and reset, and the administrator's list of locked logins.

Failed logins are counted by django-axes in the database (settings: ``LOGIN_MAX_FAILURES``,
``LOGIN_LOCKOUT_SECONDS``, ``CLIENT_IP_HEADER``); the rules of a lock live in ``emulation/site/lockouts.py``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
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


def _lock_terms():
    """The numbers both lock pages state: failures before a lock, and its length in minutes."""
    return {"failures": settings.LOGIN_MAX_FAILURES, "minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)}


def locked_out(request, original_response=None, credentials=None):
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``): 429, in Vietnamese, with the waiting time."""
    return render(request, "registration/locked_out.html", _lock_terms(), status=429)


class PasswordResetView(auth_views.PasswordResetView):
    extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        # Whoever set a new password through the e-mailed link may sign in again from any address.
        lockouts.locks_clear_for_username(username=form.user.get_username())
        return super().form_valid(form)


@login_required
@permission_required("blocs.unlock_logins", raise_exception=True)
def locked_logins(request):
    return render(request, "registration/locked_logins.html", {"locks": lockouts.locked_accounts(), **_lock_terms()})


@login_required
@permission_required("blocs.unlock_logins", raise_exception=True)
@require_POST
def unlock_login(request, attempt_id):
    if lockouts.lock_clear(attempt_id=attempt_id, by=request.user):
        messages.success(request, _("Đã mở khóa đăng nhập."))
    else:
        messages.info(request, _("Tài khoản này không còn bị khóa."))
    return redirect("locked_logins")
