"""The permission matrix: every URL pattern of the project with who may reach it.

Each area adds its views in a module ``tests/permissions/cases_<area>.py`` defining ``CASES``.
``test_every_url_has_a_permission_case`` fails when a URL name has no case.
"""

from dataclasses import dataclass, field

ROLES = ["admin", "reviewer_a", "reviewer_b", "secretary_a", "secretary_b", "leader_a", "nobody", "anonymous"]


@dataclass
class Case:
    name: str  # URL name, with namespace
    kwargs: object = None  # callable(world) -> dict of URL kwargs
    allowed: set = field(default_factory=set)  # roles that get a success (2xx/3xx)
    method: str = "get"
    data: object = None  # callable(world) -> POST data
    query: str = ""
    public: bool = False  # reachable without logging in (login page)

    def url_kwargs(self, world):
        return self.kwargs(world) if self.kwargs else {}

    def post_data(self, world):
        return self.data(world) if callable(self.data) else (self.data or {})

    @property
    def id(self):
        return f"{self.name}:{self.method}"
