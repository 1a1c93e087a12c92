"""The generator: which blocs to create (the plan), the accounts, then each bloc and its years.

Everything drawn comes from one ``random.Random(seed)`` walked in a fixed order (see the package's
docstring); the rows of each bloc-year are written by ``BlocYearRows`` (``years.py``).
"""

import datetime
import random
import sys
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from awards.models import AwardType
from blocs.choices import BlocKind, OrganizerKind, Phase, Role, UnitKind
from blocs.models import Bloc, BlocYear, Organizer, Province, RoleGrant, Unit
from emulation.devtools.dataset.criteria import ROMAN, criteria_template
from emulation.devtools.dataset.names import CENTRAL_FIELDS, CENTRAL_THEMES, PROVINCE_BLOCS, REGIONS
from emulation.devtools.dataset.writer import Progress, Writer
from emulation.devtools.dataset.years import LAST_YEAR_PHASES, BlocYearRows
from emulation.lib.text import ascii_key, search_key, sort_key

BLOCS_PER_PROVINCE = 15
CENTRAL_BLOCS_NATIONAL = 30
PROVINCES_NATIONAL = 34
DEFAULT_PASSWORD = "dataset-2026"
# The account ``make bench`` logs in with: reviewer of the Central council (or of the first province).
BENCH_USERNAME = "bench.reviewer"
EXISTS = "Tài khoản của bộ dữ liệu đã có trong cơ sở dữ liệu: hãy sinh dữ liệu vào một cơ sở dữ liệu trống."


def _q_any(qs):
    """The OR of a list of Q objects (matching nothing when empty)."""
    out = Q(pk__in=[])
    for q in qs:
        out |= q
    return out

def _keys(name):
    return search_key(name), ascii_key(name), sort_key(name)


class Generator(BlocYearRows):
    """One run of the data set; ``run()`` writes everything in one transaction."""

    def __init__(self, *, scale=1, seed=2026, last_year=None, years=None, blocs_per_province=BLOCS_PER_PROVINCE,
                 central_blocs=None, password=DEFAULT_PASSWORD, stream=sys.stderr, members=None, last_phase=None):
        if not 1 <= scale <= PROVINCES_NATIONAL:
            raise ValueError(f"scale phải từ 1 đến {PROVINCES_NATIONAL} (số tỉnh, thành phố).")
        if not 1 <= blocs_per_province <= len(PROVINCE_BLOCS):
            raise ValueError(f"blocs_per_province phải từ 1 đến {len(PROVINCE_BLOCS)}.")
        self.scale = scale
        self.rng = random.Random(seed)
        self.last_year = last_year or timezone.localdate().year
        self.years = years or (5 if scale == 1 else 10)
        self.blocs_per_province = blocs_per_province
        self.central_blocs = CENTRAL_BLOCS_NATIONAL * scale // PROVINCES_NATIONAL if central_blocs is None else central_blocs
        self.password = password
        # For tests: a fixed member range (lo, hi) for every bloc and one phase for every bloc of the last year.
        self.members = members
        self.last_phase = last_phase
        self.stream = stream
        self.now = timezone.now().replace(microsecond=0)
        self.award = {a.code: a.pk for a in AwardType.objects.all()}
        self.users = []  # usernames
        self.grants = []  # (user id, role, scope field, scope id)

    # -- plan ---------------------------------------------------------------------------------

    def _plan(self):
        """The blocs to create: (organizer, province or None, name, kind, [(unit name, kind, province)] or units)."""
        rng = self.rng
        provinces = list(Province.objects.filter(valid_to__isnull=True).order_by("code"))
        rng.shuffle(provinces)
        provinces = sorted(provinces[: self.scale], key=lambda p: p.code)
        organizers = {o.province_id: o for o in Organizer.objects.filter(kind=OrganizerKind.PROVINCE, province__in=provinces)}
        plan = []
        for province in provinces:
            organizer = organizers[province.pk]
            used = set()
            for name, kind, unit_kind, maker in PROVINCE_BLOCS[: self.blocs_per_province]:
                count = rng.randint(*(self.members or (7, 12)))
                units = [(n, unit_kind, province) for n in maker(rng, province, count, used)]
                plan.append((organizer, province, name, kind, units))
        if self.central_blocs:
            central = Organizer.objects.get(kind=OrganizerKind.CENTRAL)
            clusters = min(self.central_blocs, max(1, len(provinces) // 6)) if len(provinces) >= 2 else 0
            province_units = {u.province_id: u for u in Unit.objects.filter(kind=UnitKind.PROVINCE, province__in=provinces)}
            ordered = [province_units[p.pk] for p in provinces if p.pk in province_units]
            for i in range(clusters):
                members = ordered[i::clusters]
                plan.append((central, None, f"Cụm thi đua các tỉnh {REGIONS[i % len(REGIONS)]}", BlocKind.CLUSTER, members))
            fields = list(CENTRAL_FIELDS)
            for i in range(self.central_blocs - clusters):
                theme, prefix = CENTRAL_THEMES[i % len(CENTRAL_THEMES)]
                group = i // len(CENTRAL_THEMES) + 1
                name = theme if group == 1 else f"{theme} (nhóm {group})"
                count = rng.randint(*(self.members or (10, 16)))
                rng.shuffle(fields)
                units = [(f"{prefix} {f}" + ("" if group == 1 else f" {ROMAN[group - 1]}"), UnitKind.MINISTRY, None)
                         for f in fields[:count]]
                plan.append((central, None, name, BlocKind.BLOC, units))
        return plan

    # -- run ----------------------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        if get_user_model().objects.filter(username=BENCH_USERNAME).exists():
            raise ValueError(EXISTS)
        plan = self._plan()
        clash = Bloc.objects.filter(
            _q_any([Q(organizer=org, name_key=search_key(name)) for org, _, name, *_ in plan])
        ).first()
        if clash:
            raise ValueError(f"Khối “{clash.name}” của {clash.organizer} đã có: hãy sinh dữ liệu vào một cơ sở dữ liệu trống.")
        w = self.writer = Writer()
        progress = Progress(len(plan), stream=self.stream)
        with transaction.atomic():
            self._fast_load(True)
            try:
                self._accounts(plan)
                for index, entry in enumerate(plan):
                    self._bloc(*entry, secretary=self.secretaries[index], reviewer=self.reviewers[entry[0].pk])
                    if w.pending() > 200_000:
                        w.flush()
                    progress.step(entry[2])
                w.finish()
                self._grants()
            finally:
                self._fast_load(False)
        if w.pg:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = {m._meta.label: n for m, n in w.counts.items()}
        counts["auth.User"] = len(self.users)
        return {"counts": counts, "fingerprint": w.digest.hexdigest()[:16], "seconds": time.monotonic() - started}

    def _fast_load(self, on):
        """On PostgreSQL as a superuser, skip the per-row foreign-key triggers while loading rows that
        are consistent by construction (the generator chooses every key)."""
        if not self.writer.pg:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute(f"SET LOCAL session_replication_role = {'replica' if on else 'origin'}")

    def _bloc(self, organizer, province, name, kind, units, *, secretary, reviewer):
        rng, w = self.rng, self.writer
        unit_ids, names = [], {}
        for unit in units:
            if isinstance(unit, Unit):
                unit_ids.append(unit.pk)
                names[unit.pk] = unit.name
                continue
            uname, ukind, uprov = unit
            pk = w.new_id(Unit)
            w.add(Unit, ("id", "name", "name_key", "name_ascii", "sort_key", "valid_from", "valid_to", "kind",
                         "short_name", "province_id", "head_title", "signing_formula", "successor_id"),
                  (pk, uname, *_keys(uname), None, None, ukind, "", uprov.pk if uprov else None, "", "", None))
            unit_ids.append(pk)
            names[pk] = uname
        bloc_id = w.new_id(Bloc)
        first_year = self.last_year - self.years + 1
        w.add(Bloc, ("id", "name", "name_key", "name_ascii", "sort_key", "kind", "organizer_id", "province_id", "code",
                     "founding_decision_number", "founding_decision_date", "dissolved_on", "succession_policy",
                     "rotation_order", "min_members", "note"),
              (bloc_id, name, *_keys(name), kind, organizer.pk, province.pk if province else None, "",
               f"{rng.randint(100, 3999)}/QĐ-{'UBND' if province else 'HĐTĐKT'}", datetime.date(first_year - 1, rng.randint(1, 12), rng.randint(1, 28)),
               None, "rotation", "[]", None, ""))
        self.grants.append((secretary, Role.SECRETARY, "bloc_id", bloc_id))
        self.people = (secretary, reviewer)
        # One criteria template per bloc, reused (as new rows) every year.
        template = criteria_template(rng)
        for index, year in enumerate(range(first_year, self.last_year + 1)):
            if year < self.last_year:
                phase = Phase.CLOSED
            else:
                phase = rng.choices([p for p, _ in LAST_YEAR_PHASES], weights=[wt for _, wt in LAST_YEAR_PHASES])[0]
                phase = self.last_phase or phase
            self._bloc_year(organizer, bloc_id, year, phase, index, unit_ids, names, template, central=province is None)

    def _accounts(self, plan):
        """A reviewer per organiser (the Central council's is ``bench.reviewer`` when there is one) and a
        secretary per bloc, created first so that scores, rankings and proposals name who made them."""
        User = get_user_model()
        organizers = []
        for organizer, *_ in plan:
            if organizer not in organizers:
                organizers.append(organizer)
        reviewers = []
        central = next((o for o in organizers if o.kind == OrganizerKind.CENTRAL), None)
        bench_org = central or organizers[0]
        for organizer in organizers:
            username = BENCH_USERNAME if organizer == bench_org else f"bt.{organizer.pk}"
            reviewers.append((username, Role.REVIEWER, "organizer_id", organizer.pk))
        secretaries = [f"tk.{organizer.pk}.{i}" for i, (organizer, *_) in enumerate(plan, 1)]
        self.users = [r[0] for r in reviewers] + secretaries
        if User.objects.filter(username__in=self.users).exists():
            raise ValueError(EXISTS)
        hashed = make_password(self.password)
        # Keys chosen here (not by the sequence), so that a seed gives the same rows after a rollback too.
        first = (User.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        created = User.objects.bulk_create([
            User(pk=first + i, username=u, password=hashed, is_active=True) for i, u in enumerate(self.users)
        ])
        ids = {u.username: u.pk for u in created}
        self.reviewers = {pk: ids[username] for username, _, _, pk in reviewers}
        self.secretaries = [ids[u] for u in secretaries]
        self.grants = [(ids[username], role, field, pk) for username, role, field, pk in reviewers]
        for username in self.users:
            self.writer.digest.update(username.encode())

    def _grants(self):
        RoleGrant.objects.bulk_create([RoleGrant(user_id=user, role=role, **{field: pk}) for user, role, field, pk in self.grants])


def generate(**options):
    """Generate the data set; see ``Generator``. Returns counts, fingerprint and seconds."""
    return Generator(**options).run()


def bench_target(year=None, phase=Phase.PROPOSALS):
    """The largest bloc-year of the last year visible to ``bench.reviewer`` (for ``make bench``), among
    those in ``phase`` when there are any. Pages are measured on one that reached the proposals phase
    (scores, ranking, votes and proposals); actions that change scores on one still being scored (an
    approved ranking freezes the scores)."""

    user = get_user_model().objects.get(username=BENCH_USERNAME)
    qs = BlocYear.objects.visible_to(user)
    if year:
        qs = qs.filter(year=year)
    else:
        qs = qs.filter(year=BlocYear.objects.visible_to(user).order_by("-year").values("year")[:1])
    if phase and qs.filter(phase=phase).exists():
        qs = qs.filter(phase=phase)
    by = qs.annotate(n=Count("members")).order_by("-n", "bloc_id").select_related("bloc").first()
    return user, by
