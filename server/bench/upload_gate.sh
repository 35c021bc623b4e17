#!/usr/bin/env bash
# Anonymous upload flood: N connections each announce a 15 MB evidence upload, send 64 KB and
# stall. Prints how many were answered, how fast, and how many temporary files and bytes the
# server held meanwhile (the review measured 500 temp files held for 60 s before uploads were
# authorized ahead of their bodies). Then the same from one signed-in school account with a
# bound of 20 uploads in flight.
#   server/bench/upload_gate.sh [N]      (default 500; uses ./build/xietong)
RUN_DIR_VAR=GATE_DIR RUN_PREFIX=xietong-gate ACCESS=0
source "$(dirname "$0")/bench_server.sh" --max-inflight-uploads 20
N="${1:-500}"
python3 - "$PORT" "$N" "$TMP" <<'PY'
import json, os, socket, sys, threading, time, urllib.request
port, n, tmp = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def held():
    d = os.path.join(tmp, "tmp")
    files = [f for f in os.listdir(d) if f.startswith("upload-")] if os.path.isdir(d) else []
    return len(files), sum(os.path.getsize(os.path.join(d, f)) for f in files)
def flood(extra_headers):
    socks, times, statuses = [], [], []
    head = ("POST /api/v1/cases/1/evidence?name=x&filename=a.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/pdf\r\nContent-Length: 15728640\r\n" + extra_headers + "\r\n").encode()
    body = b"%PDF-1.7\n" + b"0" * 65527
    t0 = time.time()
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(head + body)
        socks.append((s, time.time()))
    time.sleep(0.5)
    peak = held()
    for s, t in socks:
        s.settimeout(5)
        try:
            line = s.recv(64).split(b"\r\n")[0].decode()
            statuses.append(line.split(" ")[1] if " " in line else "closed")
        except socket.timeout:
            statuses.append("waiting")
        times.append(time.time() - t)
    for s, _ in socks:
        s.close()
    counts = {k: statuses.count(k) for k in sorted(set(statuses))}
    times.sort()
    return counts, peak, times[len(times) // 2] * 1000, times[-1] * 1000, time.time() - t0
counts, peak, p50, mx, wall = flood("")
print(f"anonymous: {n} uploads announcing 15 MB each: answers {counts}; held meanwhile {peak[0]} temp files, {peak[1] / 1048576:.1f} MB; "
      f"answer p50 {p50:.0f} ms, max {mx:.0f} ms (wall {wall:.1f} s)")
# A signed-in school: its uploads are admitted up to the in-flight bound, the rest get 503.
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/login", data=json.dumps({"username": "sch0001", "password": "Demo@2026"}).encode(),
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req) as r:
    cookie = r.headers["Set-Cookie"].split(";")[0]
    csrf = json.loads(r.read())["csrf_token"]
counts, peak, p50, mx, wall = flood(f"Cookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\n")
print(f"signed in, bound 20: {n} uploads announcing 15 MB each: answers {counts}; held meanwhile {peak[0]} temp files, {peak[1] / 1048576:.1f} MB")
PY
finish_run 0
