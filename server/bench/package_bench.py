#!/usr/bin/env python3
"""Load generator of the "package build" benchmark (Python 3 standard library only).

A district bureau's recommendation package: one ZIP with, per recommended case, the case as
Word and its archive PDF (text, 附件2 catalog, every evidence PDF merged), plus 附件3 as Excel
and Word. The server builds it in the background on its document pool; the client POSTs
/package/build and polls /document-builds/{id}. package_bench.sh starts a demo server and calls
this script; it can also be pointed at a running demo server (--url, --pid): each run opens a
new call, and its cases stay in the database.

Setup over the public API (not timed into the figures): the city account opens a call; in
1 + N districts (the first one is built alone, the other N at the same moment, so both runs are
cold: per-case archive PDFs are cached once built) school accounts of the district (demo
accounts, found through the admin account; a school takes as many cases as its quota allows)
write 10 cases of ~2,900 字 with 10 unique evidence PDFs of 1 MB each and submit them, and the
district bureau recommends all 10. One more case stays a draft, for the single-case archive.

Measured, in this order:
  probe idle     GET /api/v1/health and GET /api/v1/auth/me in a loop from an uninvolved account, and a
                 school's GET /api/v1/cases/{id}/docx (a document answered at once, on its own pool)
  case archive   GET /api/v1/cases/{id}/pdf of one case with 10 PDFs: cold, then cached
  solo cold      one district builds alone: POST -> done (client wall time, polling every 100 ms,
                 and the server's own created_at -> finished_at), progress seen, ZIP size and
                 contents (10 .docx + 10 .pdf + 附件3 .xlsx and .docx), download time
  warm           POST again without changes: 200 with the same build id
  stale          reversed recommendation order: GET says fresh=false; rebuild (cached archives)
  concurrent     N districts POST at the same moment; each one's time; the probe meanwhile
  server         VmHWM (reset after setup, whose Argon2id logins take 64 MiB each), RSS sampled
                 during the concurrent builds, CPU seconds per phase (/proc/PID/stat)
Exit status 1 if any request fails unexpectedly (the request and the answer are printed).
"""
import argparse
import io
import json
import os
import sys
import threading
import time
import urllib.parse
import zipfile
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True     # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deadline_spike import (PASSWORD_DEMO, Client, Failure, PdfMaker, RssSampler, draft_content,  # noqa: E402
                            login, pct, proc_cpu, proc_status)

# district bureau accounts of the demo city (tools/democity), in the demo's order
DISTRICT_LOGINS = ["lixia", "shizhong", "huaiyin", "tianqiao", "licheng", "changqing", "zhangqiu", "jiyang",
                   "laiwu", "gangcheng"]
EVIDENCE_NAMES = ["党建引领共建协议", "活动方案", "活动照片", "新闻报道", "获奖证书", "家长反馈", "课程资料",
                  "联席会议纪要", "志愿服务记录", "成效评估报告"]


def fail(what, st, body):
    return Failure("%s -> %s %s" % (what, st, body[:600].decode("utf-8", "replace") if isinstance(body, bytes) else body))


def call_json(c, method, path, obj=None, expect=(200, 201, 204)):
    """Like Client.json, but also returns the status and the client-side seconds."""
    body = None if obj is None else json.dumps(obj, ensure_ascii=False).encode()
    st, data, dt = c.request(method, path, body)
    if st not in expect:
        raise fail("%s %s%s" % (method, path, "" if obj is None else " " + json.dumps(obj, ensure_ascii=False)[:200]), st, data)
    return (json.loads(data) if data else None), st, dt


def me(c):
    return c.json("GET", "/api/v1/auth/me")


# ---------------------------------------------------------------------------------------------
def setup(a, host, port, pdfs):
    t0 = time.perf_counter()
    n_dist = a.districts + 1
    if n_dist > len(DISTRICT_LOGINS):
        raise Failure("at most %d districts (+1 built alone): the demo city has %d district bureaus"
                      % (len(DISTRICT_LOGINS) - 1, len(DISTRICT_LOGINS)))
    admin = Client(host, port)
    login(admin, "admin", PASSWORD_DEMO)
    city = Client(host, port)
    login(city, "city", PASSWORD_DEMO)
    deadline = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
    call = city.json("POST", "/api/v1/case-calls", {"title": "2026年家校社协同育人典型案例征集（材料包压测）", "deadline_date": deadline})
    rules = call["rules"]
    if "school" not in rules["unit_types"] or rules["max_evidence"] < a.files or rules["quota_district"] < a.cases:
        raise Failure("the call's rules do not fit: %s" % json.dumps(rules, ensure_ascii=False)[:400])
    cid = call["id"]

    districts = []
    for i, username in enumerate(DISTRICT_LOGINS[:n_dist]):
        c = Client(host, port, timeout=a.timeout)
        login(c, username, PASSWORD_DEMO)
        m = me(c)["active_membership"]
        districts.append({"index": i, "username": username, "client": c, "unit_id": m["unit_id"], "name": m["unit_name"],
                          "cases": []})

    # schools of each district with their own school_admin account; each takes what its quota allows
    jobs = []

    def plan_district(d):
        need = a.cases                                   # submitted and recommended
        draft = d["index"] == 0                          # + a draft for the single-case archive
        used_district = 0                                # the district quota is shared by its schools
        schools = admin.json("GET", "/api/v1/units?type=school&status=active&page_size=100&parent_id=%d" % d["unit_id"])["items"]
        for s in schools:
            if need == 0 and not draft:
                break
            users = admin.json("GET", "/api/v1/users?page_size=20&unit_id=%d" % s["id"])["items"]
            acct = [u for u in users if u["status"] == "active" and not u["locked"] and len(u["memberships"]) == 1
                    and any(r["key"] == "school_admin" for r in u["memberships"][0]["roles"])]
            if not acct:
                continue
            sc = Client(host, port, timeout=a.timeout)
            login(sc, acct[0]["username"], PASSWORD_DEMO)
            q = sc.json("GET", "/api/v1/case-calls/%d/quota" % cid)
            sc.close()                                   # the session stays; each case gets its own connection
            left = q["remaining"] - (used_district if q["kind"] == "district" else 0)
            take = max(0, min(need, left))
            for i in range(take + (1 if draft else 0)):
                k = len([j for j in jobs if j["district"] is d])
                jobs.append({"district": d, "school": s["name"], "username": acct[0]["username"], "cookie": sc.cookie,
                             "csrf": sc.csrf, "n": k, "draft": i == take, "seed": len(jobs) + 1})
            need -= take
            draft = False
            if q["kind"] == "district":
                used_district += take
        if need:
            raise Failure("district %s: not enough schools with a school_admin account and quota (%d cases short)" % (d["name"], need))

    for d in districts:
        plan_district(d)
    t_plan = time.perf_counter() - t0

    def write_case(j):
        import random
        c = Client(host, port, timeout=a.timeout)
        c.cookie, c.csrf = j["cookie"], j["csrf"]
        short = j["school"].replace("济南市", "")
        title = "%s案例%02d：“家校社共育”协同育人实践" % (short, j["n"] + 1)
        k, _, _ = call_json(c, "POST", "/api/v1/cases", {"call_id": cid, "title": title})
        content = draft_content(random.Random(j["seed"]), "王老师")
        saved, _, _ = call_json(c, "PUT", "/api/v1/cases/%d" % k["id"], {"version": k["version"], "title": title, "content": content})
        for i in range(a.files):
            q = urllib.parse.urlencode({"name": EVIDENCE_NAMES[i % len(EVIDENCE_NAMES)], "material_date": "2024-%02d" % (i % 12 + 1),
                                        "filename": "%s_%02d_%02d.pdf" % (j["username"], j["n"] + 1, i + 1)})
            path = "/api/v1/cases/%d/evidence?%s" % (k["id"], q)
            st, body, _ = c.request("POST", path, pdfs.make(i), "application/pdf")
            if st != 201:
                raise fail("POST " + path + " (%s, 1 MB PDF)" % j["username"], st, body)
        if not j["draft"]:
            call_json(c, "POST", "/api/v1/cases/%d/submit" % k["id"])
        c.close()
        j.update(case_id=k["id"], title=title, zishu=saved["counts"]["total"])
        return j

    with ThreadPoolExecutor(a.setup_threads) as ex:
        done = list(ex.map(write_case, jobs))
    t_write = time.perf_counter() - t0 - t_plan
    draft = None
    for j in done:
        if j["draft"]:
            draft = j
        else:
            j["district"]["cases"].append(j)
    for d in districts:
        for j in d["cases"]:
            call_json(d["client"], "POST", "/api/v1/cases/%d/recommend" % j["case_id"])
        pk = d["client"].json("GET", "/api/v1/case-calls/%d/package" % cid)
        if [r["case_id"] for r in pk["rows"]] != [j["case_id"] for j in d["cases"]]:
            raise Failure("district %s: package rows %s differ from the recommended cases" % (d["name"], [r["case_id"] for r in pk["rows"]]))
    admin.close()
    city.close()
    return {"call": call, "districts": districts, "draft": draft, "seconds": time.perf_counter() - t0,
            "plan_seconds": t_plan, "write_seconds": t_write, "jobs": done,
            "schools": sorted({(j["district"]["index"], j["username"]) for j in done})}


# ---------------------------------------------------------------------------------------------
class Probe(threading.Thread):
    """health (no database) and /auth/me (session + database) one after the other in a loop."""

    def __init__(self, host, port, username, pause, docx=None):
        super().__init__(daemon=True)
        self.c = Client(host, port)
        login(self.c, username, PASSWORD_DEMO)
        # docx: (cookie, csrf, path) of a case's Word download, a document request answered at
        # once on the document pool (not the background build pool)
        self.docx = None
        if docx:
            self.d = Client(host, port)
            self.d.cookie, self.d.csrf = docx[0], docx[1]
            self.docx = docx[2]
        self.username, self.pause = username, pause
        self.stop = threading.Event()
        self.phase = "idle"
        self.lat = {}            # (kind, phase) -> [seconds]
        self.failures = []

    def run(self):
        while not self.stop.is_set():
            reqs = [("health", "/api/v1/health", self.c), ("me", "/api/v1/auth/me", self.c)]
            if self.docx:
                reqs.append(("docx", self.docx, self.d))
            for kind, path, client in reqs:
                ph = self.phase
                st, body, dt = client.request("GET", path)
                if st == 200:
                    self.lat.setdefault((kind, ph), []).append(dt)
                else:
                    self.failures.append("GET %s (%s) -> %s %s" % (path, self.username, st, body[:300].decode("utf-8", "replace")))
            if self.pause:
                self.stop.wait(self.pause)


def verify_zip(data, d, order):
    """Checks the package ZIP; returns a short description. order: the case ids in package order."""
    if data[:4] != b"PK\x03\x04":
        raise Failure("%s: the download is not a ZIP (starts with %r)" % (d["name"], data[:16]))
    z = zipfile.ZipFile(io.BytesIO(data))
    bad = z.testzip()
    if bad:
        raise Failure("%s: ZIP entry %s fails its CRC" % (d["name"], bad))
    names = z.namelist()
    a3 = [n for n in names if n.startswith("附件3")]
    docx = [n for n in names if n.endswith(".docx") and not n.startswith("附件3")]
    pdf = [n for n in names if n.endswith(".pdf")]
    want = len(order)
    ok = (len(docx) == want and len(pdf) == want and len([n for n in a3 if n.endswith(".xlsx")]) == 1
          and len([n for n in a3 if n.endswith(".docx")]) == 1)
    if not ok:
        raise Failure("%s: ZIP entries %s (want %d .docx + %d .pdf + 附件3 .xlsx and .docx)" % (d["name"], names, want, want))
    titles = {j["case_id"]: j["title"] for j in d["cases"]}
    for rank, case_id in enumerate(order, 1):
        stem = "%d_" % rank
        hit = [n for n in pdf if n.startswith(stem) and titles[case_id].split("：")[0] in n]
        if not hit:
            raise Failure("%s: no PDF entry %s…%s… in %s" % (d["name"], stem, titles[case_id].split("：")[0], pdf))
        pdf_bytes = z.read(hit[0])
        if not pdf_bytes.startswith(b"%PDF-"):
            raise Failure("%s: entry %s is not a PDF" % (d["name"], hit[0]))
    sizes = [z.getinfo(n).file_size for n in pdf]
    packed = [z.getinfo(n).compress_size for n in pdf]
    methods = sorted({z.getinfo(n).compress_type for n in pdf})
    return {"entries": len(names), "pdf_mb_min": min(sizes) / 1048576, "pdf_mb_max": max(sizes) / 1048576,
            "pdf_raw": sum(sizes), "pdf_packed": sum(packed), "docx": len(docx), "pdf": len(pdf), "a3": len(a3),
            "methods": ",".join({0: "stored", 8: "deflate"}.get(m, str(m)) for m in methods)}


def run_build(d, cid, poll, expect_status=(202,)):
    """POST build, poll until done. Returns a dict with the figures."""
    c = d["client"]
    path = "/api/v1/case-calls/%d/package/build" % cid
    t0 = time.perf_counter()
    b, st, dt_post = call_json(c, "POST", path, expect=(200, 202))
    if st not in expect_status:
        raise fail("POST %s (%s): status %d, expected %s" % (path, d["username"], st, expect_status), st, json.dumps(b, ensure_ascii=False))
    samples = [(b["status"], b["done"], b["total"], time.perf_counter() - t0)]
    polls = 0
    while b["status"] not in ("done", "failed"):
        time.sleep(poll)
        b, _, _ = call_json(c, "GET", "/api/v1/document-builds/%d" % b["id"])
        polls += 1
        s = (b["status"], b["done"], b["total"], time.perf_counter() - t0)
        if s[:3] != samples[-1][:3]:
            samples.append(s)
    wall = time.perf_counter() - t0
    # time spent queued (seen at the polling's resolution): until the first sample not queued
    queued = next((t for st_, _, _, t in samples if st_ != "queued"), wall) if samples[0][0] == "queued" else 0.0
    if b["status"] == "failed":
        raise Failure("build %d of %s failed: POST %s then GET /api/v1/document-builds/%d -> %s" % (
            b["id"], d["name"], path, b["id"], json.dumps(b, ensure_ascii=False)))
    server_s = (b["finished_at"] - b["created_at"]) / 1000.0 if b.get("finished_at") else float("nan")
    return {"build": b, "status": st, "post_s": dt_post, "wall": wall, "server_s": server_s, "samples": samples, "polls": polls,
            "queued": queued}


def download(d, b, order):
    c = d["client"]
    t0 = time.perf_counter()
    st, data, dt = c.request("GET", b["download_url"])
    if st != 200:
        raise fail("GET %s (%s)" % (b["download_url"], d["username"]), st, data)
    if len(data) != b["size"]:
        raise Failure("%s: downloaded %d bytes, the build says %d" % (b["download_url"], len(data), b["size"]))
    info = verify_zip(data, d, order)
    info.update(size=len(data), download_s=time.perf_counter() - t0)
    return info


def progress_text(samples):
    """status letter (q queued, d done) or done/total, @ seconds after the POST"""
    return " ".join("%s@%.1f" % ("q" if s == "queued" else "done" if s == "done" else "%d/%d" % (dn, tot), t)
                    for s, dn, tot, t in samples)


def cpu_total(pid):
    return proc_cpu(pid).get("total", float("nan")) if pid else float("nan")


# ---------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--pid", type=int, default=0, help="server process id (RSS and CPU from /proc)")
    ap.add_argument("--districts", type=int, default=3, help="districts building at the same moment (one more builds alone)")
    ap.add_argument("--cases", type=int, default=10, help="recommended cases per district")
    ap.add_argument("--files", type=int, default=10, help="evidence PDFs per case")
    ap.add_argument("--file-mb", type=float, default=1.0)
    ap.add_argument("--poll-ms", type=float, default=100.0, help="polling interval of the build's progress")
    ap.add_argument("--idle-secs", type=float, default=2.0, help="probe baseline before any build")
    ap.add_argument("--probe-pause-ms", type=float, default=5.0, help="pause after each health + me pair")
    ap.add_argument("--setup-threads", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--goal-solo-s", type=float, default=2.0, help="target: one district's cold build, alone")
    ap.add_argument("--config", default="", help="free text describing the server configuration")
    a = ap.parse_args()

    u = urllib.parse.urlsplit(a.url)
    host, port = u.hostname, u.port or 80
    pid = a.pid
    poll = a.poll_ms / 1000.0
    pdfs = PdfMaker(int(a.file_mb * 1024 * 1024), variants=min(10, a.files))

    print("setup: call, %d + %d districts x %d cases (~2,900 字, %d x %.1f MB PDF each), submit, recommend ..." % (
        1, a.districts, a.cases, a.files, a.file_mb), flush=True)
    try:
        S = setup(a, host, port, pdfs)
    except Failure as e:
        print("SETUP FAILED: %s" % e)
        return 1
    cid = S["call"]["id"]
    dists = S["districts"]
    solo, conc = dists[0], dists[1:]
    zi = [j["zishu"] for j in S["jobs"]]
    print("setup: done in %.1f s (accounts and quotas %.1f s, %d cases written/uploaded %.1f s); call #%d; schools used: %s" % (
        S["seconds"], S["plan_seconds"], len(S["jobs"]), S["write_seconds"], cid,
        ", ".join("%s:%s" % (dists[i]["username"], un) for i, un in S["schools"])), flush=True)

    hwm_setup = proc_status(pid, "VmHWM") if pid else None
    hwm_reset = False
    if pid:
        try:  # VmHWM from here on covers only the measured phases
            with open("/proc/%d/clear_refs" % pid, "w") as f:
                f.write("5")
            hwm_reset = True
        except OSError:
            pass
    cpu = {"start": cpu_total(pid)}
    probe_user = DISTRICT_LOGINS[a.districts + 1] if a.districts + 1 < len(DISTRICT_LOGINS) else "admin"
    probe = Probe(host, port, probe_user, a.probe_pause_ms / 1000.0,
                  docx=(S["draft"]["cookie"], S["draft"]["csrf"], "/api/v1/cases/%d/docx" % S["draft"]["case_id"]))
    probe.start()
    rc = 0
    R = {}
    try:
        time.sleep(a.idle_secs)
        probe.phase = "archive"

        # -------------------------------------------------------------- single-case archive
        dr = S["draft"]
        c = Client(host, port, timeout=a.timeout)
        c.cookie, c.csrf = dr["cookie"], dr["csrf"]
        path = "/api/v1/cases/%d/pdf" % dr["case_id"]
        arch = []
        for _ in range(2):
            st, data, dt = c.request("GET", path)
            if st != 200 or not data.startswith(b"%PDF-"):
                raise fail("GET %s (%s)" % (path, dr["username"]), st, data[:300])
            arch.append((dt, len(data)))
        c.close()
        R["archive"] = arch
        cpu["archive"] = cpu_total(pid)

        # -------------------------------------------------------------- one district alone, cold
        probe.phase = "solo"
        order = [j["case_id"] for j in solo["cases"]]
        r = run_build(solo, cid, poll)
        cpu["solo"] = cpu_total(pid)
        probe.phase = "other"
        r["zip"] = download(solo, r["build"], order)
        R["solo"] = r
        print("solo cold build done: %.2f s" % r["wall"], flush=True)

        # -------------------------------------------------------------- warm: unchanged
        g, _, _ = call_json(solo["client"], "GET", "/api/v1/case-calls/%d/package/build" % cid)
        if not g["fresh"] or g["build"]["id"] != r["build"]["id"]:
            raise Failure("GET /api/v1/case-calls/%d/package/build after the build: %s (want fresh, id %d)" % (cid, g, r["build"]["id"]))
        w = run_build(solo, cid, poll, expect_status=(200,))
        if w["build"]["id"] != r["build"]["id"]:
            raise Failure("warm POST build returned build %d, not %d" % (w["build"]["id"], r["build"]["id"]))
        R["warm"] = w

        # -------------------------------------------------------------- stale: reversed order
        rev = list(reversed(order))
        t = time.perf_counter()
        call_json(solo["client"], "PUT", "/api/v1/case-calls/%d/recommendations" % cid, {"case_ids": rev})
        put_s = time.perf_counter() - t
        g, _, _ = call_json(solo["client"], "GET", "/api/v1/case-calls/%d/package/build" % cid)
        if g["fresh"] is not False:
            raise Failure("GET /api/v1/case-calls/%d/package/build after reordering: fresh=%s, want false: %s" % (cid, g["fresh"], g))
        z = solo["client"].request("GET", "/api/v1/case-calls/%d/package.zip" % cid)
        cpu["pre_stale"] = cpu_total(pid)
        probe.phase = "stale"
        s = run_build(solo, cid, poll)
        cpu["stale"] = cpu_total(pid)
        probe.phase = "other"
        if s["build"]["id"] == r["build"]["id"]:
            raise Failure("the rebuild after reordering returned the old build %d" % s["build"]["id"])
        s["zip"] = download(solo, s["build"], rev)
        s["put_s"] = put_s
        s["stale_zip_status"] = z[0]
        R["stale"] = s

        # -------------------------------------------------------------- N districts at the same moment
        sampler = RssSampler(pid, 0.05) if pid else None
        barrier = threading.Barrier(len(conc) + 1)
        out, errs = {}, []

        def one(d):
            barrier.wait()
            try:
                out[d["index"]] = run_build(d, cid, poll)
            except Exception as e:  # noqa: BLE001
                errs.append(str(e))

        ths = [threading.Thread(target=one, args=(d,), daemon=True) for d in conc]
        for th in ths:
            th.start()
        if sampler:
            sampler.start()
        cpu["pre_conc"] = cpu_total(pid)
        probe.phase = "conc"
        barrier.wait()
        t_c = time.perf_counter()
        for th in ths:
            th.join()
        conc_wall = time.perf_counter() - t_c
        probe.phase = "after"
        cpu["conc"] = cpu_total(pid)
        if sampler:
            sampler.stop.set()
            sampler.join()
        if errs:
            raise Failure("; ".join(errs))
        for d in conc:
            out[d["index"]]["zip"] = download(d, out[d["index"]]["build"], [j["case_id"] for j in d["cases"]])
        R["conc"] = out
        R["conc_wall"] = conc_wall
        R["rss_peak"] = max((v for _, v in sampler.samples), default=0) if sampler else 0
    except Failure as e:
        print("FAILED: %s" % e)
        rc = 1
    probe.stop.set()
    probe.join()
    hwm_end = proc_status(pid, "VmHWM") if pid else None
    rss_end = proc_status(pid, "VmRSS") if pid else None
    cpu["end"] = cpu_total(pid)
    if probe.failures:
        print("probe failures (%d): %s" % (len(probe.failures), probe.failures[:3]))
        rc = 1
    if "conc" not in R:
        return rc or 1

    # ------------------------------------------------------------------ figures
    W = 46
    f2 = lambda x: "%.2f" % x  # noqa: E731
    print()
    print("Xietong package build: a district's package ZIP of %d cases, each ~%.0f 字 + %d evidence PDFs of %.1f MB"
          % (a.cases, sum(zi) / len(zi), a.files, a.file_mb))
    print("  server: %s" % (a.config or a.url))
    print("  client: Python http.client on loopback, same %d-core machine; build progress polled every %.0f ms"
          % (os.cpu_count(), a.poll_ms))
    print()
    print("  %-*s %8s %8s %8s %8s" % (W, "package build (district)", "wall s", "server s", "queued s", "ZIP MB"))
    rows = []

    def row(label, r):
        zp = r.get("zip")
        print("  %-*s %8s %8s %8s %8s" % (W, label, f2(r["wall"]), f2(r["server_s"]), "%.1f" % r["queued"],
                                          "%.1f" % (zp["size"] / 1048576) if zp else "-"))
        rows.append((label, r))
    row("cold, alone (%s)" % solo["username"], R["solo"])
    w = R["warm"]
    print("  %-*s %8s %8s %8s %8s  HTTP %d, same build #%d" % (W, "warm: POST again, unchanged", "%.3f" % w["post_s"], "-", "-", "-",
                                                               w["status"], w["build"]["id"]))
    row("stale: reversed order, rebuild", R["stale"])
    for d in conc:
        row("cold, %d at once: %s" % (len(conc), d["username"]), R["conc"][d["index"]])
    print("  %-*s %8s" % (W, "  all %d at once: first POST -> last done" % len(conc), f2(R["conc_wall"])))
    print("  (wall: client, POST -> first poll that sees done; server: created_at -> finished_at, includes the queue)")
    print("  progress seen while polling (done/total @ s after the POST; q = queued):")
    for label, r in rows:
        print("    %-30s %s" % (label[:30], progress_text(r["samples"])))
    solo_r, st_r = R["solo"], R["stale"]
    print()
    print("  %-*s %.2f s (goal <= %.1f s: %s); server-side %.2f s" % (
        W, "target: one district cold, alone", solo_r["wall"], a.goal_solo_s,
        "PASS" if solo_r["wall"] <= a.goal_solo_s else "FAIL", solo_r["server_s"]))
    print("  %-*s cold/rebuild %.1fx (wall), %.1fx (server)" % (W, "stale rebuild with cached archives",
                                                                 solo_r["wall"] / st_r["wall"], solo_r["server_s"] / st_r["server_s"]))
    print("  %-*s PUT recommendations %.0f ms; fresh=false; package.zip -> HTTP %d" % (
        W, "reorder", st_r["put_s"] * 1000, st_r["stale_zip_status"]))
    zp = solo_r["zip"]
    print("  %-*s %d entries: %d .docx + %d .pdf + %d 附件3; case PDFs %.1f-%.1f MB; download %.2f s" % (
        W, "ZIP contents (checked with zipfile)", zp["entries"], zp["docx"], zp["pdf"], zp["a3"], zp["pdf_mb_min"], zp["pdf_mb_max"],
        zp["download_s"]))
    print("  %-*s %s: %.1f MB -> %.1f MB (%.1f%% saved)" % (
        W, "ZIP compression of the 10 case PDFs", zp["methods"], zp["pdf_raw"] / 1048576, zp["pdf_packed"] / 1048576,
        100.0 * (1 - zp["pdf_packed"] / zp["pdf_raw"])))
    (c_dt, c_sz), (w_dt, w_sz) = R["archive"]
    print("  %-*s cold %.0f ms, cached %.0f ms; %.1f MB" % (W, "single case archive GET /cases/{id}/pdf", c_dt * 1000, w_dt * 1000,
                                                            c_sz / 1048576))
    print()
    print("  %-*s %s" % (W, "probe (%s), ms" % probe_user, "     n    p50    p99    max"))
    for kind, label in (("health", "GET /api/v1/health"), ("me", "GET /api/v1/auth/me"), ("docx", "GET /api/v1/cases/{id}/docx")):
        idle = probe.lat.get((kind, "idle"), [])
        for ph, name in (("idle", "idle"), ("solo", "during solo build"), ("conc", "during %d builds" % len(conc))):
            xs = probe.lat.get((kind, ph), [])
            ratio = ""
            if ph != "idle" and xs and idle:
                ratio = "  p50 x%.1f p99 x%.1f vs idle" % (pct(xs, 50) / pct(idle, 50), pct(xs, 99) / pct(idle, 99))
            print("  %-*s %6d %6.1f %6.1f %6.1f%s" % (W, "%s, %s" % (label, name), len(xs), pct(xs, 50) * 1000, pct(xs, 99) * 1000,
                                                      max(xs, default=float("nan")) * 1000, ratio))
    if pid:
        print()
        print("  %-*s %s MB (reset after setup%s); after setup %s MB (Argon2id logins)" % (
            W, "server VmHWM, measured phases", hwm_end // 1024 if hwm_end else "-", "" if hwm_reset else ": FAILED, includes setup",
            hwm_setup // 1024 if hwm_setup else "-"))
        print("  %-*s %d MB peak (sampled every 50 ms); VmRSS at the end %d MB" % (
            W, "server RSS during the %d concurrent builds" % len(conc), R["rss_peak"] // 1024, (rss_end or 0) // 1024))
        print("  %-*s archive %.1f | solo cold %.1f | stale rebuild %.1f | %d concurrent %.1f | all measured %.1f" % (
            W, "server CPU s", cpu["archive"] - cpu["start"], cpu["solo"] - cpu["archive"], cpu["stale"] - cpu["pre_stale"],
            len(conc), cpu["conc"] - cpu["pre_conc"], cpu["end"] - cpu["start"]))
        print("  %-*s %.1f s (process total, including setup)" % (W, "server CPU since start", cpu["end"]))
    return rc


if __name__ == "__main__":
    sys.exit(main())
