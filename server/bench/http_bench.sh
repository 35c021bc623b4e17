#!/usr/bin/env bash
# Throughput of a bare JSON endpoint against the authenticated, scope-filtered list of 20
# units, for district staff (213 units in scope) and city staff (2,179), on a 2,000-school
# city, with wrk on loopback: the list as a repeated request (its cached answer reused) and
# with a new query string every time (nothing reused but the unit tree of the current version).
# SQLite runs with one database thread (its single writer); PostgreSQL with the default four,
# in a temporary cluster this script starts and removes. Also idle RSS and the login cost.
# Usage: server/bench/http_bench.sh [seconds=10] [connections=64] [sqlite|postgresql|both=both]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-10}"; CONNS="${2:-64}"; WHICH="${3:-both}"
BIN="$ROOT/build"
for b in xietong xietong-demo; do [ -x "$BIN/$b" ] || { echo "missing $BIN/$b (build first)" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 2; }
TMP="$(mktemp -d /tmp/xietong-bench.XXXXXX)"
chmod 755 "$TMP"
PID=""; PG_BIN=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi; }
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  if [ -n "$PG_BIN" ] && [ -f "$TMP/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

run() { taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$@" 2>&1; }
parse_rps() { awk '/Requests\/sec/{print $2}'; }
parse_p99() { awk '$1=="99%"{print $2}'; }
cat > "$TMP/cold.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/units?page_size=20&cold=" .. counter)
end
LUA

bench_db() {  # name, url, workers
  local name="$1" url="$2" workers="$3"
  "$BIN/xietong-demo" --db "$url" --data-dir "$TMP/$name" --schools 2000 | head -1
  rm -f "$TMP/port"
  "$BIN/xietong" serve --demo --db "$url" --data-dir "$TMP/$name" --addr 127.0.0.1:0 --port-file "$TMP/port" \
    --threads 1 --workers "$workers" --access-log 0 --log-level warn --web-dir "$TMP/none" 2>"$TMP/server-$name.log" &
  PID=$!
  for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
  local url_http="http://127.0.0.1:$(cat "$TMP/port")"
  sleep 1
  local rss_idle; rss_idle=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
  local t0 t1; t0=$(date +%s%N)
  for _ in $(seq 1 10); do curl -s -o /dev/null -c "$TMP/cj" -H 'Content-Type: application/json' \
    -d '{"username":"lixia","password":"Demo@2026"}' "$url_http/api/v1/auth/login"; done
  t1=$(date +%s%N)
  echo
  echo "$name: one io thread + $workers database thread(s), wrk -t1 -c$CONNS -d${SECS}s on loopback"
  run -d2s "$url_http/api/v1/health" >/dev/null
  local H; H=$(run "$url_http/api/v1/health")
  local hr; hr=$(echo "$H" | parse_rps)
  printf '  %-62s %9s req/s   p99 %s\n' "GET /api/v1/health (bare JSON, no login)" "$hr" "$(echo "$H" | parse_p99)"
  for user in lixia city; do
    curl -s -o /dev/null -c "$TMP/cj" -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"Demo@2026\"}" "$url_http/api/v1/auth/login"
    local cookie; cookie=$(awk '$6=="xt_session"{print "xt_session="$7}' "$TMP/cj")
    local total; total=$(curl -s -H "Cookie: $cookie" "$url_http/api/v1/units?page_size=20" | sed -E 's/.*"total":([0-9]+).*/\1/')
    local L C; L=$(run -H "Cookie: $cookie" "$url_http/api/v1/units?page_size=20"); C=$(run -H "Cookie: $cookie" -s "$TMP/cold.lua" "$url_http")
    local lr cr; lr=$(echo "$L" | parse_rps); cr=$(echo "$C" | parse_rps)
    local bad; bad=$(echo "$L$C" | awk '/Non-2xx/{s+=$4} END{print s+0}')
    printf '  %-62s %9s req/s   p99 %-8s %5.1f %% of bare\n' "units list, $user ($total in scope), repeated request" "$lr" "$(echo "$L" | parse_p99)" "$(awk -v a="$lr" -v b="$hr" 'BEGIN{print 100*a/b}')"
    printf '  %-62s %9s req/s   p99 %-8s %5.1f %% of bare (goal >= 30 %%, p99 <= 10 ms)\n' "units list, $user, every query string new" "$cr" "$(echo "$C" | parse_p99)" "$(awk -v a="$cr" -v b="$hr" 'BEGIN{print 100*a/b}')"
    [ "$bad" = 0 ] || echo "  non-2xx answers: $bad"
  done
  local rss_load; rss_load=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
  echo "  RSS idle: $((rss_idle/1024)) MB (goal <= 50 MB); after load: $((rss_load/1024)) MB"
  echo "  login over HTTP (Argon2id verify + session): $(( (t1 - t0) / 10000000 )) ms each (mean of 10)"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

if [ "$WHICH" = sqlite ] || [ "$WHICH" = both ]; then
  mkdir -p "$TMP/sqlite"
  bench_db sqlite "sqlite:$TMP/sqlite/b.db" 1
fi
if [ "$WHICH" = postgresql ] || [ "$WHICH" = both ]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  mkdir -p "$TMP/pg" "$TMP/pgsock" "$TMP/postgresql"
  [ "$(id -u)" -eq 0 ] && chown postgres "$TMP/pg" "$TMP/pgsock"
  as_pg "$PG_BIN/initdb" -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pg/log" -o "-p 55434 -k $TMP/pgsock -c listen_addresses=''" -w start >/dev/null
  "$PG_BIN/createdb" -h "$TMP/pgsock" -p 55434 -U postgres xietong_bench
  bench_db postgresql "postgresql://postgres@/xietong_bench?host=$TMP/pgsock&port=55434" 4
fi
