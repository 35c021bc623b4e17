#!/usr/bin/env bash
# The city review benchmark: the assignment solver at the issue's two sizes (300 cases × 3
# among 60 experts, 3,000 × 3 among 300, against the greedy baseline), then a server with a
# 300-case review whose 900 sheets are all submitted: the results table cold and warm, its
# XLSX, a proposal over the whole review; the public library's list and a case page against
# the bare health endpoint in the same run (wrk, one connection per core); the library page's
# first load (JavaScript and CSS, gzip) from the built web app. Builds nothing. Usage:
#   server/bench/review_bench.sh [extra xietong serve flags]
# Environment: BENCH_PG=1, XIETONG_BIN, XIETONG_DEMO_BIN, XIETONG_ASSIGN_BENCH_BIN, BENCH_DIR,
#   BENCH_SECS (wrk seconds, default 10), WEB_DIST (default web/dist).
RUN_DIR_VAR=BENCH_DIR RUN_PREFIX=xietong-review ACCESS=0
DEMO_ARGS="${DEMO_ARGS:---schools 2000 --no-alliance --review-cases 300 --review-complete}"
ASSIGN="${XIETONG_ASSIGN_BENCH_BIN:-./build/server/bench/xietong_assign_bench}"
[ -x "$ASSIGN" ] || { echo "missing $ASSIGN (build with -DXIETONG_BENCH=ON)" >&2; exit 2; }
echo "== assignment solver (in process)"
"$ASSIGN"
source "$(dirname "$0")/bench_server.sh"
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 2; }

set +e
python3 "$ROOT/server/bench/review_bench.py" --url "http://127.0.0.1:$PORT" --config "$CONFIG" --secs "${BENCH_SECS:-10}" \
  --dist "${WEB_DIST:-$ROOT/web/dist}"
RC=$?
set -e
finish_run $RC
