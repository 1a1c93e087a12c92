from axes.models import AccessAttempt

from .cases import ROLES, Case

EVERYONE = set(ROLES) - {"anonymous"}


def _locked_attempt(world):
    attempt = AccessAttempt.objects.create(
        username="khach", ip_address="10.0.0.9", user_agent="test", failures_since_start=5,
        get_data="", post_data="", http_accept="", path_info="/dang-nhap/",
    )
    return {"attempt_id": attempt.pk}


CASES = [
    Case("password_change", allowed=EVERYONE),
    Case("password_change_done", allowed=EVERYONE),
    Case("password_reset", allowed=set(ROLES), public=True),
    Case("password_reset_done", allowed=set(ROLES), public=True),
    Case("password_reset_confirm", kwargs=lambda w: {"uidb64": "MQ", "token": "sai-ma"}, allowed=set(ROLES), public=True),
    Case("password_reset_complete", allowed=set(ROLES), public=True),
    Case("locked_logins", allowed={"admin"}),
    Case("unlock_login", kwargs=_locked_attempt, method="post", allowed={"admin"}),
]
