#!/usr/bin/env python3
"""Load generator of the "deadline spike" benchmark (Python 3 standard library only).

The last hour before a typical-case call closes: every school of every district saves its
text and uploads its evidence PDFs at the same moment. deadline_spike.sh starts the server
and calls this script; it can also be pointed at a running server (--url, --pid).

Phases: setup over the public API (not timed into the figures) -> idle probe baseline ->
spike (all clients released by one barrier) -> save-draft throughput -> verification.
"""
import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
import zlib
from concurrent.futures import ThreadPoolExecutor

PASSWORD_DEMO = "Demo@2026"
PASSWORD_INIT = "Init#2026spike"   # initial password set by the administrator
PASSWORD_NEW = "Xiao#2026spike!"   # the school's own password after the forced change

# Jinan: the demo city has 10 district bureaus; the real city also has two counties and
# functional zones. These names complete it to 16.
EXTRA_DISTRICTS = [("370124", "平阴县教育和体育局"), ("370126", "商河县教育和体育局"),
                   ("370171", "济南高新区教育文体局"), ("370172", "济南市南部山区教育局"),
                   ("370173", "济南新旧动能转换起步区教育局"), ("370174", "莱芜高新区教育局"),
                   ("370175", "济南市钢城经济开发区教育局"), ("370176", "济南市先行区教育局")]
SCHOOL_PATTERNS = [("第一实验小学", "primary"), ("第二实验小学", "primary"), ("实验中学", "middle"),
                   ("育英小学", "primary"), ("明德学校", "nine_year"), ("外国语学校", "middle"),
                   ("胜利路小学", "primary"), ("东方双语学校", "nine_year"), ("第三中学", "middle"),
                   ("泉城小学", "primary"), ("新华小学", "primary"), ("文昌中学", "middle")]


# ---------------------------------------------------------------------------------------------
# HTTP client: one keep-alive connection per simulated person, like one browser.
class Failure(Exception):
    pass


class Client:
    def __init__(self, host, port, timeout=120.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = None
        self.cookie = ""
        self.csrf = ""

    def _connect(self):
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        self.conn.connect()

    def request(self, method, path, body=None, ctype="application/json", extra=None):
        """Returns (status, body bytes, seconds). Network errors become status -1."""
        headers = {"Host": "%s:%d" % (self.host, self.port)}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if method != "GET" and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        if body is not None:
            headers["Content-Type"] = ctype
            headers["Content-Length"] = str(len(body))
        if extra:
            headers.update(extra)
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            t0 = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                dt = time.perf_counter() - t0
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                return r.status, data, dt
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                dt = time.perf_counter() - t0
                self.close()
                # a keep-alive connection closed while idle: retry once on a new one, but only
                # if nothing was timed yet (first attempt); a second failure is reported.
                if attempt == 1:
                    return -1, ("%s: %s" % (type(e).__name__, e)).encode(), dt
            except Exception as e:  # timeouts and the like
                dt = time.perf_counter() - t0
                self.close()
                return -1, ("%s: %s" % (type(e).__name__, e)).encode(), dt
        return -1, b"unreachable", 0.0

    def json(self, method, path, obj=None, expect=(200, 201, 204)):
        body = None if obj is None else json.dumps(obj, ensure_ascii=False).encode()
        st, data, _ = self.request(method, path, body)
        if st not in expect:
            raise Failure("%s %s -> %s %s" % (method, path, st, data[:400].decode("utf-8", "replace")))
        return json.loads(data) if data else None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
        self.conn = None


def login(c, username, password):
    """Logs in, keeping the cookie and CSRF token; changes the password if the server asks."""
    headers = {"Host": "%s:%d" % (c.host, c.port), "Content-Type": "application/json"}
    if c.conn is None:
        c._connect()
    c.conn.request("POST", "/api/v1/auth/login",
                   body=json.dumps({"username": username, "password": password}).encode(), headers=headers)
    r = c.conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise Failure("login %s -> %s %s" % (username, r.status, data[:300].decode("utf-8", "replace")))
    sc = r.getheader("Set-Cookie", "")
    c.cookie = sc.split(";", 1)[0]
    out = json.loads(data)
    c.csrf = out["csrf_token"]
    if out["user"]["must_change_password"]:
        c.json("POST", "/api/v1/auth/password", {"old_password": password, "new_password": PASSWORD_NEW})
    return out


# ---------------------------------------------------------------------------------------------
# Evidence PDFs: one page, a Flate-compressed 8-bit grey photo of ~1 MB (noise compresses to
# its own size), 150 dpi across an A4 page, and an /Info entry that makes every file unique
# (the store is content-addressed, identical files would be stored once).
class PdfMaker:
    UID_LEN = 32

    def __init__(self, size_bytes, variants=10, seed=2026):
        self.parts = []
        width = 1240                       # 8.27 in x 150 dpi
        overhead = 800
        for v in range(variants):
            rows = max(8, -(-(size_bytes - overhead) // width))
            raw = random.Random(seed * 100 + v).randbytes(width * rows)
            img = zlib.compress(raw, 1)
            self.parts.append(self._build(img, width, rows))
        self.counter = 0
        self.lock = threading.Lock()

    @staticmethod
    def _build(img, width, rows):
        h_pt = rows * 72.0 / 150.0
        content = ("q 595.28 0 0 %.2f 0 %.2f cm /Im1 Do Q\n" % (h_pt, 842 - 36 - h_pt)).encode()
        objs = {}
        objs[1] = b"<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) >>"
        objs[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
        objs[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
                   b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>")
        objs[4] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[6] = (b"<< /Title (Evidence scan) /Producer (xietong deadline_spike) /Subject (@@UID@@" +
                   b"_" * (PdfMaker.UID_LEN - 7) + b") >>")
        objs[5] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, rows, len(img)))
        head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        out = [head]
        pos = len(head)
        offsets = {}
        order = [1, 2, 3, 4, 6, 5]          # the unique /Info before the big stream
        for n in order:
            offsets[n] = pos
            if n == 5:
                chunk_head = b"5 0 obj\n" + objs[5]
                out.append(chunk_head)
                out.append(img)
                tail = b"\nendstream\nendobj\n"
                out.append(tail)
                pos += len(chunk_head) + len(img) + len(tail)
            else:
                chunk = b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
                out.append(chunk)
                pos += len(chunk)
        xref = [b"xref\n0 7\n0000000000 65535 f \n"]
        for n in range(1, 7):
            xref.append(b"%010d 00000 n \n" % offsets[n])
        trailer = b"trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % pos
        data = b"".join(out) + b"".join(xref) + trailer
        i = data.index(b"@@UID@@")
        return (data[:i], data[i + PdfMaker.UID_LEN:])

    def make(self, variant):
        with self.lock:
            self.counter += 1
            n = self.counter
        uid = ("%08d%024x" % (n, random.getrandbits(96))).encode()[:self.UID_LEN]
        a, b = self.parts[variant % len(self.parts)]
        return a + uid + b


# ---------------------------------------------------------------------------------------------
# The draft text: about 2,900 字 in the six sections of the call, assembled from sentences a
# school would write (never the same case twice).
SENTENCES = [
    "学校坚持把家校社协同育人作为落实立德树人根本任务的重要抓手，", "联合社区、派出所、街道文明实践站共同组建了“协同育人共同体”，",
    "每学期召开两次联席会议，明确学校、家庭、社会各方的职责清单，", "我们以家长学校为平台，开设了“周末家长课堂”和“父母成长营”，",
    "依托社区党群服务中心建设了校外实践阵地，组织学生开展志愿服务，", "法治副校长定期进校开展“法治第一课”和防欺凌专题教育，",
    "针对留守儿童和困难家庭学生，建立了“一生一档”关爱台账，", "班主任、社区网格员和家长志愿者结对帮扶，做到每周一联系、每月一走访，",
    "学校与市博物馆、科技馆签订共建协议，开发了十二门场馆研学课程，", "通过“家长开放日”“亲子共读”“家庭劳动清单”等活动，家长参与度明显提高，",
    "项目实施三年来，累计开展各类活动二百余场，参与学生一万余人次，", "学生的心理健康测评优良率由百分之七十八提升到百分之九十一，",
    "家长满意度调查显示，对学校家庭教育指导工作的满意率达到百分之九十六，", "实践中我们也发现，部分家长参与的积极性仍有待提高，",
    "社会资源的统筹整合还不够充分，活动的长效机制需要进一步完善，", "下一步，我们将探索数字化家校沟通平台，推动协同育人常态化、制度化。",
    "在“反诈骗”主题教育中，邀请民警结合真实案例讲解常见骗局，", "国防教育进校园活动中，退役军人讲述亲身经历，激发了学生的爱国热情，",
    "社区为学生提供了“四点半课堂”，有效解决了双职工家庭的后顾之忧，", "我们总结形成了“一核心、三平台、五机制”的工作模式，",
]
SECTION_TARGETS = [("overview", 430), ("background", 450), ("content", 620), ("practice", 600),
                   ("results", 480), ("reflection", 320)]


def zishu(s):
    return sum(1 for ch in s if not ch.isspace())


def draft_content(rnd, contact):
    secs = {}
    for key, target in SECTION_TARGETS:
        parts, n = [], 0
        while n < target:
            s = rnd.choice(SENTENCES)
            if n + zishu(s) > target:
                s = s[: target - n]
            parts.append(s)
            n += zishu(s)
        text = "".join(parts)
        if len(text) > 200:
            cut = len(text) // 2
            text = text[:cut] + "\n" + text[cut:]   # two paragraphs
        secs[key] = text
    return {"partners": [{"name": "泉城路街道社区居民委员会"}, {"name": "济南市博物馆"}],
            "form": "社区+学校", "topics": ["法治教育", "防霸凌"], "practice_start": "2021-09-01",
            "still_running": True, "contact_name": contact, "contact_phone": "0531-86001234",
            "authors": ["王老师", "李老师"], "sections": secs}


# ---------------------------------------------------------------------------------------------
def pct(xs, p):
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = (len(s) - 1) * p / 100.0
    f = int(k)
    c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)


def ms(x):
    return "%.0f" % (x * 1000) if x == x else "-"


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []          # (kind, district, t_start, seconds, status)
        self.failures = []      # (kind, who, status, body)

    def add(self, kind, district, t0, dt, status, body=b"", who="", ok=(200, 201, 204)):
        with self.lock:
            self.rows.append((kind, district, t0, dt, status))
            if status not in ok:
                self.failures.append((kind, who, status, body[:500].decode("utf-8", "replace")))

    def lat(self, kind):
        return [r[3] for r in self.rows if r[0] == kind and r[4] in (200, 201, 204)]

    def count(self, kind):
        return sum(1 for r in self.rows if r[0] == kind)


def proc_status(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # kB
    except OSError:
        return None
    return None


def proc_cpu(pid):
    """utime+stime of the process and of each thread, in seconds."""
    hz = os.sysconf("SC_CLK_TCK")
    out = {}
    try:
        with open("/proc/%d/stat" % pid) as f:
            v = f.read().rsplit(")", 1)[1].split()
            out["total"] = (int(v[11]) + int(v[12])) / hz
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                v = f.read().rsplit(")", 1)[1].split()
                out[int(tid)] = (int(v[11]) + int(v[12])) / hz
    except OSError:
        pass
    return out


def machine_cpu():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v[:8]) - idle, sum(v[:8])


def proc_io(pid):
    out = {}
    try:
        with open("/proc/%d/io" % pid) as f:
            for line in f:
                k, v = line.split(":")
                out[k] = int(v)
    except OSError:
        pass
    return out


# ---------------------------------------------------------------------------------------------
def setup(a, host, port):
    t0 = time.perf_counter()
    admin = Client(host, port)
    login(admin, "admin", PASSWORD_DEMO)
    have = admin.json("GET", "/api/v1/units?type=district_bureau&page_size=200")["items"]
    have = [u for u in have if u["status"] == "active"]
    districts = [(u["id"], u["name"]) for u in sorted(have, key=lambda u: (u["sort"], u["id"]))]
    top = have[0]["parent_id"] if have else None
    extra = iter(EXTRA_DISTRICTS)
    while len(districts) < a.districts:
        try:
            code, name = next(extra)
        except StopIteration:
            n = len(districts) + 1
            code, name = "3701%02d" % (80 + n), "济南市第%d教育片区教育局" % n
        u = admin.json("POST", "/api/v1/units", {"parent_id": top, "name": name, "code": code,
                                                 "type": "district_bureau", "sort": len(districts) + 1})
        districts.append((u["id"], u["name"]))
    districts = districts[: a.districts]
    created_districts = max(0, a.districts - len(have))
    role = [r for r in admin.json("GET", "/api/v1/roles")["items"] if r["key"] == "school_admin"][0]["id"]

    # one school and one account per case, created by the 系统管理员 with an initial password
    plan = []
    for di, (did, dname) in enumerate(districts):
        short = dname.replace("教育和体育局", "").replace("教育文体局", "").replace("教育局", "")
        for j in range(a.cases):
            pat, stage = SCHOOL_PATTERNS[j % len(SCHOOL_PATTERNS)]
            plan.append({"district": di, "district_id": did, "name": short + pat + ("" if j < 12 else str(j)),
                         "code": "SPK-%02d-%02d" % (di + 1, j + 1), "stage": stage,
                         "username": "spk%02d%02d" % (di + 1, j + 1)})

    def make_school(p):
        c = Client(host, port)
        c.cookie, c.csrf = admin.cookie, admin.csrf
        u = c.json("POST", "/api/v1/units", {"parent_id": p["district_id"], "name": p["name"], "code": p["code"],
                                             "type": "school", "school_stage": p["stage"]})
        p["unit_id"] = u["id"]
        c.json("POST", "/api/v1/users", {"username": p["username"], "display_name": "%s老师" % "王李张刘陈杨赵黄周吴"[p["district"] % 10],
                                         "password": PASSWORD_INIT,
                                         "memberships": [{"unit_id": u["id"], "post": "德育处", "role_ids": [role]}]})
        c.close()

    with ThreadPoolExecutor(a.setup_threads) as ex:
        list(ex.map(make_school, plan))
    t_org = time.perf_counter() - t0

    city = Client(host, port)
    login(city, "city", PASSWORD_DEMO)
    deadline = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
    call = city.json("POST", "/api/v1/case-calls", {"title": "2026年家校社协同育人典型案例征集（压测）", "deadline_date": deadline})
    rules = call["rules"]
    assert "school" in rules["unit_types"], "the call does not accept schools"
    assert rules["max_evidence"] >= a.files, "the call allows only %d evidence files" % rules["max_evidence"]
    assert rules["quota_district"] >= a.cases, "the call allows only %d cases per district" % rules["quota_district"]

    # every school logs in (first login: forced password change) and opens its draft
    def open_case(p):
        c = Client(host, port, timeout=a.timeout)
        login(c, p["username"], PASSWORD_INIT)
        k = c.json("POST", "/api/v1/cases", {"call_id": call["id"], "title": p["name"] + "“家校社共育”协同育人实践"})
        p["client"], p["case_id"], p["version"], p["title"] = c, k["id"], k["version"], k["title"]
        return p

    with ThreadPoolExecutor(a.setup_threads) as ex:
        plan = list(ex.map(open_case, plan))
    return {"plan": plan, "districts": districts, "created_districts": created_districts, "call": call,
            "seconds": time.perf_counter() - t0, "org_seconds": t_org, "city": city, "admin": admin}


class Probe(threading.Thread):
    """A light request in a loop on its own connection: health (no database) and /auth/me
    (session + database) as district staff of 历下区, who uploads nothing."""

    def __init__(self, host, port, rec, pause):
        super().__init__(daemon=True)
        self.c = Client(host, port)
        login(self.c, "lixia", PASSWORD_DEMO)
        self.rec, self.pause = rec, pause
        self.stop = threading.Event()
        self.phase = "idle"

    def run(self):
        while not self.stop.is_set():
            for kind, path in (("health", "/api/v1/health"), ("me", "/api/v1/auth/me")):
                t = time.perf_counter()
                st, body, dt = self.c.request("GET", path)
                self.rec.add("probe_%s_%s" % (kind, self.phase), -1, t, dt, st, body, "lixia")
            self.stop.wait(self.pause)


class RssSampler(threading.Thread):
    def __init__(self, pid, every):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            v = proc_status(self.pid, "VmRSS")
            if v is not None:
                self.samples.append((time.perf_counter(), v))
            self.stop.wait(self.every)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--pid", type=int, default=0, help="server process id (RSS and CPU from /proc)")
    ap.add_argument("--data-dir", default="", help="server data dir (to count stored files afterwards)")
    ap.add_argument("--districts", type=int, default=16)
    ap.add_argument("--cases", type=int, default=10, help="cases (= schools) per district")
    ap.add_argument("--files", type=int, default=10, help="PDFs per case")
    ap.add_argument("--file-mb", type=float, default=1.0)
    ap.add_argument("--save-clients", type=int, default=16)
    ap.add_argument("--save-secs", type=float, default=10.0)
    ap.add_argument("--idle-secs", type=float, default=3.0)
    ap.add_argument("--probe-pause-ms", type=float, default=20.0)
    ap.add_argument("--rss-every-ms", type=float, default=50.0)
    ap.add_argument("--setup-threads", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--goal-upload-p99", type=float, default=1.0, help="seconds")
    ap.add_argument("--goal-rss-mb", type=float, default=300.0)
    ap.add_argument("--goal-probe-p99-ms", type=float, default=100.0,
                    help="'not blocked': p99 of the light probe during the spike")
    ap.add_argument("--config", default="", help="free text describing the server configuration")
    ap.add_argument("--write-sample", default="", help="write one evidence PDF to this path and exit")
    ap.add_argument("--json-out", default="", help="also write the raw figures as JSON")
    a = ap.parse_args()

    size = int(a.file_mb * 1024 * 1024)
    pdfs = PdfMaker(size, variants=min(10, a.files))
    if a.write_sample:
        with open(a.write_sample, "wb") as f:
            f.write(pdfs.make(0))
        return 0
    u = urllib.parse.urlsplit(a.url)
    host, port = u.hostname, u.port or 80
    rec = Recorder()

    # ------------------------------------------------------------------ setup (not in the figures)
    print("setup: %d districts x %d schools, accounts, first logins, one draft each ..." % (a.districts, a.cases), flush=True)
    try:
        S = setup(a, host, port)
    except Failure as e:
        print("SETUP FAILED: %s" % e)
        return 1
    plan = S["plan"]
    print("setup: done in %.1f s (units and accounts %.1f s; %d districts added; call #%d)" %
          (S["seconds"], S["org_seconds"], S["created_districts"], S["call"]["id"]), flush=True)
    rnd = random.Random(7)
    bodies = {}
    for p in plan:
        bodies[p["case_id"]] = json.dumps(draft_content(rnd, "王老师"), ensure_ascii=False)
    text_zishu = statistics.mean(sum(zishu(v) for v in json.loads(b)["sections"].values()) for b in bodies.values())

    def save_body(p, title):
        return ('{"version":%d,"title":%s,"content":%s}' % (p["version"], json.dumps(title, ensure_ascii=False),
                                                          bodies[p["case_id"]])).encode()

    # ------------------------------------------------------------------ idle baseline
    probe = Probe(host, port, rec, a.probe_pause_ms / 1000.0)
    probe.start()
    time.sleep(a.idle_secs)

    # ------------------------------------------------------------------ the spike
    barrier = threading.Barrier(len(plan) + 1)
    names = ["党建引领共建协议", "活动方案", "活动照片", "新闻报道", "获奖证书", "家长反馈", "课程资料",
             "联席会议纪要", "志愿服务记录", "成效评估报告"]

    def school(p):
        c = p["client"]
        d = p["district"]
        who = p["username"]
        base = "/api/v1/cases/%d" % p["case_id"]
        barrier.wait()
        t = time.perf_counter()
        st, body, dt = c.request("PUT", base, save_body(p, p["title"]))
        rec.add("save", d, t, dt, st, body, who)
        if st == 200:
            p["version"] = json.loads(body)["version"]
            p["zishu"] = json.loads(body)["counts"]["total"]
        for i in range(a.files):
            pdf = pdfs.make(i)
            q = urllib.parse.urlencode({"name": names[i % len(names)] + str(i + 1), "material_date": "2024-%02d" % (i % 12 + 1),
                                        "filename": "%s_%02d.pdf" % (who, i + 1)})
            t = time.perf_counter()
            st, body, dt = c.request("POST", base + "/evidence?" + q, pdf, "application/pdf")
            rec.add("upload", d, t, dt, st, body, who)
        # the final save of the draft, after the files are attached
        t = time.perf_counter()
        st, body, dt = c.request("PUT", base, save_body(p, p["title"] + "（定稿）"))
        rec.add("save", d, t, dt, st, body, who)
        if st == 200:
            p["version"] = json.loads(body)["version"]

    threads = [threading.Thread(target=school, args=(p,), daemon=True) for p in plan]
    for t in threads:
        t.start()
    pid = a.pid
    hwm_reset = False
    if pid:
        try:  # reset VmHWM so it covers only the spike (setup logins run Argon2id, 64 MiB each)
            with open("/proc/%d/clear_refs" % pid, "w") as f:
                f.write("5")
            hwm_reset = True
        except OSError:
            pass
    rss0 = proc_status(pid, "VmRSS") if pid else None
    cpu0, io0 = (proc_cpu(pid), proc_io(pid)) if pid else ({}, {})
    my0 = os.times()
    m0, load0 = machine_cpu(), open("/proc/loadavg").read().split()[0]
    sampler = RssSampler(pid, a.rss_every_ms / 1000.0) if pid else None
    if sampler:
        sampler.start()
    probe.phase = "spike"
    barrier.wait()
    t_spike = time.perf_counter()
    for t in threads:
        t.join()
    spike_wall = time.perf_counter() - t_spike
    probe.phase = "after"
    if sampler:
        sampler.stop.set()
        sampler.join()
    cpu1, io1 = (proc_cpu(pid), proc_io(pid)) if pid else ({}, {})
    my1 = os.times()
    m1, load1 = machine_cpu(), open("/proc/loadavg").read().split()[0]
    hwm = proc_status(pid, "VmHWM") if pid else None
    rss_end = proc_status(pid, "VmRSS") if pid else None

    # ------------------------------------------------------------------ save-draft throughput
    probe.phase = "savephase"
    savers = plan[:: max(1, len(plan) // a.save_clients)][: a.save_clients]
    stop_at = [0.0]
    barrier2 = threading.Barrier(len(savers) + 1)
    t_save_ok = []

    def saver(p):
        c = p["client"]
        base = "/api/v1/cases/%d" % p["case_id"]
        barrier2.wait()
        n = 0
        while time.perf_counter() < stop_at[0]:
            n += 1
            t = time.perf_counter()
            st, body, dt = c.request("PUT", base, save_body(p, p["title"] + "（第%d稿）" % n))
            rec.add("save_rps", p["district"], t, dt, st, body, p["username"])
            if st == 200:
                p["version"] = json.loads(body)["version"]
            elif st == -1:
                break
    sthreads = [threading.Thread(target=saver, args=(p,), daemon=True) for p in savers]
    for t in sthreads:
        t.start()
    stop_at[0] = time.perf_counter() + a.save_secs
    barrier2.wait()
    t_s = time.perf_counter()
    for t in sthreads:
        t.join()
    save_wall = time.perf_counter() - t_s
    probe.stop.set()
    probe.join()

    # ------------------------------------------------------------------ verification (not timed)
    verified, check_ok, problems = 0, 0, []
    for p in plan:
        c = p["client"]
        ev = c.json("GET", "/api/v1/cases/%d/evidence" % p["case_id"])["items"]
        if len(ev) == a.files and all(e["size"] > 0 for e in ev):
            verified += 1
        chk = c.json("GET", "/api/v1/cases/%d/check" % p["case_id"])
        if chk["ok"]:
            check_ok += 1
        elif len(problems) < 3:
            problems.append(chk["problems"][:2])
    stored = tmp_left = None
    if a.data_dir:
        fd = os.path.join(a.data_dir, "files")
        cache = os.path.join(a.data_dir, "cache", "files")
        if os.path.isdir(cache):  # files kept in PostgreSQL: this server's local copies
            fd = cache
        stored = sum(len(fs) for _, _, fs in os.walk(fd)) if os.path.isdir(fd) else 0
        td = os.path.join(a.data_dir, "tmp")
        tmp_left = len([f for f in os.listdir(td) if f.startswith("upload-")]) if os.path.isdir(td) else 0
    for p in plan:
        p["client"].close()

    # ------------------------------------------------------------------ figures
    up = rec.lat("upload")
    sv = rec.lat("save")
    sr = rec.lat("save_rps")
    n_up, n_sv, n_sr = rec.count("upload"), rec.count("save"), rec.count("save_rps")
    total_bytes = len(up) * size
    pi = {k: rec.lat("probe_%s_idle" % k) for k in ("health", "me")}
    ps = {k: rec.lat("probe_%s_spike" % k) for k in ("health", "me")}
    rss_peak = max((v for _, v in sampler.samples), default=0) if sampler else 0
    gaps = [b[0] - a_[0] for a_, b in zip(sampler.samples, sampler.samples[1:])] if sampler and len(sampler.samples) > 1 else []
    fails = [f for f in rec.failures if not f[0].startswith("probe")] + [f for f in rec.failures if f[0].startswith("probe")]
    spike_rows = [r for r in rec.rows if r[0] in ("upload", "save")]
    cpu_srv = (cpu1.get("total", 0) - cpu0.get("total", 0)) if pid else 0
    cpu_gen = (my1.user + my1.system) - (my0.user + my0.system)

    W = 64
    print()
    print("Xietong deadline spike: %d districts x %d cases, each: save draft (~%.0f 字), %d x %.1f MB PDF upload, save again"
          % (a.districts, a.cases, text_zishu, a.files, a.file_mb, ))
    print("  server: %s" % (a.config or a.url))
    print("  load generator: Python threads + http.client on loopback, one keep-alive connection per school, "
          "uploads sequential per school; same %d-core machine" % os.cpu_count())
    print()
    print("  %-*s %s" % (W, "spike", ""))
    print("  %-*s %d (%d uploads, %d saves)" % (W, "requests sent", n_up + n_sv, n_up, n_sv))
    print("  %-*s %d" % (W, "failed (status not 2xx, or no answer)",
                          sum(1 for f in rec.failures if f[0] in ("upload", "save"))))
    print("  %-*s p50 %s  p95 %s  p99 %s  max %s ms" % (W, "upload of 1 PDF (client-side, send + answer)",
                                                         ms(pct(up, 50)), ms(pct(up, 95)), ms(pct(up, 99)), ms(max(up, default=float("nan")))))
    print("  %-*s p50 %s  p99 %s  max %s ms" % (W, "save draft during the spike", ms(pct(sv, 50)), ms(pct(sv, 99)), ms(max(sv, default=float("nan")))))
    print("  %-*s %.1f s" % (W, "wall time of the spike (barrier -> last answer)", spike_wall))
    print("  %-*s %.1f MB/s  (%d MB accepted)" % (W, "upload throughput", total_bytes / 1048576 / spike_wall, total_bytes / 1048576))
    print("  %-*s %.1f uploads/s" % (W, "upload rate", len(up) / spike_wall))
    for k, label in (("health", "GET /api/v1/health (no database)"), ("me", "GET /api/v1/auth/me (lixia, session + db)")):
        ratio = pct(ps[k], 99) / pct(pi[k], 99) if pi[k] and ps[k] else float("nan")
        print("  %-*s idle p50 %s p99 %s | spike p50 %s p99 %s max %s ms (n=%d) | p99 x%.1f" % (
            W, "probe " + label, "%.1f" % (pct(pi[k], 50) * 1000), "%.1f" % (pct(pi[k], 99) * 1000),
            ms(pct(ps[k], 50)), ms(pct(ps[k], 99)), ms(max(ps[k], default=float("nan"))), len(ps[k]), ratio))
    if pid:
        print("  %-*s %d MB (VmRSS sampled every %.0f ms, %d samples, max gap %.0f ms)" % (
            W, "server RSS peak during the spike", rss_peak // 1024, a.rss_every_ms, len(sampler.samples), max(gaps, default=0) * 1000))
        print("  %-*s %s MB (%s)" % (W, "server VmHWM", hwm // 1024 if hwm else "-",
                                     "reset just before the spike" if hwm_reset else "NOT reset: includes setup"))
        print("  %-*s %d MB before, %d MB after" % (W, "server RSS", (rss0 or 0) // 1024, (rss_end or 0) // 1024))
        print("  %-*s %.1f s server (%.0f%% of one core), %.1f s load generator" % (
            W, "CPU during the spike", cpu_srv, 100 * cpu_srv / spike_wall, cpu_gen))
        hz = os.sysconf("SC_CLK_TCK")
        m_busy = (m1[0] - m0[0]) / hz
        print("  %-*s %.1f s of %.1f s (%d cores); other processes %.1f s; load average %s -> %s" % (
            W, "machine CPU busy during the spike", m_busy, (m1[1] - m0[1]) / hz, os.cpu_count(),
            max(0.0, m_busy - cpu_srv - cpu_gen), load0, load1))
        busy = sorted(((cpu1.get(t, 0) - cpu0.get(t, 0), t) for t in cpu1 if t != "total"), reverse=True)
        print("  %-*s %s" % (W, "server CPU by thread (s, busiest first)",
                             " ".join("%.1f" % c for c, _ in busy[:10])))
        if io0 and io1:
            print("  %-*s read %d MB, written %d MB" % (W, "server disk I/O (/proc/PID/io)",
                                                       (io1.get("read_bytes", 0) - io0.get("read_bytes", 0)) // 1048576,
                                                       (io1.get("write_bytes", 0) - io0.get("write_bytes", 0)) // 1048576))
    print()
    print("  %-*s" % (W, "save-draft throughput (%d schools of %d districts saving in a loop, %.0f s)"
                      % (len(savers), len({p['district'] for p in savers}), a.save_secs)))
    print("  %-*s %.0f saves/s  (%d saves, %d failed)" % (W, "save draft PUT /api/v1/cases/{id}", len(sr) / save_wall, n_sr,
                                                         sum(1 for f in rec.failures if f[0] == "save_rps")))
    print("  %-*s p50 %s  p99 %s  max %s ms" % (W, "save draft latency", ms(pct(sr, 50)), ms(pct(sr, 99)), ms(max(sr, default=float("nan")))))
    print()
    print("  %-*s %d / %d cases have %d PDFs; %d / %d pass the pre-submission check; stored files %s; temp files left %s" % (
        W, "verification", verified, len(plan), a.files, check_ok, len(plan),
        stored if stored is not None else "-", tmp_left if tmp_left is not None else "-"))
    if problems:
        print("    first check problems: %s" % json.dumps(problems, ensure_ascii=False)[:400])

    # district fairness: each district's worst upload
    per_d = {}
    for r in spike_rows:
        if r[0] == "upload" and r[4] == 201:
            per_d.setdefault(r[1], []).append(r[3])
    if per_d:
        worst = [max(v) for v in per_d.values()]
        med = [statistics.median(v) for v in per_d.values()]
        print("  %-*s median of district medians %s ms; slowest district p50 %s ms; worst single upload per district %s-%s ms" % (
            W, "uploads by district", ms(statistics.median(med)), ms(max(med)), ms(min(worst)), ms(max(worst))))
    # timeline of the spike in 10 slices: finished uploads and their median latency
    if up:
        ends = sorted((r[2] + r[3] - t_spike, r[3]) for r in spike_rows if r[0] == "upload" and r[4] == 201)
        sl = spike_wall / 10
        line = []
        for i in range(10):
            xs = [d for e, d in ends if i * sl <= e < (i + 1) * sl or (i == 9 and e >= 9 * sl)]
            line.append("%d@%s" % (len(xs), ms(statistics.median(xs)) if xs else "-"))
        print("  %-*s %s" % (W, "uploads done per tenth of the spike (count@median ms)", " ".join(line)))

    goal_up = bool(up) and pct(up, 99) <= a.goal_upload_p99
    goal_fail = not [f for f in rec.failures if f[0] in ("upload", "save", "save_rps")] and n_up == len(plan) * a.files
    goal_rss = (max(rss_peak, hwm or 0) if hwm_reset else rss_peak) <= a.goal_rss_mb * 1024 if pid else None
    goal_probe = bool(ps["me"]) and max(pct(ps["me"], 99), pct(ps["health"], 99)) * 1000 <= a.goal_probe_p99_ms
    print()
    print("  goals: every request accepted %s | upload p99 <= %.1f s %s | RSS <= %.0f MB %s | not blocked (probe p99 <= %.0f ms) %s" % (
        "PASS" if goal_fail else "FAIL", a.goal_upload_p99, "PASS" if goal_up else "FAIL", a.goal_rss_mb,
        "-" if goal_rss is None else ("PASS" if goal_rss else "FAIL"), a.goal_probe_p99_ms, "PASS" if goal_probe else "FAIL"))
    if fails:
        print()
        print("  failures (first 20 of %d):" % len(fails))
        for kind, who, st, body in fails[:20]:
            print("    %-8s %-8s %s %s" % (kind, who, st, body.replace("\n", " ")[:300]))
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump({"uploads": up, "saves": sv, "save_rps": sr, "probe_idle": pi, "probe_spike": ps,
                       "rss": sampler.samples if sampler else [], "spike_wall": spike_wall, "t_spike": t_spike,
                       "rows": rec.rows}, f)
    return 0 if goal_fail and verified == len(plan) else 1


if __name__ == "__main__":
    sys.exit(main())
