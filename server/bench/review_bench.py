#!/usr/bin/env python3
"""Measures the city review's results table, a proposal, and the public library against a
running server (started by review_bench.sh with a 300-case review, every sheet submitted)."""
import argparse
import json
import statistics
import urllib.parse

from bench_client import Client, first_load, timed, wrk


def p95(ts):
    ts = sorted(ts)
    return ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--config", default="")
    ap.add_argument("--secs", type=int, default=10)
    ap.add_argument("--dist", required=True)
    a = ap.parse_args()
    print(f"server: {a.config}")
    fail = False

    city = Client(a.url).login("city")
    review = next(r for r in city.json("/api/v1/reviews")["items"] if r["status"] == "open")
    rid = review["id"]
    ms, (st, body) = timed(lambda: city.call("GET", f"/api/v1/reviews/{rid}/results"))
    res = json.loads(body)
    sheets = sum(r["sheets"] for r in res["rows"])
    print(f"== results table: {len(res['rows'])} cases, {sheets} submitted sheets (goal ≤ 50 ms)")
    print(f"  first request after start       {ms:7.1f} ms")
    warm = [timed(lambda: city.call("GET", f"/api/v1/reviews/{rid}/results"))[0] for _ in range(20)]
    print(f"  warm p50 / p95 of 20            {statistics.median(warm):7.1f} / {p95(warm):.1f} ms")
    fail |= p95(warm) > 50
    xl = [timed(lambda: city.call("GET", f"/api/v1/reviews/{rid}/results.xlsx"))[0] for _ in range(5)]
    print(f"  results.xlsx p50 of 5           {statistics.median(xl):7.1f} ms")
    ms, (st, body) = timed(lambda: city.call("POST", f"/api/v1/reviews/{rid}/assignment/propose"))
    prop = json.loads(body)
    print(f"  a proposal over the whole review (every case full: {len(prop['pairs'])} new pairs): {ms:.1f} ms "
          f"(solver {prop['solve_ms']:.1f} ms)")

    print("== public library (no login), req/s beside the bare health endpoint, same run")
    lib = Client(a.url).json("/api/v1/public/library?page_size=50")
    case_id = lib["items"][0]["case_id"]
    kw = urllib.parse.quote("家访")
    hr, hp, _ = wrk([f"{a.url}/api/v1/health"], a.secs)
    print(f"  GET /api/v1/health (bare)          {hr:9.0f} req/s  p99 {hp}")
    for label, path in [("list, keyword 家访", f"/api/v1/public/library?keyword={kw}"), ("list, no filter", "/api/v1/public/library"),
                        ("a case page", f"/api/v1/public/library/{case_id}")]:
        rr, rp, bad = wrk([f"{a.url}{path}"], a.secs)
        ratio = rr / hr if hr else 0
        print(f"  {label:34s} {rr:9.0f} req/s  p99 {rp}  {ratio:.0%} of health{'  non-2xx ' + str(bad) if bad else ''}")
        fail |= ratio < 0.30 or bad > 0
    total, files = first_load(a.dist, "library.html")
    print(f"== library page first load: {total / 1024:.1f} KB of JavaScript and CSS, gzip (goal ≤ 300 KB): "
          + ", ".join(f"{n} {s / 1024:.1f} KB" for n, s in files))
    fail |= total > 300 * 1024
    return 1 if fail else 0


if __name__ == "__main__":
    raise SystemExit(main())
