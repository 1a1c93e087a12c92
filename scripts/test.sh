#!/usr/bin/env bash
# The whole suite twice: on SQLite (with the browser tests) and on a real PostgreSQL server
# started here on 127.0.0.1 in a temporary data directory, stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ARTEFACTS=${ARTEFACTS:-artefacts}
mkdir -p "$ARTEFACTS"
export ARTEFACTS

command -v chromium >/dev/null || { echo "!! chromium không có: các kiểm thử trình duyệt không thể chạy." >&2; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PG_BIN/initdb" ] || { echo "!! Không tìm thấy PostgreSQL server (initdb)." >&2; exit 1; }

echo "==> [1/2] SQLite (cả kiểm thử trình duyệt Chromium)"
env -u DATABASE_URL "$PY" -m pytest -m "not postgres" "$@"

echo "==> [2/2] PostgreSQL"
PGDATA_DIR=$(mktemp -d /tmp/thidua-pg.XXXXXX)
PGPORT=${PGPORT:-54329}
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA_DIR"
  RUN_AS=(runuser -u postgres --)
fi
cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
}
trap cleanup EXIT
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -U thidua --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
  -o "-h 127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
DATABASE_URL="postgres://thidua@127.0.0.1:$PGPORT/thidua" "$PY" -m pytest -m "not browser" "$@"
