"""A synthetic, national-size data set for load tests (``manage.py generate_dataset``).

Scale N: N provinces (of the 34 in force since 01/07/2025) with 15 blocs each, plus 30·N/34 blocs
of the Central council (province clusters and blocs of central agencies). N=1 is one province
(15 blocs × ~10 members × 5 years); N=34 is the whole country (≈540 blocs, ≈5,000 units, 10 years,
40–60 criteria per table, ≈2.5 million scores, ≈10,000 proposals a year).

Everything drawn comes from one ``random.Random(seed)`` walked in a fixed order, so a seed gives
the same rows (and the same fingerprint) on every run in an empty database. Rows are written in
bulk: ``COPY`` on PostgreSQL, ``executemany`` on SQLite, with primary keys chosen here.

Modules: ``generator`` (the plan, accounts, blocs; the entry points), ``years`` (the rows of one
bloc-year), ``criteria`` (a bloc's criteria table), ``names`` (people, units, blocs), ``writer``
(bulk writing and the progress bar).
"""

from emulation.devtools.dataset.generator import (
    BENCH_USERNAME,
    BLOCS_PER_PROVINCE,
    DEFAULT_PASSWORD,
    Generator,
    bench_target,
    generate,
)

__all__ = ["BENCH_USERNAME", "BLOCS_PER_PROVINCE", "DEFAULT_PASSWORD", "Generator", "bench_target", "generate"]
