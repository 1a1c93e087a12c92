from blocs.access.models import RoleGrant
from blocs.audit.models import AuditEntry
from blocs.meetings.models import Meeting, MeetingAttendance
from blocs.pledges.models import Pledge, PledgeBasis, PledgeCommitment, PledgeSignatory
from blocs.staging.models import StagedImport
from blocs.units.models import Organizer, Province, Unit
from blocs.years.models import Bloc, BlocMember, BlocYear, VoteBase
from emulation.lib.models import NamedModel, NamedQuerySet, ValidityQuerySet

__all__ = [
    "AuditEntry", "Bloc", "BlocMember", "BlocYear", "Meeting", "MeetingAttendance", "NamedModel",
    "NamedQuerySet", "Organizer", "Pledge", "PledgeBasis", "PledgeCommitment", "PledgeSignatory",
    "Province", "RoleGrant", "StagedImport", "Unit", "ValidityQuerySet", "VoteBase",
]
