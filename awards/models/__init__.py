from .criteria import CriteriaTable, Criterion, Score
from .proposals import Notification, Proposal, ProposalAttachment, ProposalTransition
from .ranking import RankEntry, Ranking
from .types import AwardRule, AwardType, LegalBasis, Quota
from .votes import Vote

__all__ = [
    "AwardRule", "AwardType", "CriteriaTable", "Criterion", "LegalBasis", "Notification", "Proposal",
    "ProposalAttachment", "ProposalTransition", "Quota", "RankEntry", "Ranking", "Score", "Vote",
]
