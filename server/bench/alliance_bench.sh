#!/usr/bin/env bash
# The 教联体 benchmark, on the generator's 2,000-school city with 5 years of activities (about
# 500,000 rows, most with a partner school): every dashboard request (the city's, a district's,
# the drill-down to schools, a school's page, an XLSX table) timed cold (the first after the
# server starts) and warm (p50/p95 of 20); a 2,000-row activity import and a district's
# school-alliance import (check, then import); and the requests per second of recording an
# activity beside the bare health endpoint in the same run (wrk, one connection per core).
# The generation itself is timed too. Builds nothing. Usage:
#   server/bench/alliance_bench.sh [extra xietong serve flags]
# Environment: BENCH_PG=1 (PostgreSQL in a temporary cluster), XIETONG_BIN, XIETONG_DEMO_BIN,
#   DEMO_ARGS (default "--schools 2000 --years 5 --activities 50"), BENCH_DIR (keep the run),
#   BENCH_SECS (wrk seconds, default 10).
RUN_DIR_VAR=BENCH_DIR RUN_PREFIX=xietong-alliance ACCESS=0
DEMO_ARGS="${DEMO_ARGS:---schools 2000 --years 5 --activities 50}"
GEN_START=$(date +%s%N)
source "$(dirname "$0")/bench_server.sh"
GEN_MS=$(( ($(date +%s%N) - GEN_START) / 1000000 ))
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 2; }

set +e
python3 "$ROOT/server/bench/alliance_bench.py" --url "http://127.0.0.1:$PORT" --pid "$PID" --config "$CONFIG" \
  --generation-ms "$GEN_MS" --tmp "$TMP" --secs "${BENCH_SECS:-10}"
RC=$?
set -e
finish_run $RC
