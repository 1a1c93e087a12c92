#!/usr/bin/env bash
# make bench: a throw-away PostgreSQL (as in make test), the data set at scale N, gunicorn on 127.0.0.1,
# then scripts/bench.py measures the pages and writes docs/benchmarks.md. Exit status 1 if a request failed.
#   N=34 (default) BENCH_PGPORT=54336 BENCH_PORT=8765 BENCH_WORKERS=2×cores BENCH_REPEAT=40 BENCH_DURATION=20
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
PY=.venv/bin/python
N=${N:-34}
PORT=${BENCH_PORT:-8765}
WORKERS=${BENCH_WORKERS:-$(( $(nproc) * 2 ))}
export PGPORT=${BENCH_PGPORT:-54336}
WORK=$(mktemp -d /tmp/thidua-bench.XXXXXX)

pg_find_bin
GUNICORN_PID=
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  pg_stop
  rm -rf "$WORK"
}
t0=$(date +%s)
echo "==> PostgreSQL tạm trên cổng $PGPORT"
# Bulk loading: bigger buffers and fewer checkpoints (the server is thrown away afterwards).
pg_start shared_buffers=512MB maintenance_work_mem=512MB max_wal_size=8GB checkpoint_timeout=30min work_mem=16MB
trap cleanup EXIT
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U thidua thidua

export DEBUG=false SECRET_KEY=bench-only-not-secret SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
  CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 THIDUA_BENCH=true ALLOWED_HOSTS=127.0.0.1,localhost \
  DJANGO_SETTINGS_MODULE=emulation.settings

echo "==> migrate"
t=$(date +%s); "$PY" manage.py migrate --noinput -v0; T_MIGRATE=$(( $(date +%s) - t ))
"$PY" manage.py collectstatic --noinput -v0
echo "==> generate_dataset --scale $N"
t=$(date +%s); "$PY" manage.py generate_dataset --scale "$N" | tee "$WORK/dataset.txt"; T_DATASET=$(( $(date +%s) - t ))

echo "==> gunicorn ($WORKERS tiến trình) trên 127.0.0.1:$PORT"
.venv/bin/gunicorn emulation.wsgi:application -b "127.0.0.1:$PORT" -w "$WORKERS" --timeout 60 \
  --log-level warning --error-logfile "$WORK/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  curl -fso /dev/null "http://127.0.0.1:$PORT/dang-nhap/" && break
  sleep 0.5
done

status=0
"$PY" scripts/bench.py --url "http://127.0.0.1:$PORT" --scale "$N" --workers "$WORKERS" \
  --repeat "${BENCH_REPEAT:-40}" --duration "${BENCH_DURATION:-20}" --dataset-log "$WORK/dataset.txt" \
  --timings "{\"migrate\": $T_MIGRATE, \"sinh dữ liệu\": $T_DATASET, \"tổng đến lúc đo\": $(( $(date +%s) - t0 ))}" || status=$?
if [ -s "$WORK/gunicorn.log" ]; then echo "--- gunicorn.log"; tail -n 30 "$WORK/gunicorn.log"; fi
echo "==> Tổng thời gian: $(( $(date +%s) - t0 )) s"
exit $status
