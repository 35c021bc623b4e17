"""The sports map over HTTP: the 15-minute query from random origins against the bare health
endpoint in the same run, the server's memory with the network and venues loaded, the map
page's first load, and the page under Chromium's Slow 3G (node, playwright-core)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from bench_client import Client, first_load, timed, wrk  # noqa: E402


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--config", default="")
    ap.add_argument("--secs", type=int, default=10)
    ap.add_argument("--dist", required=True)
    ap.add_argument("--venues", type=int, default=200000)
    ap.add_argument("--pid", type=int, default=0)
    a = ap.parse_args()
    print(f"server: {a.config}")
    fail = False
    anon = Client(a.url)
    t0 = time.time()
    while True:  # the server switches to the new network and venues at its next request
        try:
            ms, meta = timed(lambda: anon.json("/api/v1/public/venues/meta?x=" + str(time.time())))
        except OSError as e:  # a request waiting for the first build may time out
            print(f"  (waiting: {e})")
            continue
        if meta["network"]["state"] == "ready" and meta["venues"] >= a.venues:
            break
        if time.time() - t0 > 120:
            print("  the server did not pick up the network and venues in 120 s", meta["network"], meta["venues"])
            return 1
        time.sleep(0.5)
    print(f"== the server picked up {meta['network'].get('nodes')} nodes and {meta['venues']} venues {time.time() - t0:.1f} s after the load "
          f"(the request that rebuilt its view: {ms / 1000:.1f} s); "
          f"resident memory {rss_mib(a.pid)} MiB")
    w, s, e, n = meta["bounds"]
    q = "kind=sports&audience=pupil&open=now&minutes=15&limit=20"
    ms, (st, body) = timed(lambda: anon.call("GET", f"/api/v1/public/venues/reach?lon={(w + e) / 2:.5f}&lat={(s + n) / 2:.5f}&{q}"))
    r = json.loads(body)
    print(f"  one query from the centre: {ms:.1f} ms, mode {r['mode']}, {len(r['items'])} venues")
    fail |= r["mode"] != "network"
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write(f"""
math.randomseed(7)
request = function()
  local lon = {w + 0.02} + math.random() * {e - w - 0.04}
  local lat = {s + 0.02} + math.random() * {n - s - 0.04}
  return wrk.format("GET", string.format("/api/v1/public/venues/reach?lon=%.5f&lat=%.5f&{q}", lon, lat))
end
""")
    lua.close()
    print("== req/s beside the bare health endpoint, same run (goal ≥ 30 %)")
    hr, hp, _ = wrk([f"{a.url}/api/v1/health"], a.secs)
    print(f"  GET /api/v1/health (bare)                 {hr:9.0f} req/s  p99 {hp}")
    rr, rp, bad = wrk(["-s", lua.name, a.url], a.secs)
    ratio = rr / hr if hr else 0
    print(f"  15-minute query, random origins            {rr:9.0f} req/s  p99 {rp}  {ratio:.0%} of health{'  non-2xx ' + str(bad) if bad else ''}")
    fail |= ratio < 0.30 or bad > 0
    print(f"  server resident memory after the runs: {rss_mib(a.pid)} MiB")
    total, files = first_load(a.dist, "map.html")
    print(f"== map page first load: {total / 1024:.1f} KB of JavaScript and CSS, gzip (goal ≤ 500 KB): "
          + ", ".join(f"{n} {s / 1024:.1f} KB" for n, s in files))
    fail |= total > 500 * 1024
    slow = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "map_slow3g.mjs"), a.url], capture_output=True, text=True,
                          cwd=os.path.join(os.path.dirname(__file__), "../../web"))
    print(slow.stdout.strip() or slow.stderr.strip())
    fail |= slow.returncode != 0
    return 1 if fail else 0


if __name__ == "__main__":
    raise SystemExit(main())
