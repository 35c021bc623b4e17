// One storage path for SQLite and PostgreSQL through SOCI: a connection pool, a small
// query builder with named binds (no hand-spliced values), typed rows, transactions and
// numbered migrations.
#pragma once
#include <mutex>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace soci { class session; class connection_pool; }

namespace xt::db {

enum class Dialect { Sqlite, Postgres };

using Value = std::variant<std::monostate, long long, double, std::string>;

struct Row {
  std::vector<Value> cols;
  bool null(size_t i) const { return std::holds_alternative<std::monostate>(cols.at(i)); }
  long long i64(size_t i) const;
  std::optional<long long> opt_i64(size_t i) const { return null(i) ? std::nullopt : std::optional<long long>(i64(i)); }
  std::string str(size_t i) const;  // "" for NULL
  std::optional<std::string> opt_str(size_t i) const { return null(i) ? std::nullopt : std::optional<std::string>(str(i)); }
  bool flag(size_t i) const { return !null(i) && i64(i) != 0; }
};

// SQL text plus values bound by name. Values never enter the text.
class Query {
 public:
  Query() = default;
  explicit Query(std::string_view sql) : text_(sql) {}
  Query& operator<<(std::string_view sql) { text_ += sql; return *this; }
  std::string bind(long long v);
  std::string bind(int v) { return bind((long long)v); }
  std::string bind(std::string v);
  std::string bind(const char* v) { return bind(std::string(v)); }
  std::string bind_null();
  std::string bind(const std::optional<std::string>& v) { return v ? bind(*v) : bind_null(); }
  std::string bind(const std::optional<long long>& v) { return v ? bind(*v) : bind_null(); }
  // ":p1, :p2, …" for an IN list; "NULL" (which matches nothing) when the list is empty.
  std::string bind_list(const std::vector<long long>& values);
  std::string bind_list(const std::vector<std::string>& values);
  // Merges text and binds; the other's bind names are renamed to follow this query's, so
  // that a query built the same way always has the same text (and its prepared statement is
  // reused).
  Query& append(const Query& other);
  const std::string& text() const { return text_; }

  struct Bind { std::string name; int kind; long long i; std::string s; };
  const std::deque<Bind>& binds() const { return binds_; }

 private:
  std::string next_name();
  std::string text_;
  std::deque<Bind> binds_;
  unsigned counter_ = 0;  // per query: the same construction gives the same text
};

// A LIKE pattern matching `text` anywhere (%text%), or at the start (text%), with the
// characters %, _ and the backslash taken literally; use it with ESCAPE '\'.
std::string like_contains(const std::string& text);
std::string like_prefix(const std::string& text);

struct StatementCache;

class Conn {
 public:
  Conn(soci::session& s, Dialect d, StatementCache& cache, unsigned long long database)
      : s_(s), d_(d), cache_(cache), database_(database) {}
  Dialect dialect() const { return d_; }
  // Which Database object of this process the connection came from (never reused), for
  // in-process caches that must keep one entry per database.
  unsigned long long database() const { return database_; }
  std::vector<Row> rows(const Query& q);
  std::optional<Row> row(const Query& q);
  long long scalar(const Query& q);      // first column of the first row, 0 if none
  long long exec(const Query& q);        // affected rows
  void exec_script(const std::string& sql);  // several statements, no binds
  soci::session& session() { return s_; }

 private:
  soci::session& s_;
  Dialect d_;
  StatementCache& cache_;  // this connection's prepared statements
  unsigned long long database_;
};

// A transaction. On SQLite a write transaction also holds this process's writer lock for its
// database: SQLite admits one writer at a time anyway, and a writer waiting in SQLite's busy
// handler sleeps in steps of up to 100 ms, while one waiting on the lock wakes as soon as the
// previous writer commits (the lock is given up after 10 s, leaving the wait to SQLite).
class Tx {
 public:
  Tx(Conn& c, bool write);
  ~Tx();
  void commit();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

 private:
  Conn& c_;
  bool open_ = true;
  std::unique_lock<std::timed_mutex> writer_;
};

struct Lease;

class Database {
 public:
  // `durable`: SQLite syncs its log at every commit (synchronous=FULL), so that a committed
  // answer survives a power cut; false = synchronous=NORMAL (the last commits may be lost).
  // PostgreSQL's durability is the server's own setting (synchronous_commit).
  Database(const std::string& url, size_t pool_size, bool durable = true);
  ~Database();
  Dialect dialect() const { return dialect_; }
  std::string dialect_name() const { return dialect_ == Dialect::Sqlite ? "sqlite" : "postgresql"; }
  std::unique_ptr<Lease> lease();
  void migrate();  // applies every embedded migration not yet recorded
  std::vector<std::string> applied_migrations();

 private:
  Dialect dialect_;
  std::string conn_string_;
  std::string sqlite_path_;
  friend class StartupLock;
  std::unique_ptr<soci::connection_pool> pool_;
  size_t pool_size_;
  std::map<const void*, std::unique_ptr<StatementCache>> caches_;
  unsigned long long serial_;  // see Conn::database()  // by SQLite handle; fixed after construction
};

// Held by a server while it migrates and seeds its built-in data at start, so that servers
// started at once on one database take turns instead of racing (a duplicate key in a
// migration). PostgreSQL: a session advisory lock on a connection of its own; SQLite: an
// exclusive lock on a file beside the database.
class StartupLock {
 public:
  explicit StartupLock(Database& db);
  ~StartupLock();
  StartupLock(const StartupLock&) = delete;
  StartupLock& operator=(const StartupLock&) = delete;

 private:
  std::unique_ptr<soci::session> session_;
  int fd_ = -1;
};

struct Lease {
  std::unique_ptr<soci::session> session;
  Conn conn;
  Lease(std::unique_ptr<soci::session> s, Dialect d, StatementCache& cache, unsigned long long database);
  ~Lease();
};

struct Migration { const char* module; int version; const char* name; const char* sql; };
const std::vector<Migration>& embedded_migrations();
std::string render_migration(const std::string& sql, Dialect d);

long long now_ms();
}  // namespace xt::db
