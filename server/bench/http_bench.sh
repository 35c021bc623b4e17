#!/usr/bin/env bash
# Throughput of a bare JSON endpoint against an authenticated, scope-filtered list of 20
# units, on one server io thread, with wrk on loopback; idle RSS; login cost.
# Usage: server/bench/http_bench.sh [seconds=10] [connections=64]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-10}"; CONNS="${2:-64}"
BIN="$ROOT/build"
TMP="$(mktemp -d /tmp/xietong-bench.XXXXXX)"
trap 'kill $PID 2>/dev/null || true; rm -rf "$TMP"' EXIT

"$BIN/xietong-demo" --db "sqlite:$TMP/b.db" --data-dir "$TMP" --schools 2000 | head -1
"$BIN/xietong" serve --demo --db "sqlite:$TMP/b.db" --data-dir "$TMP" --addr 127.0.0.1:0 --port-file "$TMP/port" \
  --threads 1 --workers 1 --access-log 0 --log-level warn --web-dir "$TMP/none" 2>"$TMP/server.log" &
PID=$!
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port"); URL="http://127.0.0.1:$PORT"
sleep 1
RSS_IDLE=$(awk '/VmRSS/{print $2}' /proc/$PID/status)

t0=$(date +%s%N)
for _ in $(seq 1 10); do curl -s -o /dev/null -c "$TMP/cj" -H 'Content-Type: application/json' \
  -d '{"username":"lixia","password":"Demo@2026"}' "$URL/api/v1/auth/login"; done
t1=$(date +%s%N)
LOGIN_MS=$(( (t1 - t0) / 10000000 ))
COOKIE=$(awk '$6=="xt_session"{print "xt_session="$7}' "$TMP/cj")
TOTAL=$(curl -s -H "Cookie: $COOKIE" "$URL/api/v1/units?page_size=20" | sed -E 's/.*"total":([0-9]+).*/\1/')

run() { taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$@" 2>&1; }
parse_rps() { awk '/Requests\/sec/{print $2}'; }
parse_p99() { awk '$1=="99%"{print $2}'; }
# warm up, then measure each once, interleaved twice
run -d2s "$URL/api/v1/health" >/dev/null
H1=$(run "$URL/api/v1/health"); L1=$(run -H "Cookie: $COOKIE" "$URL/api/v1/units?page_size=20")
H2=$(run "$URL/api/v1/health"); L2=$(run -H "Cookie: $COOKIE" "$URL/api/v1/units?page_size=20")
HR=$(printf '%s\n%s\n' "$(echo "$H1" | parse_rps)" "$(echo "$H2" | parse_rps)" | sort -n | tail -1)
LR=$(printf '%s\n%s\n' "$(echo "$L1" | parse_rps)" "$(echo "$L2" | parse_rps)" | sort -n | tail -1)
HP=$(echo "$H2" | parse_p99); LP=$(echo "$L2" | parse_p99)
# Every request a different query string: no cached answer can be reused (worst case).
cat > "$TMP/cold.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/units?page_size=20&cold=" .. counter)
end
LUA
C1=$(run -H "Cookie: $COOKIE" -s "$TMP/cold.lua" "$URL")
CR=$(echo "$C1" | parse_rps); CP=$(echo "$C1" | parse_p99)
NON2XX=$(echo "$L1$L2" | awk '/Non-2xx/{s+=$4} END{print s+0}')
RSS_LOAD=$(awk '/VmRSS/{print $2}' /proc/$PID/status)

echo
echo "Xietong HTTP benchmark: one io thread + one database thread, wrk -t1 -c$CONNS -d${SECS}s on loopback"
printf '  %-58s %10s req/s   p99 %s\n' "GET /api/v1/health (bare JSON, no login)" "$HR" "$HP"
printf '  %-58s %10s req/s   p99 %s\n' "GET /api/v1/units?page_size=20 (district staff, $TOTAL in scope)" "$LR" "$LP"
printf '  %-58s %10s req/s   p99 %s\n' "same list, every query string new (cache never reused)" "$CR" "$CP"
awk -v l="$LR" -v h="$HR" 'BEGIN{printf "  list / health ratio: %.1f %% (goal >= 30 %%)\n", 100*l/h}'
echo "  non-2xx answers on the list: $NON2XX"
echo "  RSS idle: $((RSS_IDLE/1024)) MB (goal <= 50 MB); after load: $((RSS_LOAD/1024)) MB"
echo "  login over HTTP (Argon2id verify + session): ${LOGIN_MS} ms each (mean of 10)"
