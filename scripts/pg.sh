# A throw-away PostgreSQL server on 127.0.0.1, in a temporary data directory (sourced by test.sh and bench.sh).
#   source scripts/pg.sh
#   pg_find_bin          # fails loudly without a PostgreSQL server
#   pg_start [extra -c options]   # starts on $PGPORT (default 54329), exports DATABASE_URL, stops on EXIT
# Settings trade durability for speed (fsync off): the data is thrown away afterwards.

pg_find_bin() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -x "$PG_BIN/initdb" ] || { echo "!! Không tìm thấy PostgreSQL server (initdb)." >&2; return 1; }
}

pg_stop() {
  [ -n "${PGDATA_DIR:-}" ] || return 0
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
  PGDATA_DIR=
}

pg_start() {
  [ -n "${PG_BIN:-}" ] || pg_find_bin || return 1
  PGDATA_DIR=$(mktemp -d /tmp/thidua-pg.XXXXXX)
  PGPORT=${PGPORT:-54329}
  PG_RUN_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA_DIR"
    PG_RUN_AS=(runuser -u postgres --)
  fi
  trap pg_stop EXIT
  local opts="-h 127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  for extra in "$@"; do opts="$opts -c $extra"; done
  "${PG_RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -U thidua --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w -o "$opts" start >/dev/null
  export DATABASE_URL="postgres://thidua@127.0.0.1:$PGPORT/thidua"
}
