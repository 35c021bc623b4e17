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
RUN_DIR_VAR=SPIKE_DIR RUN_PREFIX=xietong-spike ACCESS="${SPIKE_ACCESS_LOG:-0}"
source "$(dirname "$0")/bench_server.sh"

set +e
python3 "$ROOT/server/bench/deadline_spike.py" --url "http://127.0.0.1:$PORT" --pid "$PID" --data-dir "$TMP" \
  --config "$CONFIG" --json-out "$TMP/figures.json" ${SPIKE_ARGS:-}
RC=$?
set -e
finish_run $RC
