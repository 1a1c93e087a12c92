"""Two middlewares: refusing NUL input, and no caching of what a signed-in user sees.

Input no field of the app can hold is refused before any view: a NUL character (PostgreSQL text cannot
store it) in a query parameter, a form field or a JSON body answers 400 with a Vietnamese message."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

JSON_NUL = (b"\\u0000", b"\x00")


def _has_nul(querydict):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._hostile(request):
            message = _("Dữ liệu gửi lên có ký tự không hợp lệ (NUL); hãy xoá ký tự đó rồi gửi lại.")
            if request.content_type == "application/json" or request.headers.get("Accept", "").startswith("application/json"):
                return JsonResponse({"ok": False, "message": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _hostile(request):
        if _has_nul(request.GET):
            return True
        if request.method != "POST":
            return False
        if request.content_type == "application/json":
            return any(token in request.body for token in JSON_NUL)
        return _has_nul(request.POST)


class NoStoreForUsersMiddleware:
    """Every response to a signed-in user (pages, exports, documents, attachments) carries
    ``Cache-Control: no-store, private``: scores, proposals and documents not yet published must not stay
    in a shared proxy or in the browser's cache after logging out. Static files never reach it (WhiteNoise
    answers them first); public pages (login, password reset) keep the default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
