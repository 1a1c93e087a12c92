#!/usr/bin/env bash
# The whole suite twice: on SQLite (with the browser tests) and on a real PostgreSQL server
# started here on 127.0.0.1 in a temporary data directory, stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
PY=.venv/bin/python
ARTEFACTS=${ARTEFACTS:-artefacts}
mkdir -p "$ARTEFACTS"
export ARTEFACTS

command -v chromium >/dev/null || { echo "!! chromium không có: các kiểm thử trình duyệt không thể chạy." >&2; exit 1; }
pg_find_bin

echo "==> [1/2] SQLite (cả kiểm thử trình duyệt Chromium)"
env -u DATABASE_URL "$PY" -m pytest -m "not postgres" "$@"

echo "==> [2/2] PostgreSQL"
pg_start
"$PY" -m pytest -m "not browser" "$@"
