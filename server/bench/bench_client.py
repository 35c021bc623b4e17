"""What the Python benchmarks share: a signed-in client of the API, timing, and wrk."""
import http.cookiejar
import json
import subprocess
import time
import urllib.request

PASSWORD = "Demo@2026"


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def call(self, method, path, body=None, ctype="application/json"):
        data = None
        headers = {"Accept": "*/*"}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = ctype
        if method != "GET" and self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def login(self, user):
        st, b = self.call("POST", "/api/v1/auth/login", {"username": user, "password": PASSWORD})
        assert st == 200, (user, st, b[:200])
        self.csrf = json.loads(b)["csrf_token"]
        return self

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def json(self, path):
        st, b = self.call("GET", path)
        assert st == 200, (path, st, b[:300])
        return json.loads(b)


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return (time.perf_counter() - t) * 1000, r


def wrk(args, secs):
    out = subprocess.run(["wrk", "-t1", "-c2", f"-d{secs}s", "--latency"] + args, capture_output=True, text=True).stdout
    rps = next((float(l.split()[1]) for l in out.splitlines() if l.startswith("Requests/sec")), 0.0)
    p99 = next((l.split()[1] for l in out.splitlines() if l.strip().startswith("99%")), "?")
    non2xx = sum(int(l.split()[-1]) for l in out.splitlines() if "Non-2xx" in l)
    return rps, p99, non2xx


def first_load(dist, page):
    """Bytes (gzip) of the JavaScript and CSS a built page (e.g. library.html) loads first."""
    import os
    import re
    html = open(os.path.join(dist, page), encoding="utf-8").read()
    total, files = 0, []
    for ref in re.findall(r'(?:src|href)="(/assets/[^"]+\.(?:js|css))"', html):
        path = os.path.join(dist, ref.lstrip("/"))
        gz = path + ".gz"
        size = os.path.getsize(gz if os.path.exists(gz) else path)
        files.append((os.path.basename(ref), size))
        total += size
    return total, files
