# Shared by ./run and ./test: install what is missing, build the server and the web app.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${XIETONG_JOBS:-2}"

RUNTIME_PKGS=(g++ cmake ninja-build pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libxlsxwriter-dev libqpdf-dev libssl-dev libzip-dev sqlite3)
TEST_PKGS=(libgtest-dev libgmock-dev librapidcheck-dev libcpp-httplib-dev libbenchmark-dev postgresql
  chromium fonts-noto-cjk wrk qpdf poppler-utils)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

sudo_cmd() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "安装缺少的系统软件包：${missing[*]}"
    sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_npm() {
  cd "$ROOT/web"
  local stamp=node_modules/.xietong-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "安装网页依赖（npm）"
    # npm ci refuses this lock file on npm 11 (it records only this platform's optional
    # rollup packages), so install from the lock with npm install.
    npm install --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
  cd "$ROOT"
}

build_server() {
  local tests="${1:-OFF}"
  log "编译服务端（-j$JOBS）"
  cmake -S "$ROOT" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXIETONG_TESTS="$tests" -DXIETONG_BENCH="$tests" >/dev/null
  ninja -C "$ROOT/build" -j"$JOBS"
}

build_web() {
  cd "$ROOT/web"
  # Rebuild only when a source file is newer than the last build.
  if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json vite.config.ts -newer dist/index.html -print -quit 2>/dev/null)" ]; then
    log "构建网页"
    npm run build --silent
  fi
  cd "$ROOT"
}
