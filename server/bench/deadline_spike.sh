#!/usr/bin/env bash
# The deadline spike: 16 districts x 10 schools, each saving its case text and uploading
# 10 evidence PDFs of 1 MB at the same moment, from a Python load generator on loopback.
# Prints upload/save latency, a light probe's latency during the spike against idle, the
# server's peak RSS, throughput; then save-draft requests per second.
# Builds nothing. Usage:
#   server/bench/deadline_spike.sh [extra xietong serve flags, e.g. --threads 1 --workers 4]
# Environment: XIETONG_BIN (./build/xietong), XIETONG_DEMO_BIN (./build/xietong-demo),
#   SPIKE_ARGS (extra load generator flags, e.g. "--districts 4 --save-secs 5"),
#   SPIKE_DIR (keep the run's directory there instead of a removed temporary one),
#   SPIKE_ACCESS_LOG=1 (server access log with per-request server-side times, in the dir).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SERVER="${XIETONG_BIN:-./build/xietong}"
DEMO="${XIETONG_DEMO_BIN:-./build/xietong-demo}"
for b in "$SERVER" "$DEMO"; do
  [ -x "$b" ] || { echo "missing binary $b (set XIETONG_BIN / XIETONG_DEMO_BIN; this script builds nothing)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
if [ -n "${SPIKE_DIR:-}" ]; then TMP="$SPIKE_DIR"; rm -rf "$TMP"; mkdir -p "$TMP"; KEEP=1; else TMP="$(mktemp -d /tmp/xietong-spike.XXXXXX)"; KEEP=0; fi
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  [ "$KEEP" = 1 ] || rm -rf "$TMP"
}
trap cleanup EXIT

# the evidence file is a valid PDF (checked by qpdf, like the server does)
python3 "$ROOT/server/bench/deadline_spike.py" --write-sample "$TMP/sample.pdf"
if command -v qpdf >/dev/null; then
  qpdf --check "$TMP/sample.pdf" >/dev/null || { echo "the generated PDF fails qpdf --check" >&2; exit 1; }
fi

"$DEMO" --db "sqlite:$TMP/x.db" --data-dir "$TMP" | head -1
ACCESS="${SPIKE_ACCESS_LOG:-0}"
"$SERVER" serve --demo --db "sqlite:$TMP/x.db" --data-dir "$TMP" --addr 127.0.0.1:0 --port-file "$TMP/port" \
  --web-dir "$TMP/none" --access-log "$ACCESS" --log-level info "$@" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
[ -s "$TMP/port" ] || { echo "server did not start:" >&2; cat "$TMP/server.log" >&2; exit 1; }
PORT=$(cat "$TMP/port")
CONFIG="$(grep -o 'listening on .*' "$TMP/server.log" | head -1); flags: ${*:-(defaults)}; SQLite WAL on $(df -P "$TMP" | awk 'NR==2{print $1}')"

set +e
python3 "$ROOT/server/bench/deadline_spike.py" --url "http://127.0.0.1:$PORT" --pid "$PID" --data-dir "$TMP" \
  --config "$CONFIG" --json-out "$TMP/figures.json" ${SPIKE_ARGS:-}
RC=$?
set -e
ERRS=$(grep -c '\[error\]' "$TMP/server.log" || true)
echo "  server log: $ERRS error lines$([ "$KEEP" = 1 ] && echo "; run kept in $TMP")"
[ "$ERRS" = 0 ] || grep '\[error\]' "$TMP/server.log" | head -5
exit $RC
