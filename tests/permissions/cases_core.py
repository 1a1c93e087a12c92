from .cases import ROLES, Case

EVERYONE = set(ROLES) - {"anonymous"}
IN_SCOPE_A = {"admin", "reviewer_a", "secretary_a", "leader_a"}

CASES = [
    Case("home", allowed=EVERYONE),
    Case("login", allowed=set(ROLES), public=True),
    Case("logout", method="post", allowed=set(ROLES), public=True),
    Case("blocs:bloc_list", allowed=EVERYONE),
    Case("blocs:bloc_detail", kwargs=lambda w: {"bloc_id": w.bloc_a.pk}, allowed=IN_SCOPE_A),
    Case("blocs:bloc_year_detail", kwargs=lambda w: {"bloc_id": w.bloc_a.pk, "year": 2026}, allowed=IN_SCOPE_A),
]
