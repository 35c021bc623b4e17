#!/usr/bin/env bash
# Several servers behind nginx, on this machine: two `xietong serve --threads 1` processes on one
# PostgreSQL (a temporary cluster this script starts and removes; files in it), Debian's nginx
# in front with two ports: one balancing to one server, one to both (round-robin). wrk on
# loopback measures, side by side in one run, the bare health endpoint, the authenticated list
# of 20 units (district staff, a new query string every time) and an audited write (an
# administrator's dictionary change: one row of the audit hash chain each), directly on one
# server, through nginx to one server and through nginx to two.
# Usage: server/bench/scaleout_bench.sh [seconds=10] [connections=32]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECS="${1:-10}"; CONNS="${2:-32}"
BIN="$ROOT/build"
for b in xietong xietong-demo; do [ -x "$BIN/$b" ] || { echo "missing $BIN/$b (build first)" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 2; }
[ -x /usr/sbin/nginx ] || { echo "nginx is required (apt install nginx)" >&2; exit 2; }
TMP="$(mktemp -d /tmp/xietong-scaleout.XXXXXX)"
chmod 755 "$TMP"
PIDS=(); NGINX=""
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]}" $NGINX; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -f "$TMP/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/pg" "$TMP/pgsock"
[ "$(id -u)" -eq 0 ] && chown postgres "$TMP/pg" "$TMP/pgsock"
as_pg "$PG_BIN/initdb" -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pg/log" -o "-p 55435 -k $TMP/pgsock -c listen_addresses=''" -w start >/dev/null
"$PG_BIN/createdb" -h "$TMP/pgsock" -p 55435 -U postgres xietong_bench
DB="postgresql://postgres@/xietong_bench?host=$TMP/pgsock&port=55435"
"$BIN/xietong-demo" --db "$DB" --data-dir "$TMP" --schools 2000 | head -1

PORTS=()
for i in 1 2; do
  "$BIN/xietong" serve --demo --db "$DB" --data-dir "$TMP/s$i" --addr 127.0.0.1:0 --port-file "$TMP/port$i" --threads 1 \
    --file-store postgresql --trusted-proxies 127.0.0.1 --access-log 0 --log-level warn --web-dir "$TMP/none" 2>"$TMP/server$i.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$TMP/port$i" ] && break; sleep 0.1; done
  PORTS+=("$(cat "$TMP/port$i")")
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
N1=$(free_port); N2=$(free_port)
mkdir -p "$TMP/nginx"; for d in body proxy fastcgi uwsgi scgi; do mkdir -p "$TMP/nginx/$d"; chmod 777 "$TMP/nginx/$d"; done
cat > "$TMP/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body; proxy_temp_path $TMP/nginx/proxy; fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi; scgi_temp_path $TMP/nginx/scgi;
  upstream one { server 127.0.0.1:${PORTS[0]}; keepalive 64; }
  upstream two { server 127.0.0.1:${PORTS[0]}; server 127.0.0.1:${PORTS[1]}; keepalive 64; }
  server { listen 127.0.0.1:$N1; location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection "";
    proxy_set_header Host \$http_host; proxy_set_header X-Real-IP \$remote_addr; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }
  server { listen 127.0.0.1:$N2; location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection "";
    proxy_set_header Host \$http_host; proxy_set_header X-Real-IP \$remote_addr; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }
}
CONF
/usr/sbin/nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g "daemon off;" &
NGINX=$!
sleep 1

DIRECT="http://127.0.0.1:${PORTS[0]}"
login() {  # user → "cookie csrf"
  local jar="$TMP/cj-$1"
  curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"Demo@2026\"}" "$DIRECT/api/v1/auth/login"
  local cookie; cookie=$(awk '$6 ~ /xt_session/{print $6"="$7}' "$jar")
  local csrf; csrf=$(curl -s -H "Cookie: $cookie" "$DIRECT/api/v1/auth/me" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
  echo "$cookie $csrf"
}
read -r LIXIA _ <<<"$(login lixia)"
read -r ADMIN CSRF <<<"$(login admin)"
ITEM=$(curl -s -H "Cookie: $ADMIN" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"value":"bench_item","label":"压测项","sort":1}' "$DIRECT/api/v1/dicts/unit_type/items" | sed -E 's/.*"id":([0-9]+).*/\1/')
cat > "$TMP/cold.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/units?page_size=20&cold=" .. counter)
end
LUA
cat > "$TMP/write.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("PUT", "/api/v1/dict-items/$ITEM", {["Cookie"]="$ADMIN", ["X-CSRF-Token"]="$CSRF", ["Content-Type"]="application/json"},
    '{"label":"压测项","sort":' .. (counter % 1000) .. '}')
end
LUA

run() { wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$@" 2>&1; }
cell() {  # prints "req/s (p99)", warns on non-2xx
  local out; out=$(run "$@")
  local rps p99 bad; rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/{s+=$4} END{print s+0}')
  printf '%10s/s p99 %-8s' "$rps" "$p99"
  [ "$bad" = 0 ] || printf ' (%s non-2xx)' "$bad"
}
echo
echo "wrk -t1 -c$CONNS -d${SECS}s on loopback; servers: --threads 1 each, PostgreSQL with the files; nginx: 1 worker"
printf '%-44s %-30s %-30s %-30s\n' "" "one server, direct" "nginx → 1 server" "nginx → 2 servers"
run -d2s "$DIRECT/api/v1/health" >/dev/null
printf '%-44s ' "GET /api/v1/health (bare)"
cell "$DIRECT/api/v1/health"; cell "http://127.0.0.1:$N1/api/v1/health"; cell "http://127.0.0.1:$N2/api/v1/health"; echo
printf '%-44s ' "20 units, district staff, new query each time"
cell -H "Cookie: $LIXIA" -s "$TMP/cold.lua" "$DIRECT"; cell -H "Cookie: $LIXIA" -s "$TMP/cold.lua" "http://127.0.0.1:$N1"
cell -H "Cookie: $LIXIA" -s "$TMP/cold.lua" "http://127.0.0.1:$N2"; echo
printf '%-44s ' "audited write (dictionary item, admin)"
cell -s "$TMP/write.lua" "$DIRECT"; cell -s "$TMP/write.lua" "http://127.0.0.1:$N1"; cell -s "$TMP/write.lua" "http://127.0.0.1:$N2"; echo
echo
"$BIN/xietong" audit verify --db "$DB" --data-dir "$TMP/verify"
for i in 1 2; do echo "server $i RSS: $(( $(awk '/VmRSS/{print $2}' /proc/${PIDS[$((i-1))]}/status) / 1024 )) MB"; done
