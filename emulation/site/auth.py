"""Login with throttling: after too many failures for a username or an address, refuse for a while."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _keys(request, username):
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{(username or '').lower()}", f"login-fail:addr:{address}"]


def is_locked(request, username):
    limit = settings.LOGIN_MAX_FAILURES
    return any((cache.get(k) or 0) >= limit for k in _keys(request, username))


def note_failure(request, username):
    for key in _keys(request, username):
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def clear_failures(request, username):
    cache.delete_many(_keys(request, username))


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "locked": _("Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút."),
    }

    def clean(self):
        username = self.data.get("username", "")
        if is_locked(self.request, username):

            raise ValidationError(
                self.error_messages["locked"], code="locked",
                params={"minutes": settings.LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            return super().clean()
        except Exception:
            note_failure(self.request, username)
            raise


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        clear_failures(self.request, form.cleaned_data.get("username"))
        response = super().form_valid(form)
        messages.success(self.request, _("Xin chào %(name)s.") % {"name": form.get_user().get_full_name() or form.get_user().username})
        return response
