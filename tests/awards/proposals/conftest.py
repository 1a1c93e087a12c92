import pytest

from awards.choices import RankingSource, RankingStatus, Subject
from awards.models import AwardType, Proposal, RankEntry, Ranking, Vote


def award(code):
    return AwardType.objects.get(code=code)


def rank_all(bloc_year, status=RankingStatus.APPROVED):
    """Rank the members of ``bloc_year`` in their display order: the leader 1st, the deputy 2nd..."""
    ranking, _ = Ranking.objects.get_or_create(bloc_year=bloc_year, defaults={"status": status, "source": RankingSource.RECORDED})
    units = [m.unit for m in bloc_year.members.select_related("unit").in_display_order()]
    for i, unit in enumerate(units, start=1):
        RankEntry.objects.get_or_create(ranking=ranking, unit=unit, defaults={"rank": i})
    return units


def vote(bloc_year, unit, votes_for=5, present=5, award_code=None, base_count=None):
    return Vote.objects.create(
        bloc_year=bloc_year, unit=unit, votes_for=votes_for, base_count=base_count or bloc_year.members.count(),
        present_count=present, award_type=award(award_code) if award_code else None,
    )


def collective(bloc_year, unit, code, **extra):
    """A proposal stored directly (bypassing the services, to test the checks on any state)."""
    return Proposal.objects.create(bloc_year=bloc_year, unit=unit, award_type=award(code), subject=Subject.COLLECTIVE, **extra)


@pytest.fixture
def ranked(world):
    """World's bloc A 2026 ranked (5 units) with passing votes for the first two."""
    units = rank_all(world.by_a)
    vote(world.by_a, units[0])
    vote(world.by_a, units[1])
    world.units_a = units
    return world
