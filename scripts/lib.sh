# Shared by ./run and ./test: install what is missing, build the server and the web app.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${XIETONG_JOBS:-2}"

RUNTIME_PKGS=(g++ cmake ninja-build pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libxlsxwriter-dev libqpdf-dev libssl-dev libzip-dev libexpat1-dev libqrencode-dev libprotozero-dev zlib1g-dev sqlite3 postgresql-client
  libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-gkai00mp fonts-liberation2 fonts-symbola)
TEST_PKGS=(libgtest-dev libgmock-dev librapidcheck-dev libcpp-httplib-dev libbenchmark-dev postgresql
  chromium wrk qpdf poppler-utils python3-docx libreoffice-writer-nogui libreoffice-calc-nogui)

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

# nginx for the scale-out tests, which start it with a configuration of their own: installed
# without starting the system's nginx service (Debian's policy-rc.d, for this install only), so
# that a machine without IPv6 or with port 80 taken does not fail the install.
ensure_nginx() {
  dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q "install ok installed" && return 0
  log "安装 nginx（仅供多服务器测试使用，不启动系统服务）"
  local made=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    sudo_cmd chmod 755 /usr/sbin/policy-rc.d
    made=1
  fi
  local rc=0
  sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo_cmd apt-get install -y -qq nginx >/dev/null || rc=$?
  [ "$made" = 1 ] && sudo_cmd rm -f /usr/sbin/policy-rc.d
  return $rc
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

# FandolFang and FandolKai are the free 仿宋/楷体 closest to the official fonts (all of GB2312).
# Debian ships them only inside texlive-lang-chinese (49 MB, pulls in TeX), so fetch that .deb
# with apt and keep just the fonts. Without them the PDFs fall back to Noto Serif CJK / AR PL.
ensure_fonts() {
  local dir=/usr/local/share/fonts/fandol
  [ -f "$dir/FandolFang-Regular.otf" ] && return 0
  log "安装公文替代字体（Fandol，取自 Debian 软件包 texlive-lang-chinese）"
  local tmp; tmp="$(mktemp -d)"; chmod 755 "$tmp"
  if (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1) && dpkg -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"; then
    sudo_cmd mkdir -p "$dir"
    sudo_cmd cp "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$dir/"
    if command -v fc-cache >/dev/null; then sudo_cmd fc-cache -f "$dir" >/dev/null || true; fi
  else
    log "未能下载 Fandol 字体：PDF 使用 Noto Serif CJK 与 AR PL 字体代替"
  fi
  rm -rf "$tmp"
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
