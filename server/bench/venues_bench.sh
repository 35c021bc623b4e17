#!/usr/bin/env bash
# The sports map benchmark: first the in-process figures (xietong_venues_bench: network load and
# memory, the 15-minute query at 20,000 and 200,000 venues, the rebuild after an edit), then a
# server with a 1M-node grid loaded by `xietong venues load-osm` and 200,000 venues: the
# 15-minute query over HTTP from random origins against the bare health endpoint in the same
# run (wrk, one connection per core), the map page's first load (JavaScript and CSS, gzip),
# and the page under Chromium's Slow 3G until its list shows. Builds nothing. Usage:
#   server/bench/venues_bench.sh [extra xietong serve flags]
# Environment: BENCH_PG=1, XIETONG_BIN, XIETONG_DEMO_BIN, XIETONG_VENUES_BENCH_BIN, BENCH_DIR,
#   BENCH_SECS (wrk seconds, default 10), WEB_DIST (default web/dist), BENCH_VENUES (200000).
RUN_DIR_VAR=BENCH_DIR RUN_PREFIX=xietong-venues ACCESS=0
DEMO_ARGS="${DEMO_ARGS:---schools 300 --no-alliance --no-review --no-venues}"
VB="${XIETONG_VENUES_BENCH_BIN:-./build/server/bench/xietong_venues_bench}"
[ -x "$VB" ] || { echo "missing $VB (build with -DXIETONG_BENCH=ON)" >&2; exit 2; }
echo "== in process"
"$VB"
# the map page is served for the Slow 3G run (a later --web-dir wins over the shared default)
set -- "$@" --web-dir "${WEB_DIST:-$(pwd)/web/dist}"
source "$(dirname "$0")/bench_server.sh"
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 2; }
GRID=/tmp/xietong-bench-grid.osm
echo "== load-osm (the operator's command) on the running server's database"
/usr/bin/time -f "  load-osm: %e s, peak RSS %M KiB" "$SERVER" venues load-osm "$GRID" --name "基准网格" --db "$DB_URL" --data-dir "$TMP" "$@" | sed 's/^/  /'
"$VB" --seed-db "$DB_URL" --data-dir "$TMP" --count "${BENCH_VENUES:-200000}" | sed 's/^/  /'

set +e
python3 "$ROOT/server/bench/venues_bench.py" --url "http://127.0.0.1:$PORT" --config "$CONFIG" --secs "${BENCH_SECS:-10}" \
  --dist "${WEB_DIST:-$ROOT/web/dist}" --venues "${BENCH_VENUES:-200000}" --pid "$PID"
RC=$?
set -e
finish_run $RC
