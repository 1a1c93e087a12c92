from django.utils import timezone

from blocs.access.scope import is_admin_user, reviewer_organizer_ids, secretary_bloc_ids


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "nav_year": request.session.get("working_year") or timezone.localdate().year,
        "nav_is_admin": is_admin_user(user),
        "nav_is_reviewer": bool(reviewer_organizer_ids(user)) or is_admin_user(user),
        "nav_is_secretary": bool(secretary_bloc_ids(user)),
    }
