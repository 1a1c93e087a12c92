"""Bulk writing of the generated rows (``Writer``) and the progress bar on stderr (``Progress``)."""

import datetime
import hashlib
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from awards import models as awards
from blocs import models as blocs


class Writer:
    """Buffers rows per model and writes them in bulk, with primary keys assigned here."""

    # Referenced rows first: the order rows are written in.
    ORDER = [blocs.Unit, blocs.Bloc, blocs.BlocYear, blocs.BlocMember, blocs.Pledge, blocs.Meeting, awards.CriteriaTable,
             awards.Criterion, awards.Score, awards.Ranking, awards.RankEntry, awards.Vote, awards.Proposal,
             awards.ProposalTransition]

    def __init__(self, progress=None):
        self.pg = connection.vendor == "postgresql"
        self.rows = {m: [] for m in self.ORDER}
        self.columns = {}
        self.completed = {}
        self.counts = {m: 0 for m in self.ORDER}
        self.next = {}
        self.digest = hashlib.sha256()
        with connection.cursor() as cursor:
            for model in self.ORDER:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
                self.next[model] = cursor.fetchone()[0] + 1
        self.base = dict(self.next)

    def new_id(self, model):
        pk = self.next[model]
        self.next[model] = pk + 1
        return pk

    def add(self, model, columns, row):
        """Queue ``row`` (a tuple in ``columns`` order, id first) for ``model``."""
        self.columns.setdefault(model, columns)
        self.rows[model].append(row)

    def pending(self):
        return sum(len(r) for r in self.rows.values())

    def flush(self):
        with connection.cursor() as cursor:
            for model in self.ORDER:
                rows = self.rows[model]
                if not rows:
                    continue
                # Keys are relative to the first free id, so the fingerprint does not depend on earlier data.
                base = self.base[model]
                for row in rows:
                    stable = tuple(v for v in row[1:] if not isinstance(v, datetime.datetime))
                    self.digest.update(repr((model.__name__, row[0] - base, stable)).encode())
                columns, extra = self._complete(model, self.columns[model])
                if extra:
                    rows = [row + extra for row in rows]
                table = model._meta.db_table
                cols = ", ".join(connection.ops.quote_name(c) for c in columns)
                if self.pg:
                    with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
                self.counts[model] += len(rows)
                self.rows[model] = []

    def _complete(self, model, columns):
        """``columns`` plus every other column of ``model`` with its default (same value on every row), so
        fields added later by other areas get their defaults without changes here."""
        cached = self.completed.get(model)
        if cached:
            return cached
        now = timezone.now()
        names, values = list(columns), []
        for field in model._meta.concrete_fields:
            if field.column in columns or field.attname in columns:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.empty_strings_allowed:
                value = ""
            else:
                raise ValueError(f"{model._meta.label}.{field.name}: không có giá trị mặc định để sinh dữ liệu.")
            names.append(field.column)
            values.append(field.get_db_prep_save(value, connection))
        self.completed[model] = (tuple(names), tuple(values))
        return self.completed[model]

    def finish(self):
        self.flush()
        if self.pg:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [*self.ORDER, get_user_model()]):
                    cursor.execute(sql)


class Progress:
    """A one-line progress bar on stderr (silent when ``stream`` is None)."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.start = time.monotonic()
        self.done = 0

    def step(self, label=""):
        self.done += 1
        if not self.stream:
            return
        share = self.done / self.total
        elapsed = time.monotonic() - self.start
        eta = elapsed / share - elapsed if share else 0
        bar = "#" * int(share * self.width)
        self.stream.write(f"\r[{bar:<{self.width}}] {share:4.0%} {self.done}/{self.total} khối · {elapsed:5.0f} s"
                          f" · còn ~{eta:4.0f} s {label[:40]:<40}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()

