// Configuration from XIETONG_* environment variables, overridden by command-line flags.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace xt {

struct PasswordPolicy {
  int min_length = 8;
  int min_classes = 3;   // of lower, upper, digit, other
  int history = 5;       // no reuse of the last N
};

struct Config {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string db_url = "sqlite:var/xietong.db";
  std::string data_dir = "var";
  std::string web_dir = "web/dist";
  int io_threads = 0;       // 0 = one per core
  int workers = 4;          // blocking (database) thread pool
  int upload_workers = 2;   // a pool of its own for checking and storing uploads
  int doc_workers = 1;      // a pool of its own for building documents (PDF, DOCX, ZIP)
  bool demo = false;        // demo accounts may log in
  bool behind_tls = false;  // Secure cookies, __Host- prefix, HSTS
  std::string public_origin;  // e.g. https://xt.example.edu.cn; empty = same host
  std::string tianditu_key;   // the map's online basemap (天地图); empty = the plain layer only
  int idle_timeout_min = 30;
  int absolute_timeout_h = 12;
  int lock_failures = 5;
  int lock_minutes = 15;
  int ip_failures_per_15min = 30;
  // Reverse proxies (addresses or networks) whose X-Real-IP / X-Forwarded-For give the
  // client's address; from anyone else those headers are ignored.
  std::vector<std::string> trusted_proxies;
  PasswordPolicy password;
  size_t max_connections = 4096;
  size_t max_upload_bytes = 20u << 20;  // evidence files
  // Bodies being received at once, all uploads together: beyond either bound a new upload is
  // answered 503 before its body is read.
  int max_inflight_uploads = 200;
  size_t max_inflight_upload_bytes = 512u << 20;
  int header_timeout_s = 10;
  int idle_keepalive_s = 30;
  int drain_s = 10;
  std::string port_file;    // write the bound port here (tests)
  std::string log_level = "info";
  bool access_log = true;
  int jobs_interval_s = 300;  // background jobs (reminders); 0 = off
  int job_lease_s = 30;       // a queued job's lease: another server takes a job over this long after its server died
  // Where uploaded and generated files are kept: "local" (DATA_DIR/files and
  // DATA_DIR/generated; one machine) or "postgresql" (in the database; several servers).
  std::string file_store = "local";
  long long file_cache_bytes = 2048LL << 20;  // postgresql store: this machine's copies
  // SQLite: "full" (a committed answer survives a power cut) or "normal" (it may not).
  std::string sqlite_synchronous = "full";
};

// Throws std::invalid_argument with a Chinese message on a bad value.
Config load_config(const std::vector<std::string>& args);
std::string config_help();
}  // namespace xt
