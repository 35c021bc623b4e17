# Shared by the benchmark scripts (source it): checks the binaries, makes the run directory,
# writes a sample evidence PDF and checks it with qpdf, creates the demo city and starts the
# server on a free port. Before sourcing, set RUN_DIR_VAR (the environment variable that keeps
# the run's directory, e.g. SPIKE_DIR), RUN_PREFIX (temp dir prefix) and ACCESS (0/1); pass
# the extra `xietong serve` flags as arguments. Sets ROOT, TMP, PID, PORT, CONFIG, and
# finish_run (prints the server log's error count; returns its argument).
# DEMO_ARGS: flags for xietong-demo (e.g. "--schools 2000 --years 5 --activities 50").
# BENCH_PG=1: the database is PostgreSQL, in a temporary cluster started here (add
# `--file-store postgresql` to the flags to keep the files in it too).
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVER="${XIETONG_BIN:-./build/xietong}"
DEMO="${XIETONG_DEMO_BIN:-./build/xietong-demo}"
for b in "$SERVER" "$DEMO"; do
  [ -x "$b" ] || { echo "missing binary $b (set XIETONG_BIN / XIETONG_DEMO_BIN; this script builds nothing)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
KEEP_DIR="${!RUN_DIR_VAR:-}"
if [ -n "$KEEP_DIR" ]; then TMP="$KEEP_DIR"; rm -rf "$TMP"; mkdir -p "$TMP"; KEEP=1; else TMP="$(mktemp -d "/tmp/$RUN_PREFIX.XXXXXX")"; KEEP=0; fi
PID=""
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi; }
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  if [ -f "$TMP/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true; fi
  [ "$KEEP" = 1 ] || rm -rf "$TMP"
}
trap cleanup EXIT

# the evidence file is a valid PDF (checked by qpdf, like the server does)
python3 "$ROOT/server/bench/deadline_spike.py" --write-sample "$TMP/sample.pdf"
if command -v qpdf >/dev/null; then
  qpdf --check "$TMP/sample.pdf" >/dev/null || { echo "the generated PDF fails qpdf --check" >&2; exit 1; }
fi

DB_URL="sqlite:$TMP/x.db"; DB_DESC="SQLite WAL"
if [ "${BENCH_PG:-0}" = 1 ]; then
  chmod 755 "$TMP"; mkdir -p "$TMP/pg" "$TMP/pgsock"
  [ "$(id -u)" -eq 0 ] && chown postgres "$TMP/pg" "$TMP/pgsock"
  as_pg "$PG_BIN/initdb" -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pg/log" -o "-p 55436 -k $TMP/pgsock -c listen_addresses=''" -w start >/dev/null
  "$PG_BIN/createdb" -h "$TMP/pgsock" -p 55436 -U postgres xietong_bench
  DB_URL="postgresql://postgres@/xietong_bench?host=$TMP/pgsock&port=55436"; DB_DESC="PostgreSQL"
fi
# shellcheck disable=SC2086
"$DEMO" --db "$DB_URL" --data-dir "$TMP" ${DEMO_ARGS:-} | head -2
"$SERVER" serve --demo --db "$DB_URL" --data-dir "$TMP" --addr 127.0.0.1:0 --port-file "$TMP/port" \
  --web-dir "$TMP/none" --access-log "$ACCESS" --log-level info "$@" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
[ -s "$TMP/port" ] || { echo "server did not start:" >&2; cat "$TMP/server.log" >&2; exit 1; }
PORT=$(cat "$TMP/port")
CONFIG="$(grep -o 'listening on .*' "$TMP/server.log" | head -1); flags: ${*:-(defaults)}; $DB_DESC on $(df -P "$TMP" | awk 'NR==2{print $1}')"

finish_run() {
  local errs
  errs=$(grep -c '\[error\]' "$TMP/server.log" || true)
  echo "  server log: $errs error lines$([ "$KEEP" = 1 ] && echo "; run kept in $TMP")"
  [ "$errs" = 0 ] || grep '\[error\]' "$TMP/server.log" | head -5
  return "$1"
}
