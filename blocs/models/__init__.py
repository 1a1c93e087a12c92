from .access import RoleGrant
from .audit import AuditEntry
from .base import NamedModel, NamedQuerySet, ValidityQuerySet
from .blocs import Bloc, BlocMember, BlocYear, VoteBase
from .meetings import Meeting, MeetingAttendance
from .pledges import Pledge, PledgeBasis, PledgeCommitment, PledgeSignatory
from .reference import Organizer, Province, Unit

__all__ = [
    "AuditEntry", "Bloc", "BlocMember", "BlocYear", "Meeting", "MeetingAttendance", "NamedModel",
    "NamedQuerySet", "Organizer", "Pledge", "PledgeBasis", "PledgeCommitment", "PledgeSignatory",
    "Province", "RoleGrant", "Unit", "ValidityQuerySet", "VoteBase",
]
