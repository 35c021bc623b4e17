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
RUN_DIR_VAR=BENCH_DIR RUN_PREFIX=xietong-package ACCESS="${BENCH_ACCESS_LOG:-0}"
source "$(dirname "$0")/bench_server.sh"

set +e
python3 "$ROOT/server/bench/package_bench.py" --url "http://127.0.0.1:$PORT" --pid "$PID" \
  --config "$CONFIG" ${BENCH_ARGS:-}
RC=$?
set -e
finish_run $RC
