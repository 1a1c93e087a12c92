"""Who may change criteria, scores and rankings, and prepare, submit and review award proposals (django-rules; found by ``AutodiscoverRulesConfig``).

* the bloc's secretary prepares proposals and records votes (and may submit);
* the representative of the unit that leads the bloc-year submits;
* the emulation office (reviewer) of the bloc's organiser reviews: in review, approve, return, reject.

Reads are scoped by ``Bloc.objects.visible_to``; outside the scope a 404, inside without the
permission a 403.
"""

import rules

from blocs.rules import (
    can_edit_bloc,
    can_manage_bloc,
    is_admin,
    is_bloc_leader,
    is_bloc_secretary,
    is_member_rep,
    is_reviewer_of,
)


@rules.predicate
def is_editable_proposal(user, proposal):
    return proposal is not None and getattr(proposal, "is_editable", False)


can_prepare_proposals = is_admin | is_bloc_secretary
can_submit_proposal = is_admin | is_bloc_secretary | is_bloc_leader
can_review_proposal = is_admin | is_reviewer_of
can_record_votes = is_admin | is_bloc_secretary

rules.add_perm("awards.prepare_proposal", can_prepare_proposals)
rules.add_perm("awards.submit_proposal", can_submit_proposal)
rules.add_perm("awards.review_proposal", can_review_proposal)
rules.add_perm("awards.record_vote", can_record_votes)

# Criteria tables, scores and rankings (on a bloc-year). ``awards.self_score`` opens the grid to a unit's
# account; which cells it may fill (its own units only) is ``awards.scoring.selectors.grid_access``.
rules.add_perm("awards.edit_criteria", can_edit_bloc | can_manage_bloc)
rules.add_perm("awards.verify_scores", can_edit_bloc)
rules.add_perm("awards.self_score", can_edit_bloc | is_member_rep)
rules.add_perm("awards.approve_ranking", can_edit_bloc | can_manage_bloc)
rules.add_perm("awards.reopen_ranking", can_manage_bloc)
