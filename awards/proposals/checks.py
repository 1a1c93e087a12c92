"""Checks run on a proposal before submission and before approval.

Each check returns a ``CheckResult`` with a Vietnamese message naming its basis. ``level`` is
``legal`` (a hard stop: the proposal cannot be submitted or approved) or ``convention`` (a warning
the secretary may override with a written reason). Rule parameters come from the ``AwardRule``
records in force on the proposal's reference date (``rule_date``), so the rules of each period
apply to that period's proposals.
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from awards.catalog.models import AwardRule, Quota
from awards.choices import AttachmentKind, ProposalStatus, Subject
from awards.proposals.models import Proposal
from awards.proposals.selectors import quota_used
from awards.scoring.models import RankEntry
from blocs.models import BlocMember

LEGAL = "legal"
CONVENTION = "convention"


@dataclass
class CheckResult:
    code: str
    level: str  # LEGAL or CONVENTION
    ok: bool
    message: str
    basis: str = ""

    def as_dict(self):
        return asdict(self)


def rule_date(year):
    """The day whose rules apply to the proposals of ``year``: 1 January of the next year, when the
    year-end ranking and proposals take place."""
    return datetime.date(year + 1, 1, 1)


def rules_in_force(award_type, year):
    """The rules of ``award_type`` in force on the reference day of ``year`` (with their legal basis)."""
    return list(AwardRule.objects.filter(award_type=award_type).select_related("legal_basis").valid_on(rule_date(year)))


def rule_set_label(rules):
    return "; ".join(sorted({r.legal_basis.code for r in rules}))


def _num(value):
    """A percentage as Vietnamese write it: 66,67; 80 (no trailing zeros, comma for decimals)."""
    text = format(Decimal(value).quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _fmt_date(day):
    return day.strftime("%d/%m/%Y")


def _level(params):
    return LEGAL if params.get("legal", True) else CONVENTION


def _rank_of(proposal):
    if proposal.subject != Subject.COLLECTIVE or not proposal.unit_id:
        return None
    entry = RankEntry.objects.filter(ranking__bloc_year_id=proposal.bloc_year_id, unit_id=proposal.unit_id).first()
    return entry.rank if entry else None


def check_subject(proposal, rules):
    allowed = proposal.award_type.allows(proposal.subject)
    basis = rules[0].params.get("article", "") if rules else ""
    if allowed:
        return CheckResult("subject", LEGAL, True, _("Đối tượng phù hợp với hình thức khen thưởng."), basis)
    return CheckResult("subject", LEGAL, False, _(
        "%(award)s chỉ xét tặng cho %(subject)s (%(basis)s)."
    ) % {"award": proposal.award_type.name, "subject": proposal.award_type.get_subject_display().lower(), "basis": basis or _("Luật Thi đua, khen thưởng")}, basis)


def check_unit_exists(proposal, rules):
    if proposal.subject != Subject.COLLECTIVE or not proposal.unit_id:
        return None
    unit = proposal.unit
    day = rule_date(proposal.year)
    basis = _("Luật Thi đua, khen thưởng: đối tượng khen thưởng phải là tập thể đang tồn tại")
    if unit.is_valid_on(day):
        return CheckResult("unit_exists", LEGAL, True, _("%(unit)s còn tồn tại vào ngày %(day)s.") % {"unit": unit.name, "day": _fmt_date(day)}, basis)
    if unit.valid_to and unit.valid_to < day:
        reason = _("đã hết hiệu lực từ %(date)s") % {"date": _fmt_date(unit.valid_to)}
        if unit.successor_id:
            reason += _(" (sáp nhập vào %(successor)s)") % {"successor": unit.successor.name}
    else:
        reason = _("chỉ có hiệu lực từ %(date)s") % {"date": _fmt_date(unit.valid_from)}
    return CheckResult("unit_exists", LEGAL, False, _(
        "Không thể đề nghị %(unit)s: đơn vị %(reason)s, không còn tồn tại vào ngày xét %(day)s (%(basis)s)."
    ) % {"unit": unit.name, "reason": reason, "day": _fmt_date(day), "basis": basis}, basis)


def check_ranks(proposal, rules):
    """The organiser's flag only for the top-ranked unit; the Government flag only for a bloc leader."""
    results = []
    wanted = [r for r in rules if r.params.get("top_rank_only") or r.params.get("bloc_leader_only")]
    if not wanted:
        return results
    rank = _rank_of(proposal) if proposal.subject == Subject.COLLECTIVE else None
    for rule in wanted:
        params = rule.params
        basis = params.get("article") or rule.legal_basis.code
        if params.get("bloc_leader_only"):
            code, limit = "government_flag_leader", 1
            ok_msg = _("%(unit)s dẫn đầu xếp hạng của khối (%(basis)s).")
            fail_msg = _("%(award)s chỉ xét cho đơn vị dẫn đầu khối, cụm thi đua; %(unit)s %(where)s (%(basis)s).")
        else:
            code, limit = "organizer_flag_top_rank", int(params["top_rank_only"])
            ok_msg = _("%(unit)s xếp thứ %(rank)s trong khối (%(basis)s).")
            fail_msg = _("%(award)s của cơ quan tổ chức chỉ xét cho đơn vị xếp thứ nhất của khối; %(unit)s %(where)s (%(basis)s).")
        name = proposal.unit.name if proposal.unit_id else proposal.nominee
        if proposal.subject != Subject.COLLECTIVE:
            where = _("không phải tập thể")
        elif rank is None:
            where = _("chưa có trong kết quả xếp hạng")
        else:
            where = _("xếp thứ %(rank)s") % {"rank": rank}
        ok = rank is not None and rank <= limit
        msg = (ok_msg if ok else fail_msg) % {"unit": name, "rank": rank, "where": where, "award": proposal.award_type.name, "basis": basis}
        results.append(CheckResult(code, _level(params), ok, msg, basis))
    return results


def check_vote(proposal, rules, member_count):
    """Vote threshold and quorum of the bloc-year (the bloc's own rules: conventions)."""
    by = proposal.bloc_year
    basis = _("Quy chế hoạt động của khối, cụm năm %(year)s") % {"year": by.year}
    vote = proposal.vote
    if vote is None:
        if proposal.subject != Subject.COLLECTIVE:
            return []
        return [CheckResult("vote_threshold", CONVENTION, False, _(
            "Chưa có kết quả bỏ phiếu bình xét cho %(nominee)s (%(basis)s)."
        ) % {"nominee": proposal.nominee, "basis": basis}, basis)]
    threshold = Decimal(by.threshold_percent())
    results = []
    ok = vote.passes(threshold)
    results.append(CheckResult("vote_threshold", CONVENTION, ok, (
        _("Đạt %(votes)s/%(base)s phiếu (%(pct)s%%), ngưỡng %(thr)s%% (%(basis)s).") if ok else
        _("Không đạt ngưỡng phiếu: %(votes)s/%(base)s phiếu (%(pct)s%%), cần từ %(thr)s%% (%(basis)s).")
    ) % {"votes": vote.votes_for, "base": vote.base_count, "pct": _num(vote.percent), "thr": _num(threshold), "basis": basis}, basis))
    if vote.base != by.vote_base:
        results.append(CheckResult("vote_base", CONVENTION, False, _(
            "Cơ sở tính tỷ lệ của kết quả bỏ phiếu (%(vote_base)s) khác quy định của năm (%(year_base)s) (%(basis)s)."
        ) % {"vote_base": vote.get_base_display(), "year_base": by.get_vote_base_display(), "basis": basis}, basis))
    quorum = Decimal(by.quorum())
    if vote.present_count is None or not member_count:
        results.append(CheckResult("quorum", CONVENTION, False, _(
            "Chưa ghi số thành viên có mặt nên chưa xác định được hội nghị có đủ số thành viên tham dự tối thiểu hay không (%(basis)s)."
        ) % {"basis": basis}, basis))
    else:
        share = (Decimal(vote.present_count) * 100 / Decimal(member_count)).quantize(Decimal("0.01"))
        ok = share >= quorum
        results.append(CheckResult("quorum", CONVENTION, ok, (
            _("Có mặt %(present)s/%(members)s thành viên (%(pct)s%%), tối thiểu %(q)s%% (%(basis)s).") if ok else
            _("Hội nghị không đủ số thành viên tham dự tối thiểu: có mặt %(present)s/%(members)s thành viên (%(pct)s%%), cần từ %(q)s%% (%(basis)s).")
        ) % {"present": vote.present_count, "members": member_count, "pct": _num(share), "q": _num(quorum), "basis": basis}, basis))
    return results


def check_quota(proposal):
    quota = Quota.objects.filter(organizer_id=proposal.organizer_id, year=proposal.year, award_type_id=proposal.award_type_id).first()
    if quota is None:
        return None
    basis = _("Chỉ tiêu khen thưởng năm %(year)s của %(org)s") % {"year": proposal.year, "org": proposal.organizer.name}
    others = quota_used(organizers=[proposal.organizer_id], year=proposal.year, award_type=proposal.award_type_id,
                        excluding=proposal.pk)
    used = others.get((proposal.organizer_id, proposal.award_type_id), 0) + proposal.headcount
    limits = []
    if quota.max_count is not None:
        limits.append(quota.max_count)
    if quota.max_percent is not None:
        members = BlocMember.objects.filter(organizer_id=proposal.organizer_id, year=proposal.year).count()
        limits.append(int(Decimal(members) * quota.max_percent / 100))
    limit = min(limits)
    ok = used <= limit
    msg = (_("%(used)s/%(limit)s suất %(award)s (%(basis)s).") if ok else
           _("Vượt chỉ tiêu: đề nghị này nâng số %(award)s lên %(used)s, chỉ tiêu là %(limit)s (%(basis)s)."))
    return CheckResult("quota", LEGAL, ok, msg % {"used": used, "limit": limit, "award": proposal.award_type.name, "basis": basis}, basis)


def check_duplicate(proposal, rules):
    basis = _("nguyên tắc khen thưởng, Chương I Luật Thi đua, khen thưởng: một thành tích không khen thưởng nhiều lần")
    same = Proposal.objects.filter(year=proposal.year, award_type_id=proposal.award_type_id).exclude(pk=proposal.pk).exclude(
        status=ProposalStatus.REJECTED
    )
    if proposal.subject == Subject.COLLECTIVE:
        same = same.filter(subject=Subject.COLLECTIVE, unit_id=proposal.unit_id)
    elif proposal.person_key:
        same = same.filter(subject=Subject.INDIVIDUAL, person_key=proposal.person_key, person_unit__iexact=proposal.person_unit)
    else:
        return None
    other = same.select_related("bloc_year__bloc").first()
    if other is None:
        return CheckResult("duplicate", LEGAL, True, _("Không trùng đề nghị %(award)s nào khác năm %(year)s.") % {"award": proposal.award_type.name, "year": proposal.year}, basis)
    return CheckResult("duplicate", LEGAL, False, _(
        "%(nominee)s đã được đề nghị %(award)s năm %(year)s (%(bloc)s, %(status)s); không đề nghị hai lần (%(basis)s)."
    ) % {"nominee": proposal.nominee, "award": proposal.award_type.name, "year": proposal.year,
         "bloc": other.bloc_year.bloc.name, "status": other.get_status_display().lower(), "basis": basis}, basis)


def check_attachments(proposal, rules):
    required = []
    articles = []
    for rule in rules:
        for kind in rule.params.get("required_attachments", []):
            if kind not in required:
                required.append(kind)
                articles.append(rule.params.get("article") or rule.legal_basis.code)
    if not required:
        return None
    present = {a.kind for a in proposal.attachments.all()}
    missing = [k for k in required if k not in present]
    basis = "; ".join(sorted(set(articles)))
    level = CONVENTION
    if not missing:
        return CheckResult("attachments", level, True, _("Hồ sơ có đủ tài liệu (%(basis)s).") % {"basis": basis}, basis)
    labels = ", ".join(str(AttachmentKind(k).label).lower() for k in missing)
    return CheckResult("attachments", level, False, _("Hồ sơ còn thiếu: %(labels)s (%(basis)s).") % {"labels": labels, "basis": basis}, basis)


def run_checks(proposal, *, rules=None, member_count=None):
    """All checks of ``proposal`` (a list of CheckResult; passed checks included). ``rules`` (its
    ``rules_in_force``) and ``member_count`` (its bloc-year's members) are read here unless given."""
    if rules is None:
        rules = rules_in_force(proposal.award_type, proposal.year)
    if member_count is None:
        member_count = proposal.bloc_year.members.count()
    results = [check_subject(proposal, rules), check_unit_exists(proposal, rules)]
    results += check_ranks(proposal, rules)
    results += check_vote(proposal, rules, member_count)
    results += [check_quota(proposal), check_duplicate(proposal, rules), check_attachments(proposal, rules)]
    return [r for r in results if r is not None]


def blocking(results):
    return [r for r in results if not r.ok and r.level == LEGAL]


def warnings(results):
    return [r for r in results if not r.ok and r.level == CONVENTION]
