"""Query counts of the main pages do not grow with the data: the same page, the same role, measured on
a small and on a larger generated data set (more provinces, blocs, years, members, scores, proposals).

Pages of other areas (score grid, ranking, unit history) are measured as soon as their URL exists.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from awards.models import Proposal
from blocs.choices import MemberRole, Phase, Role
from blocs.models import Bloc, RoleGrant
from emulation.devtools.dataset import bench_target, generate

# Every bloc of the last year has sent its proposals, so the review queue has rows at both sizes.
SMALL = {"scale": 1, "years": 2, "blocs_per_province": 2, "central_blocs": 1, "members": (4, 5),
         "last_year": 2026, "last_phase": Phase.PROPOSALS, "stream": None}
LARGE = {"scale": 2, "years": 4, "blocs_per_province": 6, "central_blocs": 3, "members": (12, 14),
         "last_year": 2026, "last_phase": Phase.PROPOSALS, "stream": None}

ALL = ("reviewer", "secretary", "leader", "admin")
# (URL name, kwargs from the target bloc-year, roles that may open it, ceiling of queries: today's count + 3)
PAGES = {
    "home": ("home", lambda by, unit: {}, ALL, 16),
    "bloc_list": ("blocs:bloc_list", lambda by, unit: {}, ALL, 10),
    "bloc_year": ("blocs:bloc_year_detail", lambda by, unit: {"bloc_id": by.bloc_id, "year": by.year}, ALL, 18),
    "review_queue": ("awards:review_queue", lambda by, unit: {}, ("reviewer", "admin"), 10),
    "score_grid": ("awards:score_grid", lambda by, unit: {"bloc_id": by.bloc_id, "year": by.year}, ("secretary", "admin"), 14),
    "ranking": ("awards:ranking", lambda by, unit: {"bloc_id": by.bloc_id, "year": by.year}, ("secretary", "admin"), 17),
    "unit_history": ("awards:unit_history", lambda by, unit: {"unit_id": unit}, ("reviewer", "admin"), 11),
}


def _counts(size, page, assert_max):
    """Generate ``size`` inside a savepoint, open ``page`` as each role, return {role: queries}; roll back."""
    name, kwargs, roles, ceiling = PAGES[page]
    sid = transaction.savepoint()
    try:
        generate(**size)
        reviewer, by = bench_target()
        leader_unit = by.members.get(role=MemberRole.LEADER).unit_id
        User = get_user_model()
        users = {
            "reviewer": reviewer,
            "secretary": RoleGrant.objects.get(role=Role.SECRETARY, bloc=by.bloc).user,
            "admin": User.objects.create_superuser("bench.admin", "admin@example.vn", "x"),
            "leader": RoleGrant.objects.create(user=User.objects.create(username="bench.leader"), role=Role.LEADER_REP,
                                               unit_id=leader_unit).user,
        }
        url = reverse(name, kwargs=kwargs(by, leader_unit))
        counts = {}
        for role in roles:
            client = Client()
            client.force_login(users[role])
            client.get(url)  # warm the per-process caches (content types, templates)
            with assert_max(ceiling) as ctx:
                response = client.get(url)
            assert response.status_code == 200, f"{role} {url}: {response.status_code}"
            counts[role] = len(ctx)
        return counts, (Bloc.objects.count(), by.n, Proposal.objects.awaiting_review().count())
    finally:
        transaction.savepoint_rollback(sid)


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_does_not_grow_with_data(reference_data, django_assert_max_num_queries, page):
    small, small_size = _counts(SMALL, page, django_assert_max_num_queries)
    large, large_size = _counts(LARGE, page, django_assert_max_num_queries)
    assert all(b > a for a, b in zip(small_size, large_size, strict=True)), (small_size, large_size)
    assert large == small, f"{page}: số truy vấn tăng theo dữ liệu {small} → {large}"
