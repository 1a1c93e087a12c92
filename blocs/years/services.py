"""Writes of the blocs app: blocs, their years, memberships, leader and deputy, the 2025 merges.

Every function is keyword-only, runs in one transaction, raises ``ValidationError`` in Vietnamese
(with a ``code``) and records what it changed in the audit history (``blocs.audit.services.record``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from blocs.audit.services import diff, record
from blocs.choices import MemberRole, Phase
from blocs.units.models import Unit
from blocs.years.models import Bloc, BlocMember, BlocYear
from blocs.years.selectors import units_in_scope

BLOC_FIELDS = [
    "kind", "organizer", "province", "name", "code", "founding_decision_number", "founding_decision_date",
    "dissolved_on", "succession_policy", "rotation_order", "min_members", "note",
]


def _full_clean_bloc(bloc):
    try:
        bloc.full_clean()
    except ValidationError as e:
        if "__all__" in getattr(e, "error_dict", {}) or "name" in getattr(e, "error_dict", {}):
            # The unique constraint on (organizer, name_key) speaks of keys; say it in words.
            if Bloc.objects.filter(organizer_id=bloc.organizer_id, name_key=bloc.name_key).exclude(pk=bloc.pk).exists():
                raise ValidationError(
                    {"name": _("Cơ quan tổ chức này đã có khối, cụm tên “%(name)s”.") % {"name": bloc.name}},
                    code="duplicate_name",
                ) from e
        raise


@transaction.atomic
def bloc_create(*, user, data: dict) -> Bloc:
    """Create a bloc from cleaned form data. Side effect: one audit entry."""
    bloc = Bloc(**{f: data[f] for f in BLOC_FIELDS if f in data})
    bloc.refresh_keys()
    _full_clean_bloc(bloc)
    bloc.save()
    record(user=user, action="bloc_create", obj=bloc, changes={f: (None, data[f]) for f in BLOC_FIELDS if data.get(f)})
    return bloc


@transaction.atomic
def bloc_update(*, user, bloc: Bloc, data: dict) -> Bloc:
    """Change a bloc's fields. Side effect: one audit entry listing the changed fields."""
    changes = diff(bloc, data, BLOC_FIELDS)
    for f in BLOC_FIELDS:
        if f in data:
            setattr(bloc, f, data[f])
    bloc.refresh_keys()
    _full_clean_bloc(bloc)
    bloc.save()
    if changes:
        record(user=user, action="bloc_update", obj=bloc, changes=changes)
    return bloc


# Memberships ---------------------------------------------------------------------------------


def _jan1(year):
    return datetime.date(year, 1, 1)


def _validity_refusal(unit, year):
    """Why ``unit`` cannot take part in ``year`` (ceased, or not yet founded), or None."""
    if unit.is_valid_in_year(year):
        return None
    if unit.valid_to and unit.valid_to < _jan1(year):
        if unit.successor_id:
            msg = _("%(unit)s không còn tồn tại từ %(date)s (đã sáp nhập vào %(successor)s), không thể tham gia năm %(year)s.")
        else:
            msg = _("%(unit)s không còn tồn tại từ %(date)s, không thể tham gia năm %(year)s.")
        return ValidationError(msg % {
            "unit": unit.name, "date": (unit.valid_to + datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "successor": unit.successor.name if unit.successor_id else "", "year": year,
        }, code="unit_ended")
    return ValidationError(_("%(unit)s chưa được thành lập vào năm %(year)s.") % {"unit": unit.name, "year": year},
                           code="unit_not_started")


def join_refusals(*, bloc_year: BlocYear, units: list, ignore_bloc_year_ids=()) -> dict:
    """Why each of ``units`` cannot be a member of ``bloc_year``: unit id -> ValidationError (a unit that
    may join is absent). Two queries whatever the number of units (the scope, the other memberships)."""
    refusals = {}
    for unit in units:
        refusal = _validity_refusal(unit, bloc_year.year)
        if refusal is not None:
            refusals[unit.pk] = refusal
    bloc = bloc_year.bloc
    rest = [u for u in units if u.pk not in refusals]
    in_scope = units_in_scope(bloc=bloc, unit_ids=[u.pk for u in rest]) if rest else set()
    for unit in rest:
        if unit.pk not in in_scope:
            refusals[unit.pk] = ValidationError(
                _("%(unit)s không thuộc phạm vi của %(organizer)s, không thể là thành viên của %(bloc)s.")
                % {"unit": unit.name, "organizer": bloc.organizer.name, "bloc": bloc.name},
                code="out_of_scope",
            )
    rest = [u for u in rest if u.pk not in refusals]
    others = {
        m.unit_id: m for m in BlocMember.objects.filter(
            unit_id__in=[u.pk for u in rest], year=bloc_year.year, organizer_id=bloc.organizer_id,
        ).exclude(bloc_year_id__in=ignore_bloc_year_ids).select_related("bloc_year__bloc")
    } if rest else {}
    for unit in rest:
        other = others.get(unit.pk)
        if other is None:
            continue
        if other.bloc_year_id == bloc_year.pk:
            refusals[unit.pk] = ValidationError(
                _("%(unit)s đã là thành viên của khối năm %(year)s.") % {"unit": unit.name, "year": bloc_year.year},
                code="already_member",
            )
        else:
            refusals[unit.pk] = ValidationError(
                _("%(unit)s đã là thành viên của %(bloc)s năm %(year)s; mỗi đơn vị chỉ thuộc một khối, cụm của cùng cơ quan tổ chức trong một năm.")
                % {"unit": unit.name, "bloc": other.bloc_year.bloc.name, "year": bloc_year.year},
                code="other_bloc",
            )
    return refusals


def check_unit_can_join(*, bloc_year: BlocYear, unit: Unit, ignore_bloc_year_ids=()):
    """Raise the reason why ``unit`` cannot be a member of ``bloc_year``, if any (``join_refusals``)."""
    refusal = join_refusals(bloc_year=bloc_year, units=[unit], ignore_bloc_year_ids=ignore_bloc_year_ids).get(unit.pk)
    if refusal is not None:
        raise refusal


@transaction.atomic
def member_add(*, user, bloc_year: BlocYear, unit: Unit) -> BlocMember:
    """Add ``unit`` to ``bloc_year`` as a plain member. Side effect: one audit entry."""
    check_unit_can_join(bloc_year=bloc_year, unit=unit)
    try:
        with transaction.atomic():
            member = BlocMember.objects.create(bloc_year=bloc_year, unit=unit, role=MemberRole.MEMBER)
    except IntegrityError as e:  # a concurrent request added it first
        raise ValidationError(_("%(unit)s đã là thành viên trong năm này.") % {"unit": unit.name}, code="race") from e
    record(user=user, action="member_add", obj=member, bloc_year=bloc_year, changes={"unit": (None, unit.name)})
    return member


@transaction.atomic
def members_add_bulk(*, user, bloc_year: BlocYear, units: list, rows: list | None = None) -> list:
    """Add several units at once, all or nothing. Errors name the row of each unit: ``rows`` (the row
    number of each unit in the list imported), else its place in ``units`` (1-based)."""
    errors, seen = [], set()
    refusals = join_refusals(bloc_year=bloc_year, units=units)
    for i, unit in zip(rows or range(1, len(units) + 1), units, strict=True):
        if unit.pk in seen:
            errors.append(ValidationError(_("Dòng %(row)s: %(unit)s bị trùng với một dòng trước.") % {"row": i, "unit": unit.name}, code="duplicate_row"))
            continue
        seen.add(unit.pk)
        if (e := refusals.get(unit.pk)) is not None:
            errors.append(ValidationError(_("Dòng %(row)s: %(message)s") % {"row": i, "message": e.messages[0]}, code=e.code))
    if errors:
        raise ValidationError(errors)
    if not units:
        raise ValidationError(_("Chưa có đơn vị nào để thêm."), code="empty")
    members = BlocMember.objects.bulk_create(
        [BlocMember(bloc_year=bloc_year, unit=u, role=MemberRole.MEMBER, organizer_id=bloc_year.bloc.organizer_id, year=bloc_year.year) for u in units]
    )
    record(user=user, action="members_add_bulk", obj=bloc_year, bloc_year=bloc_year,
           changes={"units": (None, ", ".join(u.name for u in units))})
    return members


@transaction.atomic
def member_remove(*, user, member: BlocMember) -> None:
    """Remove a member from its year (not the leader or deputy). Also drops its pledge signatory row."""
    if member.role != MemberRole.MEMBER:
        raise ValidationError(
            _("%(unit)s đang là %(role)s; hãy chọn đơn vị khác giữ vai trò này trước khi bỏ khỏi danh sách.")
            % {"unit": member.unit.name, "role": member.get_role_display()},
            code="has_role",
        )
    bloc_year = member.bloc_year
    if member.scores.exists():
        raise ValidationError(
            _("%(unit)s đã có điểm chấm trong năm %(year)s, không thể bỏ khỏi danh sách.") % {"unit": member.unit.name, "year": bloc_year.year},
            code="has_scores",
        )
    pledge = getattr(bloc_year, "pledge", None)  # the pledge's signatory of this unit goes with it
    if pledge is not None:
        pledge.signatories.filter(unit=member.unit_id).delete()
    record(user=user, action="member_remove", obj=member, bloc_year=bloc_year, changes={"unit": (member.unit.name, None)})
    member.delete()


# Leader and deputy ------------------------------------------------------------------------------


def _check_leadership(*, year, unit_ids, leader, deputy):
    errors = {}
    if leader is None:
        errors["leader"] = _("Hãy chọn đơn vị trưởng khối/cụm trưởng.")
    elif leader.pk not in unit_ids:
        errors["leader"] = _("%(unit)s không phải thành viên của khối năm %(year)s nên không thể làm trưởng.") % {"unit": leader.name, "year": year}
    if deputy is not None:
        if deputy.pk not in unit_ids:
            errors["deputy"] = _("%(unit)s không phải thành viên của khối năm %(year)s nên không thể làm phó.") % {"unit": deputy.name, "year": year}
        elif leader is not None and deputy.pk == leader.pk:
            errors["deputy"] = _("Trưởng và phó phải là hai đơn vị khác nhau.")
    if errors:
        raise ValidationError(errors, code="leadership")


def _check_basis(basis):
    if not (basis or "").strip():
        raise ValidationError({"leadership_basis": _("Hãy ghi căn cứ chọn trưởng, phó (biên bản hoặc quyết định).")}, code="no_basis")


@transaction.atomic
def leadership_set(*, user, bloc_year: BlocYear, leader: Unit, deputy: Unit | None, basis: str, basis_number: str = "",
                   basis_date: datetime.date | None = None, reason: str = "") -> BlocYear:
    """Set the leader and deputy of a year with the basis that chose them.

    Side effects: the previous leader/deputy become plain members; one audit entry with old and new.
    """
    members = list(bloc_year.members.select_related("unit"))
    _check_leadership(year=bloc_year.year, unit_ids={m.unit_id for m in members}, leader=leader, deputy=deputy)
    _check_basis(basis)
    old = {m.role: m.unit.name for m in members if m.role != MemberRole.MEMBER}
    BlocMember.objects.filter(bloc_year=bloc_year).exclude(role=MemberRole.MEMBER).update(role=MemberRole.MEMBER)
    BlocMember.objects.filter(bloc_year=bloc_year, unit=leader).update(role=MemberRole.LEADER)
    if deputy is not None:
        BlocMember.objects.filter(bloc_year=bloc_year, unit=deputy).update(role=MemberRole.DEPUTY)
    changes = {
        "leader": (old.get(MemberRole.LEADER), leader.name),
        "deputy": (old.get(MemberRole.DEPUTY), deputy.name if deputy else None),
    }
    changes.update(diff(bloc_year, {"leadership_basis": basis, "leadership_basis_number": basis_number,
                                    "leadership_basis_date": basis_date},
                        ["leadership_basis", "leadership_basis_number", "leadership_basis_date"]))
    bloc_year.leadership_basis, bloc_year.leadership_basis_number, bloc_year.leadership_basis_date = basis, basis_number, basis_date
    bloc_year.save(update_fields=["leadership_basis", "leadership_basis_number", "leadership_basis_date"])
    record(user=user, action="leadership_set", obj=bloc_year, bloc_year=bloc_year, changes=changes, reason=reason)
    return bloc_year


# Years ------------------------------------------------------------------------------------------


@transaction.atomic
def bloc_year_start(*, user, bloc: Bloc, year: int, units: list, leader: Unit | None, deputy: Unit | None, basis: str,
                    basis_number: str = "", basis_date: datetime.date | None = None, theme: str = "") -> BlocYear:
    """Open ``year`` of ``bloc`` with ``units`` as members and the confirmed leader and deputy; or with no
    member at all (to be filled by import), and then without leader, deputy or basis.

    Side effects: one BlocYear, one BlocMember per unit, one audit entry (with the proposal basis).
    All or nothing: any error leaves the database unchanged.
    """
    if bloc.dissolved_on and bloc.dissolved_on < _jan1(year):
        raise ValidationError(_("Khối đã giải thể ngày %(date)s, không thể mở năm %(year)s.")
                              % {"date": bloc.dissolved_on.strftime("%d/%m/%Y"), "year": year}, code="dissolved")
    if BlocYear.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError({"year": _("Khối đã có năm %(year)s.") % {"year": year}}, code="year_exists")
    if units:
        _check_leadership(year=year, unit_ids={u.pk for u in units}, leader=leader, deputy=deputy)
        _check_basis(basis)
    elif leader is not None or deputy is not None:  # an empty year is filled later (import), then its leader set
        raise ValidationError({"leader": _("Năm chưa có thành viên nên chưa chọn được trưởng, phó; hãy thêm thành viên "
                                           "rồi chọn trưởng, phó trên trang của năm.")}, code="leadership_without_members")
    bloc_year = BlocYear(bloc=bloc, year=year, theme=theme, phase=Phase.SETUP, leadership_basis=basis,
                         leadership_basis_number=basis_number, leadership_basis_date=basis_date)
    refusals = join_refusals(bloc_year=bloc_year, units=units)
    errors = [message for unit in units if unit.pk in refusals for message in refusals[unit.pk].messages]
    if errors:
        raise ValidationError({"units": errors}, code="unit_cannot_join")
    previous = BlocYear.objects.filter(bloc=bloc, year__lt=year).order_by("-year").first()
    if previous is not None:
        bloc_year.vote_threshold_percent = previous.vote_threshold_percent
        bloc_year.vote_base = previous.vote_base
        bloc_year.quorum_percent = previous.quorum_percent
    bloc_year.save()
    BlocMember.objects.bulk_create([
        BlocMember(
            bloc_year=bloc_year, unit=u, organizer_id=bloc.organizer_id, year=year,
            role=MemberRole.LEADER if u.pk == leader.pk else MemberRole.DEPUTY if deputy and u.pk == deputy.pk else MemberRole.MEMBER,
        ) for u in units
    ])
    prev_units = set(previous.members.values_list("unit__name", flat=True)) if previous else set()
    names = {u.name for u in units}
    record(user=user, action="bloc_year_start", obj=bloc_year, bloc_year=bloc_year, changes={
        "leader": (None, leader.name if leader else None), "deputy": (None, deputy.name if deputy else None),
        "added": (None, ", ".join(sorted(names - prev_units))), "dropped": (", ".join(sorted(prev_units - names)), None),
        "leadership_basis": (None, basis),
    })
    return bloc_year


@transaction.atomic
def bloc_year_update(*, user, bloc_year: BlocYear, theme: str, phase: str, reason: str = "",
                     confirmed: bool = False) -> BlocYear:
    """Change the theme and phase. The next phase needs nothing more; any other phase (back, or a jump
    forward or back past other phases) needs a reason, and a jump also the user's confirmation.
    Side effect: one audit entry (with the reason)."""
    if phase != bloc_year.phase:
        old_label, new_label = bloc_year.get_phase_display(), Phase(phase).label
        if Phase.is_jump(bloc_year.phase, phase) and not confirmed:
            raise ValidationError({"confirm": _("Chuyển từ giai đoạn “%(old)s” sang “%(new)s” là bỏ qua giai đoạn; "
                                                "hãy đánh dấu xác nhận và ghi lý do.") % {"old": old_label, "new": new_label}},
                                  code="confirm_required")
        if not Phase.is_next(bloc_year.phase, phase) and not reason.strip():
            raise ValidationError({"reason": _("Chuyển sang giai đoạn “%(new)s” (không phải giai đoạn kế tiếp) cần ghi lý do.")
                                   % {"new": new_label}}, code="reason_required")
    changes = diff(bloc_year, {"theme": theme, "phase": phase}, ["theme", "phase"])
    if not changes:
        return bloc_year
    bloc_year.theme, bloc_year.phase = theme, phase
    bloc_year.save(update_fields=["theme", "phase"])
    record(user=user, action="bloc_year_update", obj=bloc_year, bloc_year=bloc_year, changes=changes, reason=reason.strip())
    return bloc_year


# The 2025 reorganisation ------------------------------------------------------------------------


@transaction.atomic
def unit_merge(*, user, units: list, into: Unit, on: datetime.date) -> list:
    """Record that ``units`` merged into ``into`` on ``on``: each ends the day before, successor ``into``.

    Memberships already recorded stay (history keeps the old names); the units cannot join a year
    that starts after the merge. Side effect: one audit entry per unit.
    """
    errors = []
    if not units:
        raise ValidationError({"units": _("Hãy chọn ít nhất một đơn vị bị sáp nhập.")}, code="empty")
    end = on - datetime.timedelta(days=1)
    for unit in units:
        if unit.pk == into.pk:
            errors.append(_("%(unit)s không thể sáp nhập vào chính nó.") % {"unit": unit.name})
        elif unit.valid_to is not None and unit.valid_to < end:
            errors.append(_("%(unit)s đã hết hiệu lực từ %(date)s.") % {"unit": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y")})
        elif unit.valid_from and unit.valid_from > end:
            errors.append(_("%(unit)s bắt đầu hiệu lực sau ngày sáp nhập.") % {"unit": unit.name})
    if into.valid_to is not None and into.valid_to < on:
        errors.append(_("Đơn vị tiếp nhận %(unit)s đã hết hiệu lực trước ngày sáp nhập.") % {"unit": into.name})
    if errors:
        raise ValidationError({"units": errors}, code="merge_invalid")
    for unit in units:
        old = (unit.valid_to, unit.successor.name if unit.successor_id else None)
        unit.valid_to, unit.successor = end, into
        unit.save(update_fields=["valid_to", "successor"])
        record(user=user, action="unit_merge", obj=unit,
               changes={"valid_to": (old[0], end), "successor": (old[1], into.name)})
    return units

