#include "core/files/retention.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <vector>

namespace fs = std::filesystem;

namespace xt::files {
using db::Query;

namespace {
struct Reference {
  std::string store, table, column, where;
};
std::mutex mu;
std::vector<Reference>& refs() {
  static std::vector<Reference> r;
  return r;
}
std::vector<Reference> refs_of(const std::string& store) {
  std::lock_guard l(mu);
  std::vector<Reference> out;
  for (auto& r : refs())
    if (r.store == store) out.push_back(r);
  return out;
}

// One file's pins and removals are serialized: SQLite has one writer at a time already (write
// transactions begin IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock on it.
void lock_file(db::Conn& c, const std::string& store, const std::string& sha) {
  if (c.dialect() != db::Dialect::Postgres) return;
  Query q("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(hashtext(");
  q << q.bind(store + ":" + sha) << "))) AS l";
  c.scalar(q);
}

bool has_pin(db::Conn& c, const std::string& store, const std::string& sha) {
  Query q("SELECT COUNT(*) FROM file_pins WHERE store = ");
  q << q.bind(store) << " AND sha256 = " << q.bind(sha);
  return c.scalar(q) > 0;
}
}  // namespace

void register_reference(const std::string& store, const std::string& table, const std::string& column, const std::string& where) {
  std::lock_guard l(mu);
  for (auto& r : refs())
    if (r.store == store && r.table == table && r.column == column && r.where == where) return;
  refs().push_back({store, table, column, where});
}

bool referenced(db::Conn& c, const std::string& store, const std::string& sha) {
  for (auto& r : refs_of(store)) {
    Query q("SELECT COUNT(*) FROM ");
    q << r.table << " WHERE " << r.column << " = " << q.bind(sha);
    if (!r.where.empty()) q << " AND (" << r.where << ")";
    if (c.scalar(q) > 0) return true;
  }
  return has_pin(c, store, sha);
}

long long pin(db::Conn& c, const Store& store, const std::string& sha) {
  db::Tx tx(c, true);
  lock_file(c, store.name(), sha);
  Query q("INSERT INTO file_pins (store, sha256, created_at) VALUES (");
  q << q.bind(store.name()) << ", " << q.bind(sha) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  auto id = c.scalar(q);
  tx.commit();
  return id;
}

void unpin(db::Conn& c, long long id) {
  try {
    db::Tx tx(c, true);
    Query q("DELETE FROM file_pins WHERE id = ");
    q << q.bind(id);
    c.exec(q);
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::warn("file pin {} not cleared (the sweep will): {}", id, e.what());
  }
}

void release(db::Conn& c, Store& store, const std::string& sha) {
  if (sha.empty()) return;
  try {
    db::Tx tx(c, true);
    lock_file(c, store.name(), sha);
    if (!referenced(c, store.name(), sha)) store.remove(sha);  // inside the lock: no pin can slip in between
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::warn("stored file {} not released (the sweep will): {}", sha, e.what());
  }
}

std::set<std::string> referenced_files(db::Conn& c, const std::string& store) {
  std::set<std::string> live;
  for (auto& r : refs_of(store)) {
    Query q("SELECT DISTINCT ");
    q << r.column << " FROM " << r.table << " WHERE " << r.column << " IS NOT NULL";
    if (!r.where.empty()) q << " AND (" << r.where << ")";
    for (auto& row : c.rows(q)) live.insert(row.str(0));
  }
  return live;
}

SweepResult sweep(db::Conn& c, Store& store, const std::string& tmp_dir, long long now, long long grace) {
  SweepResult out;
  long long cutoff = now - grace;
  {
    db::Tx tx(c, true);
    Query q("DELETE FROM file_pins WHERE store = ");
    q << q.bind(store.name()) << " AND created_at < " << q.bind(cutoff);
    out.pins_cleared = (int)c.exec(q);
    tx.commit();
  }
  auto live = referenced_files(c, store.name());
  {
    Query q("SELECT DISTINCT sha256 FROM file_pins WHERE store = ");
    q << q.bind(store.name());
    for (auto& row : c.rows(q)) live.insert(row.str(0));
  }
  for (auto& e : store.list()) {
    if (e.stored_at_ms >= cutoff || live.count(e.sha256)) continue;
    db::Tx tx(c, true);
    lock_file(c, store.name(), e.sha256);
    if (!referenced(c, store.name(), e.sha256)) {
      store.remove(e.sha256);
      ++out.files_removed;
    }
    tx.commit();
  }
  if (!tmp_dir.empty()) {
    std::error_code ec;
    for (auto it = fs::directory_iterator(tmp_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      auto t = std::chrono::file_clock::to_sys(it->last_write_time(ec2));
      if (ec2) continue;
      if (std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() < cutoff && fs::remove(it->path(), ec2))
        ++out.temps_removed;
    }
  }
  try {
    store.maintain();
  } catch (const std::exception& e) {
    spdlog::warn("store {}: housekeeping failed: {}", store.name(), e.what());
  }
  if (out.files_removed || out.pins_cleared || out.temps_removed)
    spdlog::info("store {}: {} unreferenced files, {} stale pins, {} temporary files removed", store.name(), out.files_removed,
                 out.pins_cleared, out.temps_removed);
  return out;
}
}  // namespace xt::files
