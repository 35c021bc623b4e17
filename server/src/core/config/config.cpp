#include "core/config/config.hpp"

#include "core/http/client_ip.hpp"

#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace xt {
namespace {
int to_int(const std::string& name, const std::string& v, int lo, int hi) {
  try {
    size_t pos = 0;
    int x = std::stoi(v, &pos);
    if (pos != v.size() || x < lo || x > hi) throw std::out_of_range("");
    return x;
  } catch (...) {
    throw std::invalid_argument(name + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数，收到：" + v);
  }
}

bool to_bool(const std::string& v) { return v == "1" || v == "true" || v == "yes" || v == "on"; }

void set_addr(Config& c, const std::string& v) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("XIETONG_ADDR 应为 主机:端口，收到：" + v);
  c.host = v.substr(0, colon);
  c.port = (unsigned short)to_int("端口", v.substr(colon + 1), 0, 65535);
}

void apply(Config& c, const std::string& key, const std::string& v) {
  if (key == "addr") set_addr(c, v);
  else if (key == "db") c.db_url = v;
  else if (key == "data-dir") c.data_dir = v;
  else if (key == "web-dir") c.web_dir = v;
  else if (key == "threads") c.io_threads = to_int(key, v, 0, 256);
  else if (key == "workers") c.workers = to_int(key, v, 1, 256);
  else if (key == "upload-workers") c.upload_workers = to_int(key, v, 1, 64);
  else if (key == "doc-workers") c.doc_workers = to_int(key, v, 1, 16);
  else if (key == "demo") c.demo = to_bool(v);
  else if (key == "behind-tls") c.behind_tls = to_bool(v);
  else if (key == "public-origin") c.public_origin = v;
  else if (key == "tianditu-key") c.tianditu_key = v;
  else if (key == "idle-timeout-min") c.idle_timeout_min = to_int(key, v, 1, 24 * 60);
  else if (key == "absolute-timeout-h") c.absolute_timeout_h = to_int(key, v, 1, 24 * 30);
  else if (key == "lock-failures") c.lock_failures = to_int(key, v, 1, 100);
  else if (key == "lock-minutes") c.lock_minutes = to_int(key, v, 1, 24 * 60);
  else if (key == "password-min-length") c.password.min_length = to_int(key, v, 6, 128);
  else if (key == "password-min-classes") c.password.min_classes = to_int(key, v, 1, 4);
  else if (key == "password-history") c.password.history = to_int(key, v, 0, 24);
  else if (key == "max-connections") c.max_connections = (size_t)to_int(key, v, 1, 1000000);
  else if (key == "port-file") c.port_file = v;
  else if (key == "max-upload-mb") c.max_upload_bytes = (size_t)to_int(key, v, 1, 2048) << 20;
  else if (key == "max-inflight-uploads") c.max_inflight_uploads = to_int(key, v, 1, 100000);
  else if (key == "max-inflight-upload-mb") c.max_inflight_upload_bytes = (size_t)to_int(key, v, 1, 1 << 20) << 20;
  else if (key == "header-timeout") c.header_timeout_s = to_int(key, v, 1, 600);
  else if (key == "ip-failures") c.ip_failures_per_15min = to_int(key, v, 1, 100000);
  else if (key == "trusted-proxies") {
    c.trusted_proxies.clear();
    size_t start = 0;
    for (;;) {
      auto comma = v.find(',', start);
      c.trusted_proxies.push_back(v.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    http::TrustedProxies check(c.trusted_proxies);  // a clear error now, not at the first request
  }
  else if (key == "log-level") c.log_level = v;
  else if (key == "access-log") c.access_log = to_bool(v);
  else if (key == "jobs-interval-s") c.jobs_interval_s = to_int(key, v, 0, 86400);
  else if (key == "job-lease-s") c.job_lease_s = to_int(key, v, 2, 3600);
  else if (key == "file-store") {
    if (v != "local" && v != "postgresql") throw std::invalid_argument("file-store 应为 local 或 postgresql，收到：" + v);
    c.file_store = v;
  }
  else if (key == "file-cache-mb") c.file_cache_bytes = (long long)to_int(key, v, 16, 1 << 22) << 20;
  else if (key == "sqlite-synchronous") {
    if (v != "full" && v != "normal") throw std::invalid_argument("sqlite-synchronous 应为 full 或 normal，收到：" + v);
    c.sqlite_synchronous = v;
  }
  else throw std::invalid_argument("未知参数：--" + key);
}

const char* kKeys[] = {"addr", "db", "data-dir", "web-dir", "threads", "workers", "upload-workers", "doc-workers", "demo", "behind-tls",
                       "public-origin", "tianditu-key", "idle-timeout-min", "absolute-timeout-h", "lock-failures", "lock-minutes",
                       "password-min-length", "password-min-classes", "password-history", "max-connections",
                       "port-file", "log-level", "access-log", "header-timeout", "ip-failures", "max-upload-mb", "jobs-interval-s",
                       "max-inflight-uploads", "max-inflight-upload-mb", "trusted-proxies", "file-store", "file-cache-mb", "job-lease-s",
                       "sqlite-synchronous"};
}  // namespace

Config load_config(const std::vector<std::string>& args) {
  Config c;
  c.io_threads = 0;
  for (const char* k : kKeys) {
    std::string env = "XIETONG_";
    for (const char* p = k; *p; ++p) env += *p == '-' ? '_' : (char)std::toupper(*p);
    if (const char* v = std::getenv(env.c_str()); v && *v) apply(c, k, v);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a.rfind("--", 0) != 0) throw std::invalid_argument("无法识别的参数：" + a);
    auto eq = a.find('=');
    std::string key = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    std::string val;
    if (eq != std::string::npos) val = a.substr(eq + 1);
    else if (key == "demo" || key == "behind-tls") val = "1";
    else if (i + 1 < args.size()) val = args[++i];
    else throw std::invalid_argument("参数 --" + key + " 缺少取值");
    apply(c, key, val);
  }
  // Without an explicit database, SQLite lives in the data directory.
  const char* env_db = std::getenv("XIETONG_DB");
  bool db_given = (env_db && *env_db);
  for (auto& a : args) db_given |= a == "--db" || a.rfind("--db=", 0) == 0;
  if (!db_given) c.db_url = "sqlite:" + c.data_dir + "/xietong.db";
  if (c.io_threads == 0) c.io_threads = std::max(1u, std::thread::hardware_concurrency());
  if (c.file_store == "postgresql" && c.db_url.rfind("postgres", 0) != 0)
    throw std::invalid_argument("文件存储设为 postgresql，但数据库不是 PostgreSQL（--db " + c.db_url +
                                "）：文件与数据存放在同一个 PostgreSQL 数据库中");
  return c;
}

std::string config_help() {
  return R"(xietong serve [options]
  --addr HOST:PORT        XIETONG_ADDR       (127.0.0.1:8080)
  --db URL                XIETONG_DB         (sqlite:var/xietong.db | postgresql://user@host/db)
  --data-dir DIR          XIETONG_DATA_DIR   (var)
  --web-dir DIR           XIETONG_WEB_DIR    (web/dist)
  --threads N             XIETONG_THREADS    (one io thread per core)
  --workers N             XIETONG_WORKERS    (4 database threads)
  --upload-workers N      XIETONG_UPLOAD_WORKERS (2; checking and storing uploaded files)
  --doc-workers N         XIETONG_DOC_WORKERS (1; building PDF, Word and ZIP documents)
  --demo                  XIETONG_DEMO=1     (demo accounts may log in)
  --behind-tls            XIETONG_BEHIND_TLS=1 (Secure cookies, HSTS)
  --public-origin URL     XIETONG_PUBLIC_ORIGIN
  --tianditu-key KEY      XIETONG_TIANDITU_KEY     天地图浏览器端密钥（运动地图的在线底图；不设则只用简易图层）
  --idle-timeout-min N    XIETONG_IDLE_TIMEOUT_MIN (30)
  --absolute-timeout-h N  XIETONG_ABSOLUTE_TIMEOUT_H (12)
  --lock-failures N       XIETONG_LOCK_FAILURES (5)
  --lock-minutes N        XIETONG_LOCK_MINUTES (15)
  --password-min-length N, --password-min-classes N, --password-history N
  --max-connections N     XIETONG_MAX_CONNECTIONS (4096)
  --max-upload-mb N       XIETONG_MAX_UPLOAD_MB (20, evidence files)
  --max-inflight-uploads N, --max-inflight-upload-mb N
                          uploads received at once (200, 512 MB in all); more wait (503)
  --trusted-proxies LIST  XIETONG_TRUSTED_PROXIES (none; e.g. 10.0.0.5,127.0.0.1: the nginx
                          servers whose X-Real-IP / X-Forwarded-For name the client)
  --port-file FILE        write the bound port to FILE
  --log-level LEVEL       XIETONG_LOG_LEVEL (info)
  --access-log 0|1        XIETONG_ACCESS_LOG (1)
  --jobs-interval-s N     XIETONG_JOBS_INTERVAL_S (300; background reminders, 0 = off)
  --job-lease-s N         XIETONG_JOB_LEASE_S (30; a document build whose server died is
                          taken over by another server after this long)
  --file-store KIND       XIETONG_FILE_STORE (local | postgresql: files kept in the database,
                          seen by every server; needs a PostgreSQL --db)
  --file-cache-mb N       XIETONG_FILE_CACHE_MB (2048; postgresql store: local copies kept)
  --sqlite-synchronous M  XIETONG_SQLITE_SYNCHRONOUS (full | normal; full = a committed
                          answer survives a power cut, see docs/operations.md)
)";
}
}  // namespace xt
