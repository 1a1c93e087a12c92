"""Who may change criteria tables, scores and rankings (django-rules, on a bloc-year).

* criteria tables: the bloc's secretary, the organiser's emulation office (Ban TĐKT), the administrator;
* verified scores (điểm thẩm định): the secretary and the administrator;
* self scores (tự chấm): those, and the account of a member unit for its own unit only
  (``scores_save`` limits such an account to the units it represents);
* approving the ranking: secretary, emulation office, administrator; reopening an approved
  ranking (with a reason): the emulation office and the administrator.
"""

import rules

from blocs.permissions import can_edit_bloc, can_manage_bloc, is_member_rep

rules.add_perm("awards.edit_criteria", can_edit_bloc | can_manage_bloc)
rules.add_perm("awards.verify_scores", can_edit_bloc)
rules.add_perm("awards.self_score", can_edit_bloc | is_member_rep)
rules.add_perm("awards.approve_ranking", can_edit_bloc | can_manage_bloc)
rules.add_perm("awards.reopen_ranking", can_manage_bloc)
