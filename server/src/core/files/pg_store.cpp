#include "core/files/pg_store.hpp"

#include <libpq-fe.h>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <stdexcept>

#include "core/auth/password.hpp"

namespace fs = std::filesystem;

namespace xt::files {

namespace {
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::runtime_error failure(PGconn* c, const std::string& what) {
  std::string msg = c ? PQerrorMessage(c) : "";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return std::runtime_error("文件存储（PostgreSQL）" + what + "失败：" + msg);
}

Result run(PGconn* c, const std::string& sql, const std::vector<std::string>& args, const char* what) {
  std::vector<const char*> v;
  for (auto& a : args) v.push_back(a.c_str());
  Result r(PQexecParams(c, sql.c_str(), (int)v.size(), nullptr, v.data(), nullptr, nullptr, 0), PQclear);
  auto st = PQresultStatus(r.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw failure(c, what);
  return r;
}

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Contents that do not match their SHA-256 (a failing disk, a hand-edited row).
struct Damaged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

long long mtime_ms(const fs::directory_entry& e) {
  std::error_code ec;
  auto t = e.last_write_time(ec);
  if (ec) return 0;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::file_clock::to_sys(t).time_since_epoch()).count();
}
}  // namespace

// A connection of the store's own, given back (or dropped when broken) at the end of a scope.
struct PgStore::Lease {
  const PgStore* store;
  PGconn* conn;
  Lease(const PgStore* s, PGconn* c) : store(s), conn(c) {}
  Lease(Lease&& o) noexcept : store(o.store), conn(o.conn) { o.conn = nullptr; }
  ~Lease() {
    if (conn) store->release_conn(conn);
  }
};

PgStore::PgStore(std::string name, std::string url, std::string cache_dir, long long cache_bytes, int connections)
    : Store(std::move(name)), url_(std::move(url)), cache_dir_(std::move(cache_dir)), cache_limit_(cache_bytes),
      max_conns_(std::max(1, connections)) {
  std::error_code ec;
  fs::create_directories(cache_dir_, ec);
  if (ec) throw std::runtime_error("无法建立文件缓存目录 " + cache_dir_ + "：" + ec.message());
  long long total = 0;
  for (auto it = fs::recursive_directory_iterator(cache_dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) total += (long long)it->file_size(ec);
  cached_bytes_ = total;
}

PgStore::~PgStore() {
  std::lock_guard l(mu_);
  for (auto* c : idle_) PQfinish(c);
}

PgStore::Lease PgStore::acquire() const {
  std::unique_lock l(mu_);
  for (;;) {
    if (!idle_.empty()) {
      auto* c = idle_.back();
      idle_.pop_back();
      return Lease(this, c);
    }
    if (open_ < max_conns_) break;
    cv_.wait(l);
  }
  ++open_;
  l.unlock();
  PGconn* c = PQconnectdb(url_.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    auto err = failure(c, "连接");
    PQfinish(c);
    std::lock_guard g(mu_);
    --open_;
    cv_.notify_one();
    throw err;
  }
  return Lease(this, c);
}

void PgStore::release_conn(pg_conn* c) const {
  std::lock_guard l(mu_);
  if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE) {
    idle_.push_back(c);
  } else {  // broken, or left inside a transaction by an error: not given to anyone else
    PQfinish(c);
    --open_;
  }
  cv_.notify_one();
}

std::string PgStore::cache_path(const std::string& sha) const {
  if (!valid_sha256(sha)) throw std::invalid_argument("bad file id");
  return (fs::path(cache_dir_) / sha.substr(0, 2) / sha).string();
}

bool PgStore::put(const std::string& temp, const std::string& sha) {
  if (!valid_sha256(sha)) throw std::invalid_argument("bad file id");
  long long size = (long long)fs::file_size(temp);
  long long chunks = (size + (long long)kChunkBytes - 1) / (long long)kChunkBytes;
  auto l = acquire();
  PGconn* c = l.conn;
  bool fresh = false;
  run(c, "BEGIN", {}, "开始事务");
  try {
    auto ins = run(c,
                   "INSERT INTO stored_files (store, sha256, size, chunks, stored_at) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (store, sha256) DO NOTHING",
                   {name(), sha, std::to_string(size), std::to_string(chunks), std::to_string(now_ms())}, "登记文件");
    fresh = std::string(PQcmdTuples(ins.get())) == "1";
    if (!fresh) {
      // Kept; its stored time refreshed, so a sweep's grace period counts from this put.
      run(c, "UPDATE stored_files SET stored_at = $3 WHERE store = $1 AND sha256 = $2", {name(), sha, std::to_string(now_ms())},
          "更新文件时间");
    } else {
      std::ifstream in(temp, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + temp);
      std::vector<char> buf(kChunkBytes);
      std::string seq_text, store_name = name();
      const char* sql = "INSERT INTO stored_file_chunks (store, sha256, seq, data) VALUES ($1, $2, $3, $4)";
      for (long long seq = 0; seq < chunks; ++seq) {
        in.read(buf.data(), (std::streamsize)buf.size());
        auto n = (int)in.gcount();
        if (n <= 0) throw std::runtime_error("short read of " + temp);
        seq_text = std::to_string(seq);
        const char* values[4] = {store_name.c_str(), sha.c_str(), seq_text.c_str(), buf.data()};
        int lengths[4] = {0, 0, 0, n};
        int formats[4] = {0, 0, 0, 1};
        Result r(PQexecParams(c, sql, 4, nullptr, values, lengths, formats, 0), PQclear);
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw failure(c, "写入文件内容");
      }
    }
    run(c, "COMMIT", {}, "提交");  // synchronous_commit: durable once this returns
  } catch (...) {
    Result r(PQexec(c, "ROLLBACK"), PQclear);
    throw;
  }
  // The upload is read again soon (pages, a package): it becomes this machine's cached copy.
  auto dest = cache_path(sha);
  std::error_code ec;
  fs::create_directories(fs::path(dest).parent_path(), ec);
  if (!fs::exists(dest, ec)) {
    fs::rename(temp, dest, ec);
    if (!ec) cached_bytes_ += size;
  }
  fs::remove(temp, ec);
  if (cached_bytes_.load() > cache_limit_) trim(cache_limit_ * 4 / 5);
  return fresh;
}

bool PgStore::has(const std::string& sha) const { return size(sha) >= 0; }

long long PgStore::size(const std::string& sha) const {
  if (!valid_sha256(sha)) return -1;
  auto l = acquire();
  auto r = run(l.conn, "SELECT size FROM stored_files WHERE store = $1 AND sha256 = $2", {name(), sha}, "查询文件");
  if (PQntuples(r.get()) == 0) return -1;
  return std::stoll(PQgetvalue(r.get(), 0, 0));
}

bool PgStore::fetch(const std::string& sha, const std::string& dest) const {
  auto l = acquire();
  PGconn* c = l.conn;
  auto head = run(c, "SELECT chunks, size FROM stored_files WHERE store = $1 AND sha256 = $2", {name(), sha}, "查询文件");
  if (PQntuples(head.get()) == 0) return false;
  long long chunks = std::stoll(PQgetvalue(head.get(), 0, 0));
  long long size = std::stoll(PQgetvalue(head.get(), 0, 1));

  fs::create_directories(fs::path(dest).parent_path());
  auto part = dest + ".part-" + auth::random_token(6);
  struct Cleanup {
    std::string path;
    bool keep = false;
    ~Cleanup() {
      std::error_code ec;
      if (!keep) fs::remove(path, ec);
    }
  } cleanup{part};
  std::ofstream out(part, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + part);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);

  // One query, its rows streamed one chunk at a time (single-row mode).
  std::string store_name = name();
  const char* values[2] = {store_name.c_str(), sha.c_str()};
  if (!PQsendQueryParams(c, "SELECT data FROM stored_file_chunks WHERE store = $1 AND sha256 = $2 ORDER BY seq", 2, nullptr, values,
                         nullptr, nullptr, 1))
    throw failure(c, "读取文件内容");
  PQsetSingleRowMode(c);
  long long rows = 0, bytes = 0;
  std::string error;
  while (PGresult* raw = PQgetResult(c)) {
    Result r(raw, PQclear);
    auto st = PQresultStatus(raw);
    if (st == PGRES_SINGLE_TUPLE) {
      if (!error.empty()) continue;
      int n = PQgetlength(raw, 0, 0);
      out.write(PQgetvalue(raw, 0, 0), n);
      EVP_DigestUpdate(md.get(), PQgetvalue(raw, 0, 0), (size_t)n);
      ++rows;
      bytes += n;
    } else if (st != PGRES_TUPLES_OK && error.empty()) {
      error = PQerrorMessage(c);
    }
  }
  if (!error.empty()) throw std::runtime_error("文件存储（PostgreSQL）读取文件内容失败：" + error);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + part);
  out.close();
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(md.get(), h, &len);
  static const char* hex = "0123456789abcdef";
  std::string got;
  for (unsigned i = 0; i < len; ++i) {
    got += hex[h[i] >> 4];
    got += hex[h[i] & 15];
  }
  if (rows != chunks || bytes != size || got != sha)
    throw Damaged("文件存储中的文件已损坏（内容与其 SHA-256 不符）：" + sha);
  sync_file(part);  // a copy that survives a power cut whole, or not at all
  fs::rename(part, dest);
  cleanup.keep = true;
  cached_bytes_ += size;
  return true;
}

std::string PgStore::local_path(const std::string& sha) const {
  auto p = cache_path(sha);
  std::error_code ec;
  if (fs::exists(p, ec)) return p;
  try {
    if (fetch(sha, p) && cached_bytes_.load() > cache_limit_) trim(cache_limit_ * 4 / 5);  // the copy just made is the newest
  } catch (const Damaged& e) {
    // Read as a file that is not there: the caller names the material that cannot be read.
    spdlog::error("{}", e.what());
  }
  return p;
}

void PgStore::remove(const std::string& sha) {
  if (!valid_sha256(sha)) return;
  {
    auto l = acquire();
    run(l.conn, "BEGIN", {}, "开始事务");
    try {
      run(l.conn, "DELETE FROM stored_file_chunks WHERE store = $1 AND sha256 = $2", {name(), sha}, "删除文件内容");
      run(l.conn, "DELETE FROM stored_files WHERE store = $1 AND sha256 = $2", {name(), sha}, "删除文件");
      run(l.conn, "COMMIT", {}, "提交");
    } catch (...) {
      Result r(PQexec(l.conn, "ROLLBACK"), PQclear);
      throw;
    }
  }
  std::error_code ec;
  auto p = cache_path(sha);
  auto n = fs::file_size(p, ec);
  if (!ec && fs::remove(p, ec)) cached_bytes_ -= (long long)n;
}

std::vector<Store::Entry> PgStore::list() const {
  auto l = acquire();
  auto r = run(l.conn, "SELECT sha256, stored_at FROM stored_files WHERE store = $1", {name()}, "列出文件");
  std::vector<Entry> out;
  for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back({PQgetvalue(r.get(), i, 0), std::stoll(PQgetvalue(r.get(), i, 1))});
  return out;
}

void PgStore::check() const {
  auto l = acquire();
  Result r(PQexec(l.conn, "SELECT 1 FROM stored_files LIMIT 1"), PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw failure(l.conn, "检查（表 stored_files）");
  check_writable(cache_dir_, "文件缓存目录");
}

void PgStore::trim(long long target) const {
  std::lock_guard g(trim_mu_);
  struct Copy {
    std::string path;
    long long size, mtime;
  };
  std::vector<Copy> copies;
  long long total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(cache_dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    if (!it->is_regular_file(e2)) continue;
    auto n = (long long)it->file_size(e2);
    if (e2) continue;
    copies.push_back({it->path().string(), n, mtime_ms(*it)});
    total += n;
  }
  std::sort(copies.begin(), copies.end(), [](const Copy& a, const Copy& b) { return a.mtime < b.mtime; });
  for (auto& cp : copies) {
    if (total <= target) break;
    std::error_code e2;
    if (fs::remove(cp.path, e2)) total -= cp.size;
  }
  cached_bytes_ = total;
}

void PgStore::maintain() {
  // Copies of files no longer stored (removed on any server) go, then the oldest beyond the bound.
  std::set<std::string> stored;
  for (auto& e : list()) stored.insert(e.sha256);
  long long cutoff = now_ms() - 60LL * 60 * 1000;
  std::error_code ec;
  std::vector<fs::path> gone;
  for (auto it = fs::recursive_directory_iterator(cache_dir_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    if (!it->is_regular_file(e2)) continue;
    auto fname = it->path().filename().string();
    bool copy = valid_sha256(fname);
    if ((copy && !stored.count(fname)) || (!copy && mtime_ms(*it) < cutoff)) gone.push_back(it->path());
  }
  for (auto& p : gone) fs::remove(p, ec);
  trim(cache_limit_);
}
}  // namespace xt::files
