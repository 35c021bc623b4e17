#!/usr/bin/env bash
# The package build benchmark: district bureaus build their recommendation package (one ZIP of
# 10 recommended cases, each as Word plus its archive PDF with 10 evidence PDFs of 1 MB merged,
# and 附件3 as Excel and Word) on the server's document pool, from a Python client on loopback.
# Prints: one district's cold build alone (target <= 2 s), the warm answer (unchanged: 200 and
# the same build), the rebuild after reordering (cached archive PDFs; ratio to cold), N districts
# building at the same moment (each one's time), the ZIP's size and checked contents, a single
# case's archive PDF cold and cached, a light probe's latency during the builds against idle
# (builds run off the request threads), the server's peak RSS and CPU seconds.
# Setup (not timed): 1 + N districts x 10 cases written, uploaded, submitted and recommended
# through the API, about (N+1) x 100 MB of PDFs. Default N=3: about 1-2 minutes on 2 cores.
# Builds nothing. Usage:
#   server/bench/package_bench.sh [extra xietong serve flags, e.g. --doc-workers 2 --threads 2]
# Environment: XIETONG_BIN (./build/xietong), XIETONG_DEMO_BIN (./build/xietong-demo),
#   BENCH_ARGS (extra load generator flags, e.g. "--districts 2 --poll-ms 50"),
#   BENCH_DIR (keep the run's directory there instead of a removed temporary one),
#   BENCH_ACCESS_LOG=1 (server access log with per-request server-side times, in the dir).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SERVER="${XIETONG_BIN:-./build/xietong}"
DEMO="${XIETONG_DEMO_BIN:-./build/xietong-demo}"
for b in "$SERVER" "$DEMO"; do
  [ -x "$b" ] || { echo "missing binary $b (set XIETONG_BIN / XIETONG_DEMO_BIN; this script builds nothing)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then TMP="$BENCH_DIR"; rm -rf "$TMP"; mkdir -p "$TMP"; KEEP=1; else TMP="$(mktemp -d /tmp/xietong-package.XXXXXX)"; KEEP=0; fi
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
rm -f "$TMP/sample.pdf"

"$DEMO" --db "sqlite:$TMP/x.db" --data-dir "$TMP" | head -1
ACCESS="${BENCH_ACCESS_LOG:-0}"
"$SERVER" serve --demo --db "sqlite:$TMP/x.db" --data-dir "$TMP" --addr 127.0.0.1:0 --port-file "$TMP/port" \
  --web-dir "$TMP/none" --access-log "$ACCESS" --log-level info "$@" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
[ -s "$TMP/port" ] || { echo "server did not start:" >&2; cat "$TMP/server.log" >&2; exit 1; }
PORT=$(cat "$TMP/port")
CONFIG="$(grep -o 'listening on .*' "$TMP/server.log" | head -1); flags: ${*:-(defaults)}; SQLite WAL on $(df -P "$TMP" | awk 'NR==2{print $1}')"

set +e
python3 "$ROOT/server/bench/package_bench.py" --url "http://127.0.0.1:$PORT" --pid "$PID" \
  --config "$CONFIG" ${BENCH_ARGS:-}
RC=$?
set -e
ERRS=$(grep -c '\[error\]' "$TMP/server.log" || true)
echo "  server log: $ERRS error lines$([ "$KEEP" = 1 ] && echo "; run kept in $TMP")"
[ "$ERRS" = 0 ] || grep '\[error\]' "$TMP/server.log" | head -5
exit $RC
