"""Who the ranking makes eligible for which award, from the award rules valid in the bloc-year.

Only rank-based rules are read here (``top_rank_only``: rank at most N; ``bloc_leader_only``: led the
bloc's ranking, i.e. rank 1). The proposals area checks the full set of rules before submission.
"""

import datetime

from awards.catalog.models import AwardRule

# The level of the flag an organiser gives (its own emulation flag).
ORGANISER_FLAG_LEVEL = {"central": "state", "ministry": "ministry", "province": "province"}


def eligibility(bloc_year, entries):
    """A list of {"award": AwardType, "units": [RankEntry], "rule": AwardRule} for the rank-based rules:
    the organiser's own flag (top rank) and the Government flag (the unit that led the bloc)."""
    if not entries:
        return []
    level = ORGANISER_FLAG_LEVEL.get(bloc_year.bloc.organizer.kind)
    day = datetime.date(bloc_year.year, 12, 31)
    rules = AwardRule.objects.select_related("award_type", "legal_basis").valid_on(day).order_by("award_type__order", "pk")
    out, seen = [], set()
    for rule in rules:
        params = rule.params or {}
        if rule.award_type_id in seen:
            continue
        if rule.award_type.level != level and not params.get("bloc_leader_only"):
            continue
        if params.get("top_rank_only"):
            limit = int(params["top_rank_only"])
        elif params.get("bloc_leader_only"):
            limit = 1
        else:
            continue
        seen.add(rule.award_type_id)
        out.append({
            "award": rule.award_type, "rule": rule, "limit": limit,
            "units": [e for e in entries if e.rank <= limit],
        })
    return out
