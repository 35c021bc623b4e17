#include "core/builds/builds.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/files/store.hpp"

namespace xt::builds {
using db::Query;

namespace {
const char* kColumns = "id, kind, scope, build_key, status, done, total, error, file_name, content_type, sha256, size, requested_by, created_at, finished_at";

Build from_row(const db::Row& r) {
  Build b;
  b.id = r.i64(0);
  b.kind = r.str(1);
  b.scope = r.str(2);
  b.key = r.str(3);
  b.status = r.str(4);
  b.done = (int)r.i64(5);
  b.total = (int)r.i64(6);
  b.error = r.str(7);
  b.file_name = r.str(8);
  b.content_type = r.str(9);
  b.sha256 = r.str(10);
  b.size = r.i64(11);
  b.requested_by = r.null(12) ? 0 : r.i64(12);
  b.created_at = r.i64(13);
  b.finished_at = r.opt_i64(14);
  return b;
}
}  // namespace

std::string generated_root(const std::string& data_dir) { return data_dir + "/generated"; }

void remove_if_unreferenced(db::Conn& c, const std::string& data_dir, const std::string& sha) {
  if (sha.empty()) return;
  Query b("SELECT COUNT(*) FROM document_builds WHERE status = 'done' AND sha256 = ");
  b << b.bind(sha);
  Query k("SELECT COUNT(*) FROM document_cache WHERE sha256 = ");
  k << k.bind(sha);
  if (c.scalar(b) > 0 || c.scalar(k) > 0) return;
  std::error_code ec;
  std::filesystem::remove(files::Store(generated_root(data_dir)).path_of(sha), ec);
}

Builds::Builds(db::Database& db, std::string data_dir, int threads)
    : db_(db), data_dir_(std::move(data_dir)), pool_((size_t)std::max(1, threads)), requests_((size_t)std::max(1, threads)) {}

Builds::~Builds() {
  {
    std::lock_guard l(mu_);
    stopping_ = true;
  }
  requests_.join();
  pool_.join();
}

std::optional<Build> Builds::get(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kColumns << " FROM document_builds WHERE id = " << q.bind(id);
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

std::optional<Build> Builds::latest(db::Conn& c, const std::string& kind, const std::string& scope) {
  Query q("SELECT ");
  q << kColumns << " FROM document_builds WHERE kind = " << q.bind(kind) << " AND scope = " << q.bind(scope) << " ORDER BY id DESC LIMIT 1";
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

Build Builds::request(db::Conn& c, const std::string& kind, const std::string& scope, const std::string& key, long long user,
                      const std::string& file_name, const std::string& content_type, Work work) {
  long long id = 0;
  {
    db::Tx tx(c, true);
    Query q("SELECT ");
    q << kColumns << " FROM document_builds WHERE kind = " << q.bind(kind) << " AND build_key = " << q.bind(key)
      << " AND status IN ('queued', 'running', 'done') ORDER BY id DESC LIMIT 1";
    if (auto r = c.row(q)) {
      auto b = from_row(*r);
      if (b.status != "done" || files::Store(generated_root(data_dir_)).has(b.sha256)) return b;
    }
    Query ins("INSERT INTO document_builds (kind, scope, build_key, status, file_name, content_type, requested_by, created_at) VALUES (");
    ins << ins.bind(kind) << ", " << ins.bind(scope) << ", " << ins.bind(key) << ", 'queued', " << ins.bind(file_name) << ", "
        << ins.bind(content_type) << ", " << (user ? ins.bind(user) : ins.bind_null()) << ", " << ins.bind(db::now_ms()) << ") RETURNING id";
    id = c.scalar(ins);
    tx.commit();
  }
  auto b = *get(c, id);
  {
    std::lock_guard l(mu_);
    ++pending_;
  }
  boost::asio::post(pool_, [this, id = b.id, work = std::move(work)] { run(id, work); });
  return b;
}

void Builds::run(long long id, Work work) {
  auto finish = [this] {
    std::lock_guard l(mu_);
    if (--pending_ == 0) idle_.notify_all();
  };
  try {
    auto lease = db_.lease();
    auto& c = lease->conn;
    auto set = [&](Query q) {
      db::Tx tx(c, true);
      c.exec(q);
      tx.commit();
    };
    {
      Query q("UPDATE document_builds SET status = 'running' WHERE id = ");
      q << q.bind(id);
      set(q);
    }
    int last_done = -1;
    Progress progress = [&](int done, int total) {
      {
        std::lock_guard l(mu_);
        if (stopping_) return false;
      }
      if (done != last_done) {
        last_done = done;
        Query q("UPDATE document_builds SET done = ");
        q << q.bind(done) << ", total = " << q.bind(total) << " WHERE id = " << q.bind(id);
        set(q);
      }
      return true;
    };
    try {
      files::TempFile out(data_dir_ + "/tmp");
      work(c, progress, out.path);
      auto size = (long long)std::filesystem::file_size(out.path);
      auto sha = files::Store(generated_root(data_dir_)).put(out.path);
      Query q("UPDATE document_builds SET status = 'done', done = total, sha256 = ");
      q << q.bind(sha) << ", size = " << q.bind(size) << ", finished_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id);
      set(q);
      supersede_older(c, id);
    } catch (const std::exception& e) {
      spdlog::warn("build {} failed: {}", id, e.what());
      Query q("UPDATE document_builds SET status = 'failed', error = ");
      q << q.bind(std::string(e.what()).substr(0, 1000)) << ", finished_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id);
      set(q);
    }
  } catch (const std::exception& e) {
    spdlog::error("build {} could not be recorded: {}", id, e.what());
  }
  finish();
}

void Builds::supersede_older(db::Conn& c, long long id) {
  auto b = get(c, id);
  if (!b) return;
  Query old("SELECT id, sha256 FROM document_builds WHERE kind = ");
  old << old.bind(b->kind) << " AND scope = " << old.bind(b->scope) << " AND status = 'done' AND id < " << old.bind(id);
  std::vector<std::string> files;
  {
    db::Tx tx(c, true);
    for (auto& r : c.rows(old)) {
      Query u("UPDATE document_builds SET status = 'superseded' WHERE id = ");
      u << u.bind(r.i64(0));
      c.exec(u);
      files.push_back(r.str(1));
    }
    tx.commit();
  }
  for (auto& sha : files) remove_if_unreferenced(c, data_dir_, sha);
}

void Builds::recover(db::Conn& c) {
  db::Tx tx(c, true);
  Query q("UPDATE document_builds SET status = 'failed', error = '服务重启，生成中断，请重新生成', finished_at = ");
  q << q.bind(db::now_ms()) << " WHERE status IN ('queued', 'running')";
  c.exec(q);
  tx.commit();
}

void Builds::wait_idle() {
  std::unique_lock l(mu_);
  idle_.wait(l, [this] { return pending_ == 0; });
}
}  // namespace xt::builds
