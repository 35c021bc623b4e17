#include "core/db/db.hpp"

#include <map>

#include <atomic>
#include <cstring>
#include <cerrno>
#include <unistd.h>
#include <sys/file.h>
#include <fcntl.h>

#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>
#include <libpq-fe.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace xt::db {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

long long Row::i64(size_t i) const {
  const auto& v = cols.at(i);
  if (auto p = std::get_if<long long>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return (long long)*p;
  if (auto p = std::get_if<std::string>(&v)) {
    if (p->empty()) return 0;
    if (*p == "t" || *p == "true") return 1;
    if (*p == "f" || *p == "false") return 0;
    return std::stoll(*p);
  }
  return 0;
}

std::string Row::str(size_t i) const {
  const auto& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<long long>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) { std::ostringstream o; o << *p; return o.str(); }
  return {};
}

namespace {
std::string like_escaped(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}
}  // namespace
std::string like_contains(const std::string& text) { return "%" + like_escaped(text) + "%"; }
std::string like_prefix(const std::string& text) { return like_escaped(text) + "%"; }

std::string Query::next_name() { return "p" + std::to_string(++counter_); }

std::string Query::bind(long long v) {
  auto n = next_name();
  binds_.push_back({n, 0, v, {}});
  return ":" + n;
}
std::string Query::bind(std::string v) {
  auto n = next_name();
  binds_.push_back({n, 1, 0, std::move(v)});
  return ":" + n;
}
std::string Query::bind_null() {
  auto n = next_name();
  binds_.push_back({n, 2, 0, {}});
  return ":" + n;
}
namespace {
template <class T>
std::string bind_all_of(Query& q, const std::vector<T>& values) {
  if (values.empty()) return "NULL";
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + q.bind(values[i]);
  return s;
}
}  // namespace
std::string Query::bind_list(const std::vector<long long>& values) { return bind_all_of(*this, values); }
std::string Query::bind_list(const std::vector<std::string>& values) { return bind_all_of(*this, values); }

Query& Query::append(const Query& o) {
  std::map<std::string, std::string> renamed;
  for (auto b : o.binds_) {
    auto n = next_name();
    renamed[b.name] = n;
    b.name = n;
    binds_.push_back(std::move(b));
  }
  // ":pN" tokens of the other's text, whole tokens only (":p1" is not the start of ":p12").
  const auto& t = o.text_;
  for (size_t i = 0; i < t.size();) {
    if (t[i] == ':' && i + 1 < t.size() && t[i + 1] == 'p') {
      size_t j = i + 2;
      while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
      if (j > i + 2) {
        auto it = renamed.find(t.substr(i + 1, j - i - 1));
        if (it != renamed.end()) {
          text_ += ":" + it->second;
          i = j;
          continue;
        }
      }
    }
    text_ += t[i++];
  }
  return *this;
}

// A connection's prepared statements, by query text: SQLite statements, or the names of
// statements prepared on the PostgreSQL server (then each query is one round trip and is
// parsed and planned once per connection). Each connection is used by one thread at a time
// (its lease), so the cache needs no lock.
struct PgStatement {
  std::string name;
  std::vector<std::string> params;  // bind names in $1, $2… order
};
struct StatementCache {
  sqlite_api::sqlite3* db = nullptr;
  std::map<std::string, sqlite_api::sqlite3_stmt*> stmts;
  PGconn* pg = nullptr;
  std::map<std::string, PgStatement> pg_stmts;
  unsigned long long pg_next = 0;
  ~StatementCache() { clear(); }
  void clear() {
    for (auto& [k, s] : stmts) sqlite_api::sqlite3_finalize(s);
    stmts.clear();
    pg_stmts.clear();  // the server's statements go with the connection
  }
};

namespace {
using namespace sqlite_api;

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
}

// Prepared once per connection and text, then reset and rebound on each use.
class CachedStatement {
 public:
  CachedStatement(StatementCache& cache, const Query& q) : cache_(cache) {
    auto it = cache.stmts.find(q.text());
    if (it != cache.stmts.end()) {
      st_ = it->second;
    } else {
      if (cache.stmts.size() >= 512) cache.clear();  // texts built from variable id lists: start over
      if (sqlite3_prepare_v3(cache.db, q.text().c_str(), (int)q.text().size(), SQLITE_PREPARE_PERSISTENT, &st_, nullptr) != SQLITE_OK)
        sqlite_fail(cache.db, "prepare failed (" + q.text().substr(0, 200) + ")");
      cache.stmts.emplace(q.text(), st_);
    }
    for (auto& b : q.binds()) {
      int idx = sqlite3_bind_parameter_index(st_, (":" + b.name).c_str());
      if (idx == 0) continue;  // a bind the text does not use
      int rc = b.kind == 0 ? sqlite3_bind_int64(st_, idx, b.i)
               : b.kind == 1 ? sqlite3_bind_text(st_, idx, b.s.data(), (int)b.s.size(), SQLITE_TRANSIENT)
                             : sqlite3_bind_null(st_, idx);
      if (rc != SQLITE_OK) sqlite_fail(cache.db, "bind failed");
    }
  }
  ~CachedStatement() {
    sqlite3_reset(st_);  // ends the statement's read of the database at once
    sqlite3_clear_bindings(st_);
  }
  bool step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite_fail(cache_.db, "query failed");
  }
  Row row() const {
    Row out;
    int n = sqlite3_column_count(st_);
    out.cols.reserve((size_t)n);
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(st_, i)) {
        case SQLITE_INTEGER: out.cols.emplace_back((long long)sqlite3_column_int64(st_, i)); break;
        case SQLITE_FLOAT: out.cols.emplace_back(sqlite3_column_double(st_, i)); break;
        case SQLITE_NULL: out.cols.emplace_back(std::monostate{}); break;
        default: {
          auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
          out.cols.emplace_back(std::string(p ? p : "", (size_t)sqlite3_column_bytes(st_, i)));
        }
      }
    }
    return out;
  }

 private:
  StatementCache& cache_;
  sqlite3_stmt* st_ = nullptr;
};

// ":pN" bind names as $1, $2… (a name used twice keeps its number); "::" casts are left alone.
PgStatement pg_translate(const std::string& text, std::string& out) {
  PgStatement st;
  std::map<std::string, int> number;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == ':' && i + 2 < text.size() && text[i + 1] == 'p' && (i == 0 || text[i - 1] != ':') && std::isdigit((unsigned char)text[i + 2])) {
      size_t j = i + 2;
      while (j < text.size() && std::isdigit((unsigned char)text[j])) ++j;
      auto name = text.substr(i + 1, j - i - 1);
      auto [it, fresh] = number.emplace(name, (int)st.params.size() + 1);
      if (fresh) st.params.push_back(name);
      out += "$" + std::to_string(it->second);
      i = j;
      continue;
    }
    if (text[i] == ':' && i + 1 < text.size() && text[i + 1] == ':') {
      out += "::";
      i += 2;
      continue;
    }
    out += text[i++];
  }
  return st;
}

struct PgResult {
  PGresult* r;
  explicit PgResult(PGresult* x) : r(x) {}
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult() { PQclear(r); }
};

// Prepares the query once per connection, then executes it with its values as text (types
// inferred by the server, as before).
std::unique_ptr<PgResult> pg_run(StatementCache& cache, const Query& q) {
  auto it = cache.pg_stmts.find(q.text());
  if (it == cache.pg_stmts.end()) {
    if (cache.pg_stmts.size() >= 512) {  // texts built from variable id lists: start over
      PgResult d(PQexec(cache.pg, "DEALLOCATE ALL"));
      cache.pg_stmts.clear();
    }
    std::string text;
    auto st = pg_translate(q.text(), text);
    st.name = "xt" + std::to_string(++cache.pg_next);
    PgResult prep(PQprepare(cache.pg, st.name.c_str(), text.c_str(), 0, nullptr));
    if (PQresultStatus(prep.r) != PGRES_COMMAND_OK)
      throw std::runtime_error("prepare failed (" + q.text().substr(0, 200) + "): " + PQresultErrorMessage(prep.r));
    it = cache.pg_stmts.emplace(q.text(), std::move(st)).first;
  }
  auto& st = it->second;
  std::vector<std::string> texts(st.params.size());
  std::vector<const char*> values(st.params.size(), nullptr);
  for (size_t i = 0; i < st.params.size(); ++i)
    for (auto& b : q.binds())
      if (b.name == st.params[i]) {
        if (b.kind == 0) texts[i] = std::to_string(b.i), values[i] = texts[i].c_str();
        else if (b.kind == 1) values[i] = b.s.c_str();
        break;
      }
  auto res = std::make_unique<PgResult>(PQexecPrepared(cache.pg, st.name.c_str(), (int)values.size(), values.data(), nullptr, nullptr, 0));
  auto status = PQresultStatus(res->r);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    throw std::runtime_error(std::string("query failed: ") + PQresultErrorMessage(res->r));
  return res;
}

Row pg_row(PGresult* r, int row) {
  Row out;
  int n = PQnfields(r);
  out.cols.reserve((size_t)n);
  for (int i = 0; i < n; ++i) {
    if (PQgetisnull(r, row, i)) {
      out.cols.emplace_back(std::monostate{});
      continue;
    }
    const char* v = PQgetvalue(r, row, i);
    switch (PQftype(r, i)) {
      case 20: case 21: case 23: case 26: out.cols.emplace_back(std::strtoll(v, nullptr, 10)); break;  // int8, int2, int4, oid
      case 16: out.cols.emplace_back((long long)(v[0] == 't')); break;                                  // bool
      case 700: case 701: case 1700: out.cols.emplace_back(std::strtod(v, nullptr)); break;             // float4, float8, numeric
      default: out.cols.emplace_back(std::string(v, (size_t)PQgetlength(r, row, i)));
    }
  }
  return out;
}

}  // namespace

std::vector<Row> Conn::rows(const Query& q) {
  std::vector<Row> out;
  if (cache_.pg) {
    auto res = pg_run(cache_, q);
    int n = PQntuples(res->r);
    out.reserve((size_t)n);
    for (int i = 0; i < n; ++i) out.push_back(pg_row(res->r, i));
    return out;
  }
  CachedStatement st(cache_, q);
  while (st.step()) out.push_back(st.row());
  return out;
}

std::optional<Row> Conn::row(const Query& q) {
  auto rs = rows(q);
  if (rs.empty()) return std::nullopt;
  return std::move(rs.front());
}

long long Conn::scalar(const Query& q) {
  auto r = row(q);
  if (!r || r->cols.empty() || r->null(0)) return 0;
  return r->i64(0);
}

long long Conn::exec(const Query& q) {
  if (cache_.pg) {
    auto res = pg_run(cache_, q);
    const char* n = PQcmdTuples(res->r);
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
  }
  CachedStatement st(cache_, q);
  while (st.step()) {
  }
  return sqlite3_changes(cache_.db);
}

void Conn::exec_script(const std::string& sql) {
  if (d_ == Dialect::Sqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(s_.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "sqlite error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error(m);
    }
  } else {
    auto* be = static_cast<soci::postgresql_session_backend*>(s_.get_backend());
    PGresult* res = PQexec(be->conn_, sql.c_str());
    auto st = PQresultStatus(res);
    std::string m = PQresultErrorMessage(res);
    PQclear(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(m);
  }
}

namespace {
std::timed_mutex& sqlite_writer(unsigned long long database) {
  static std::mutex mu;
  static std::map<unsigned long long, std::unique_ptr<std::timed_mutex>> locks;
  std::lock_guard<std::mutex> g(mu);
  auto& l = locks[database];
  if (!l) l = std::make_unique<std::timed_mutex>();
  return *l;
}
}  // namespace

Tx::Tx(Conn& c, bool write) : c_(c) {
  bool sqlite_write = c_.dialect() == Dialect::Sqlite && write;
  if (sqlite_write) {
    writer_ = std::unique_lock<std::timed_mutex>(sqlite_writer(c_.database()), std::defer_lock);
    (void)writer_.try_lock_for(std::chrono::seconds(10));
  }
  try {
    c_.session() << (sqlite_write ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    if (writer_.owns_lock()) writer_.unlock();
    throw;
  }
}
Tx::~Tx() {
  if (open_) {
    try { c_.session() << "ROLLBACK"; } catch (...) {}
  }
}
void Tx::commit() {
  c_.session() << "COMMIT";
  open_ = false;
  if (writer_.owns_lock()) writer_.unlock();
}

Lease::Lease(std::unique_ptr<soci::session> s, Dialect d, StatementCache& cache, unsigned long long database)
    : session(std::move(s)), conn(*session, d, cache, database) {}
Lease::~Lease() = default;

namespace {
// The sqlite3* or PGconn* under a soci session: what a connection's statement cache is kept by.
const void* native_handle(soci::session& s, Dialect d) {
  if (d == Dialect::Sqlite) return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
  return static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
}
}  // namespace

Database::Database(const std::string& url, size_t pool_size, bool durable) : pool_size_(pool_size) {
  static std::atomic<unsigned long long> serials{0};
  serial_ = ++serials;
  std::string backend;
  if (url.rfind("sqlite:", 0) == 0) {
    dialect_ = Dialect::Sqlite;
    backend = "sqlite3";
    sqlite_path_ = url.substr(7);
    conn_string_ = "db=\"" + sqlite_path_ + "\" timeout=10";
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect_ = Dialect::Postgres;
    backend = "postgresql";
    conn_string_ = url;
  } else {
    throw std::runtime_error("数据库地址应以 sqlite: 或 postgresql:// 开头：" + url);
  }
  pool_ = std::make_unique<soci::connection_pool>(pool_size);
  for (size_t i = 0; i < pool_size; ++i) {
    auto& s = pool_->at(i);
    s.open(backend, conn_string_);
    if (dialect_ == Dialect::Sqlite) {
      s << "PRAGMA journal_mode=WAL";
      if (durable) s << "PRAGMA synchronous=FULL";
      else s << "PRAGMA synchronous=NORMAL";
      s << "PRAGMA foreign_keys=ON";
      s << "PRAGMA busy_timeout=10000";
      auto cache = std::make_unique<StatementCache>();
      cache->db = static_cast<sqlite_api::sqlite3*>(const_cast<void*>(native_handle(s, dialect_)));
      caches_[cache->db] = std::move(cache);
    } else {
      s << "SET TIME ZONE 'UTC'";
      auto cache = std::make_unique<StatementCache>();
      cache->pg = static_cast<PGconn*>(const_cast<void*>(native_handle(s, dialect_)));
      caches_[cache->pg] = std::move(cache);
    }
  }
}

Database::~Database() {
  caches_.clear();  // statements are finalized before their connections close
}

std::unique_ptr<Lease> Database::lease() {
  auto s = std::make_unique<soci::session>(*pool_);
  auto it = caches_.find(native_handle(*s, dialect_));
  if (it == caches_.end()) throw std::logic_error("a pooled connection without its statement cache");
  return std::make_unique<Lease>(std::move(s), dialect_, *it->second, serial_);
}

StartupLock::StartupLock(Database& db) {
  if (db.dialect_ == Dialect::Postgres) {
    session_ = std::make_unique<soci::session>("postgresql", db.conn_string_);
    *session_ << "SELECT pg_advisory_lock(hashtext('xietong.startup'))";
    return;
  }
  auto path = db.sqlite_path_ + ".startup-lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  while (::flock(fd_, LOCK_EX) != 0)
    if (errno != EINTR) throw std::runtime_error("cannot lock " + path + ": " + std::strerror(errno));
}

StartupLock::~StartupLock() {
  try {
    if (session_) *session_ << "SELECT pg_advisory_unlock(hashtext('xietong.startup'))";
  } catch (...) {
  }
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

std::string render_migration(const std::string& sql, Dialect d) {
  std::string out;
  std::istringstream in(sql);
  std::string line;
  int skip = 0;  // 0 = keep, 1 = skip block
  while (std::getline(in, line)) {
    if (line.rfind("-- @sqlite", 0) == 0) { skip = d == Dialect::Sqlite ? 0 : 1; continue; }
    if (line.rfind("-- @postgresql", 0) == 0) { skip = d == Dialect::Postgres ? 0 : 1; continue; }
    if (line.rfind("-- @end", 0) == 0) { skip = 0; continue; }
    if (skip) continue;
    size_t pos;
    while ((pos = line.find("@ID@")) != std::string::npos)
      line.replace(pos, 4, d == Dialect::Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    out += line;
    out += '\n';
  }
  return out;
}

void Database::migrate() {
  auto l = lease();
  auto& c = l->conn;
  c.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, "
      "name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))");
  for (auto& m : embedded_migrations()) {
    Tx tx(c, true);
    Query q("SELECT COUNT(*) FROM schema_migrations WHERE module = ");
    q << q.bind(m.module) << " AND version = " << q.bind(m.version);
    if (c.scalar(q) > 0) continue;
    try {
      c.exec_script(render_migration(m.sql, dialect_));
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("migration ") + m.module + "/" + m.name + " failed: " + e.what());
    }
    Query ins("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (");
    ins << ins.bind(m.module) << ", " << ins.bind(m.version) << ", " << ins.bind(m.name) << ", " << ins.bind(now_ms()) << ")";
    c.exec(ins);
    tx.commit();
  }
}

std::vector<std::string> Database::applied_migrations() {
  auto l = lease();
  std::vector<std::string> out;
  for (auto& r : l->conn.rows(Query("SELECT module, name FROM schema_migrations ORDER BY applied_at, module, version")))
    out.push_back(r.str(0) + "/" + r.str(1));
  return out;
}
}  // namespace xt::db
