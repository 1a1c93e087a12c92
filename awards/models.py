from awards.catalog.models import AwardRule, AwardType, LegalBasis, Quota
from awards.documents.models import PrintJob
from awards.proposals.models import ImportJob, Notification, Proposal, ProposalAttachment, ProposalTransition
from awards.scoring.models import CriteriaTable, Criterion, RankEntry, Ranking, Score
from awards.votes.models import Vote

__all__ = [
    "AwardRule", "AwardType", "CriteriaTable", "Criterion", "ImportJob", "LegalBasis", "Notification", "PrintJob", "Proposal",
    "ProposalAttachment", "ProposalTransition", "Quota", "RankEntry", "Ranking", "Score", "Vote",
]
