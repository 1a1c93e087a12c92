#!/usr/bin/env bash
# `make run`: what production runs, on one machine: the web server and one task worker (manage.py db_worker,
# which renders the batch prints and sends the e-mails). Both logs go to this terminal, each line prefixed;
# Ctrl-C (or either process ending) stops both.
set -uo pipefail
set -m  # each process in its own group: stopping one stops its autoreloader child too
cd "$(dirname "$0")/.."
PY=.venv/bin/python
ADDR=${ADDR:-127.0.0.1:8000}

prefix() { local tag=$1; while IFS= read -r line; do printf '%s | %s\n' "$tag" "$line"; done; }

"$PY" manage.py runserver "$ADDR" > >(prefix "web   ") 2>&1 &
WEB=$!
"$PY" manage.py db_worker --interval 1 > >(prefix "worker") 2>&1 &
WORKER=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM -- "-$WEB" "-$WORKER" 2>/dev/null
  wait "$WEB" "$WORKER" 2>/dev/null
}
trap stop INT TERM EXIT
echo "==> web http://$ADDR (pid $WEB) và tiến trình nền db_worker (pid $WORKER); Ctrl-C để dừng cả hai."
wait -n "$WEB" "$WORKER"
