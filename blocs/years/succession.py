"""A new year of a bloc before anything is written: the year it opens, the members carried over from
the last one (the successor in place of a unit that ceased), the leader and deputy the bloc's
policy proposes, and what a chosen list changes against last year. The write itself is
``services.bloc_year_start``."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.choices import MemberRole, SuccessionPolicy
from blocs.units.models import Unit
from blocs.years.models import Bloc, BlocYear
from blocs.years.selectors import unit_candidates
from emulation.lib.forms import as_id, as_year


@dataclass
class SuccessionProposal:
    """Who the bloc's policy proposes for a new year, and why (a Vietnamese sentence)."""

    leader: Unit | None = None
    deputy: Unit | None = None
    reasons: list = field(default_factory=list)


def succession_proposal(*, bloc: Bloc, previous: BlocYear | None, units: list, year: int) -> SuccessionProposal:
    """Propose next year's leader and deputy from ``previous`` and the bloc's succession policy.

    ``units``: the members of the new year (the proposal only picks among them).
    """
    proposal = SuccessionProposal()
    if previous is None:
        proposal.reasons.append(_("Khối chưa có năm trước; hãy chọn trưởng, phó theo kết quả hội nghị."))
        return proposal
    roles = {m.role: m.unit for m in previous.members.exclude(role=MemberRole.MEMBER).select_related("unit")}
    prev_leader, prev_deputy = roles.get(MemberRole.LEADER), roles.get(MemberRole.DEPUTY)
    candidates = {u.pk: u for u in units}
    policy = bloc.succession_policy
    label = bloc.get_succession_policy_display()
    if policy == SuccessionPolicy.DEPUTY_SUCCEEDS:
        if prev_deputy and prev_deputy.pk in candidates:
            proposal.leader = prev_deputy
            proposal.reasons.append(
                _("Theo cách chọn “%(policy)s”: %(unit)s (phó năm %(prev)s) được đề xuất làm trưởng năm %(year)s.")
                % {"policy": label, "unit": prev_deputy.name, "prev": previous.year, "year": year}
            )
        else:
            proposal.reasons.append(
                _("Theo cách chọn “%(policy)s” nhưng năm %(prev)s không có phó còn là thành viên; hãy chọn trưởng.")
                % {"policy": label, "prev": previous.year}
            )
        proposal.reasons.append(_("Phó năm %(year)s do hội nghị chọn.") % {"year": year})
    elif policy == SuccessionPolicy.ROTATION:
        order = [candidates[pk] for pk in map(as_id, bloc.rotation_order) if pk in candidates]
        if not order:
            proposal.reasons.append(_("Khối chưa khai báo thứ tự luân phiên các thành viên; hãy chọn trưởng, phó."))
        else:
            pos = next((i for i, u in enumerate(order) if prev_leader and u.pk == prev_leader.pk), -1)
            proposal.leader = order[(pos + 1) % len(order)]
            if len(order) > 1:
                proposal.deputy = order[(pos + 2) % len(order)]
            proposal.reasons.append(
                _("Theo thứ tự luân phiên: sau %(prev)s là %(unit)s.")
                % {"prev": prev_leader.name if prev_leader else "—", "unit": proposal.leader.name}
            )
    else:
        proposal.reasons.append(
            _("Theo cách chọn “%(policy)s”: ứng dụng không tự đề xuất; hãy chọn theo biên bản hoặc quyết định.") % {"policy": label}
        )
    return proposal



@dataclass
class NewYear:
    """What the new-year page offers for ``year`` of ``bloc``."""

    bloc: Bloc
    year: int
    previous: BlocYear | None
    candidates: QuerySet  # every unit the year may have (what the form accepts)
    offered_ids: list  # last year's units in force and the successors of those that ceased, checked
    carried: list  # the same units, in sort order
    replacements: list  # (unit that ceased, its successor or None when it is dropped)
    previous_units: dict  # unit id -> unit, last year's members
    proposal: SuccessionProposal

    @property
    def inherited_ids(self):
        """The successors offered in place of last year's members (marked on the page)."""
        return [pk for pk in self.offered_ids if pk not in self.previous_units]

    def members(self, posted_ids):
        """The units offered for leader and deputy: the carried units and the other units posted."""
        extra = [pk for pk in map(as_id, posted_ids) if pk is not None and pk not in self.offered_ids]
        if not extra:
            return self.carried
        return sorted([*self.carried, *self.candidates.filter(pk__in=extra)], key=lambda u: (u.sort_key, u.pk))


def _year_to_open(previous, posted_year):
    """The year posted when it is a year the app accepts; else the year after the last one (this year
    for a bloc with no year yet)."""
    return as_year(posted_year, previous.year + 1 if previous else timezone.localdate().year)


def new_year(*, bloc: Bloc, posted_year: str | None = None) -> NewYear:
    """The new-year preview of ``bloc`` for the year typed (``posted_year``; else the year after the last):
    the members of the latest year before it still in force are carried over, a unit
    that ceased is replaced by its successor in force (or dropped), and the policy's proposal."""
    year = _year_to_open(bloc.years.order_by("-year").first(), posted_year)
    # "Last year" is the latest year before the one typed (a year typed between two is compared with the one before it).
    previous = bloc.years.filter(year__lt=year).order_by("-year").first()
    offered, replacements, previous_units = [], [], {}
    if previous is not None:
        for m in previous.members.select_related("unit", "unit__successor"):
            unit = previous_units[m.unit_id] = m.unit
            if unit.is_valid_in_year(year):
                offered.append(unit.pk)
            elif unit.successor_id and unit.successor.is_valid_in_year(year):
                replacements.append((unit, unit.successor))
                offered.append(unit.successor_id)
            else:
                replacements.append((unit, None))
    offered = list(dict.fromkeys(offered))
    carried = list(Unit.objects.filter(pk__in=offered).order_by("sort_key"))
    return NewYear(
        bloc=bloc, year=year, previous=previous, candidates=unit_candidates(bloc=bloc, year=year),
        offered_ids=offered, carried=carried, replacements=replacements, previous_units=previous_units,
        proposal=succession_proposal(bloc=bloc, previous=previous, units=carried, year=year),
    )


@dataclass
class MembershipChanges:
    """A chosen list of members against last year's (nothing saved)."""

    added: list
    dropped: list
    kept: int
    errors: list = field(default_factory=list)  # why some names typed could not be resolved


def membership_changes(new: NewYear, chosen: list, errors=()) -> MembershipChanges:
    """What ``chosen`` (units) adds to and drops from last year's members, and how many it keeps."""
    chosen_units = {u.pk: u for u in chosen}
    previous = new.previous_units
    return MembershipChanges(
        added=[u for pk, u in chosen_units.items() if pk not in previous],
        dropped=sorted((u for pk, u in previous.items() if pk not in chosen_units), key=lambda u: u.sort_key),
        kept=len([pk for pk in chosen_units if pk in previous]),
        errors=list(errors),
    )
