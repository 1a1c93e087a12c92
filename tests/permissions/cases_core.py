from .cases import ROLES, Case

EVERYONE = set(ROLES) - {"anonymous"}
IN_SCOPE_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}

CASES = [
    Case("home", allowed=EVERYONE),
    Case("login", allowed=set(ROLES), public=True),
    Case("logout", method="post", allowed=set(ROLES), public=True),
]
