# Shared by the benchmark scripts (source it): checks the binaries, makes the run directory,
# writes a sample evidence PDF and checks it with qpdf, creates the demo city and starts the
# server on a free port. Before sourcing, set RUN_DIR_VAR (the environment variable that keeps
# the run's directory, e.g. SPIKE_DIR), RUN_PREFIX (temp dir prefix) and ACCESS (0/1); pass
# the extra `xietong serve` flags as arguments. Sets ROOT, TMP, PID, PORT, CONFIG, and
# finish_run (prints the server log's error count; returns its argument).
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
"$SERVER" serve --demo --db "sqlite:$TMP/x.db" --data-dir "$TMP" --addr 127.0.0.1:0 --port-file "$TMP/port" \
  --web-dir "$TMP/none" --access-log "$ACCESS" --log-level info "$@" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
[ -s "$TMP/port" ] || { echo "server did not start:" >&2; cat "$TMP/server.log" >&2; exit 1; }
PORT=$(cat "$TMP/port")
CONFIG="$(grep -o 'listening on .*' "$TMP/server.log" | head -1); flags: ${*:-(defaults)}; SQLite WAL on $(df -P "$TMP" | awk 'NR==2{print $1}')"

finish_run() {
  local errs
  errs=$(grep -c '\[error\]' "$TMP/server.log" || true)
  echo "  server log: $errs error lines$([ "$KEEP" = 1 ] && echo "; run kept in $TMP")"
  [ "$errs" = 0 ] || grep '\[error\]' "$TMP/server.log" | head -5
  return "$1"
}
