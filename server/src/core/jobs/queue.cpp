#include "core/jobs/queue.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "core/auth/password.hpp"
#include "core/files/retention.hpp"
#include "core/http/errors.hpp"

namespace xt::jobs {
using db::Query;
namespace bj = boost::json;

namespace {
const char* kColumns =
    "id, kind, scope, job_key, payload, status, done, total, error, attempts, max_attempts, result_name, result_type, "
    "result_sha256, result_size, result_json, owner_user, owner_unit, created_at, finished_at, error_code";

Job from_row(const db::Row& r) {
  Job j;
  j.id = r.i64(0);
  j.kind = r.str(1);
  j.scope = r.str(2);
  j.key = r.str(3);
  try {
    j.payload = bj::parse(r.str(4).empty() ? "{}" : r.str(4));
  } catch (...) {
    j.payload = bj::object{};
  }
  j.status = r.str(5);
  j.done = (int)r.i64(6);
  j.total = (int)r.i64(7);
  j.error = r.str(8);
  j.attempts = (int)r.i64(9);
  j.max_attempts = (int)r.i64(10);
  j.result_name = r.str(11);
  j.result_type = r.str(12);
  j.result_sha256 = r.str(13);
  j.result_size = r.i64(14);
  if (!r.null(15)) {
    try {
      j.result = bj::parse(r.str(15));
    } catch (...) {
    }
  }
  j.owner_user = r.null(16) ? 0 : r.i64(16);
  j.owner_unit = r.null(17) ? 0 : r.i64(17);
  j.created_at = r.i64(18);
  j.finished_at = r.opt_i64(19);
  j.error_code = r.str(20);
  return j;
}

std::mutex kinds_mu;
std::vector<Kind>& kinds() {
  static std::vector<Kind> k;
  return k;
}

void write(db::Conn& c, const Query& q, long long* affected = nullptr) {
  db::Tx tx(c, true);
  auto n = c.exec(q);
  tx.commit();
  if (affected) *affected = n;
}

constexpr const char* kInterrupted = "生成过程中服务中断，已多次重试仍未完成，请重新生成";
}  // namespace

void register_kind(Kind k) {
  std::lock_guard l(kinds_mu);
  for (auto& e : kinds())
    if (e.kind == k.kind) throw std::logic_error("job kind registered twice: " + k.kind);
  kinds().push_back(std::move(k));
}

const Kind* find_kind(const std::string& kind) {
  std::lock_guard l(kinds_mu);
  for (auto& e : kinds())
    if (e.kind == kind) return &e;
  return nullptr;
}

Queue::Queue(db::Database& db, files::Store& generated, std::string tmp_dir, int workers, long long lease_ms)
    : db_(db), generated_(generated), tmp_dir_(std::move(tmp_dir)), workers_(std::max(1, workers)), lease_ms_(lease_ms) {
  char host[128] = {};
  gethostname(host, sizeof host - 1);
  server_id_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + auth::random_token(6);
  files::register_reference(generated_.name(), "jobs", "result_sha256", "status = 'done'");
}

Queue::~Queue() { stop(); }

void Queue::start() {
  std::lock_guard l(mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  for (int i = 0; i < workers_; ++i) threads_.emplace_back([this] { worker_loop(); });
  threads_.emplace_back([this] { keeper_loop(); });
}

void Queue::stop() {
  {
    std::lock_guard l(mu_);
    if (!started_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  std::lock_guard l(mu_);
  started_ = false;
  stopping_ = false;
}

Job Queue::submit(db::Conn& c, const Spec& s) {
  auto* kind = find_kind(s.kind);
  if (!kind) throw unprocessable("jobs.unknown_kind", "没有这种后台任务：" + s.kind, "kind");
  long long id = 0;
  {
    db::Tx tx(c, true);
    if (!s.key.empty()) {
      Query q("SELECT ");
      // The same inputs for the same scope: two calls or districts whose documents happen to be
      // alike never share a job (each may see only its own).
      q << kColumns << " FROM jobs WHERE kind = " << q.bind(s.kind) << " AND scope = " << q.bind(s.scope) << " AND job_key = " << q.bind(s.key)
        << " AND status IN ('queued', 'running', 'done') ORDER BY id DESC LIMIT 1";
      if (auto r = c.row(q)) {
        auto j = from_row(*r);
        if (j.status != "done" || usable(j)) return j;
      }
    }
    Query ins("INSERT INTO jobs (kind, scope, job_key, payload, status, max_attempts, result_name, result_type, owner_user, owner_unit, created_at) VALUES (");
    ins << ins.bind(s.kind) << ", " << ins.bind(s.scope) << ", " << ins.bind(s.key) << ", "
        << ins.bind(bj::serialize(s.payload.is_null() ? bj::value(bj::object{}) : s.payload)) << ", 'queued', "
        << ins.bind(kind->max_attempts) << ", " << ins.bind(s.result_name) << ", " << ins.bind(s.result_type) << ", "
        << (s.owner_user ? ins.bind(s.owner_user) : ins.bind_null()) << ", " << (s.owner_unit ? ins.bind(s.owner_unit) : ins.bind_null()) << ", "
        << ins.bind(db::now_ms()) << ") RETURNING id";
    id = c.scalar(ins);
    tx.commit();
  }
  cv_.notify_one();
  return *get(c, id);
}

std::optional<Job> Queue::get(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kColumns << " FROM jobs WHERE id = " << q.bind(id);
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

std::optional<Job> Queue::latest(db::Conn& c, const std::string& kind, const std::string& scope) {
  Query q("SELECT ");
  q << kColumns << " FROM jobs WHERE kind = " << q.bind(kind) << " AND scope = " << q.bind(scope) << " ORDER BY id DESC LIMIT 1";
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

bool Queue::usable(const Job& j) const { return j.status == "done" && !j.result_sha256.empty() && generated_.has(j.result_sha256); }

std::optional<Job> Queue::claim(db::Conn& c) {
  long long now = db::now_ms();
  std::string kinds_in;
  {
    std::lock_guard l(kinds_mu);
    if (kinds().empty()) return std::nullopt;
    for (auto& k : kinds()) kinds_in += (kinds_in.empty() ? "'" : ", '") + k.kind + "'";  // registered names, not user input
  }
  auto claimable = [&](Query& q) {
    q << "(status = 'queued' OR (status = 'running' AND lease_until < " << q.bind(now) << ")) AND kind IN (" << kinds_in << ")";
  };
  {  // a cheap look first: nothing to claim takes no write lock
    Query q("SELECT COUNT(*) FROM jobs WHERE ");
    claimable(q);
    if (c.scalar(q) == 0) return std::nullopt;
  }
  {  // jobs whose server died too often are failed (nobody holds them: their lease ran out)
    Query q("UPDATE jobs SET status = 'failed', error = ");
    q << q.bind(std::string(kInterrupted)) << ", error_code = 'jobs.interrupted', finished_at = " << q.bind(now) << ", lease_owner = NULL, lease_until = NULL"
      << " WHERE status = 'running' AND lease_until < " << q.bind(now) << " AND attempts >= max_attempts";
    write(c, q);
  }
  db::Tx tx(c, true);
  Query q("UPDATE jobs SET status = 'running', lease_owner = ");
  q << q.bind(server_id_) << ", lease_until = " << q.bind(now + lease_ms_) << ", attempts = attempts + 1, error = '', error_code = ''"
    << " WHERE id = (SELECT id FROM jobs WHERE ";
  claimable(q);
  q << " ORDER BY id LIMIT 1" << (c.dialect() == db::Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "") << ") RETURNING " << kColumns;
  auto r = c.row(q);
  tx.commit();
  if (!r) return std::nullopt;
  return from_row(*r);
}

void Queue::execute(db::Conn& c, Job job) {
  {
    std::lock_guard l(mu_);
    held_.insert(job.id);
  }
  auto held_by_me = [&](Query& q) { q << " WHERE id = " << q.bind(job.id) << " AND lease_owner = " << q.bind(server_id_) << " AND status = 'running'"; };
  bool lost = false;
  auto stopping = [&] {
    std::lock_guard l(mu_);
    return stopping_;
  };
  int last_done = -1;
  auto progress = [&](int done, int total) {
    if (stopping() || lost) return false;
    if (done != last_done) {
      last_done = done;
      Query q("UPDATE jobs SET done = ");
      q << q.bind(done) << ", total = " << q.bind(total);
      held_by_me(q);
      long long n = 0;
      write(c, q, &n);
      if (n == 0) lost = true;  // another server has it now
    }
    return !lost;
  };
  files::TempFile out(tmp_dir_);
  Run run{c, job, progress, out.path, {}, nullptr};
  std::string failure, failure_code = "jobs.failed";
  try {
    auto* kind = find_kind(job.kind);
    if (!kind) throw std::runtime_error("没有这种后台任务：" + job.kind);
    kind->work(run);
  } catch (const ApiError& e) {
    failure = e.what();
    failure_code = e.code;
  } catch (const std::exception& e) {
    failure = e.what();
    if (failure.empty()) failure = "生成失败";
  }
  auto release_hold = [&] {
    std::lock_guard l(mu_);
    held_.erase(job.id);
  };
  try {
    if (stopping() && !lost && !failure.empty()) {  // cut off by the stop: handed back for another server (or this one after a restart)
      Query q("UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL, attempts = attempts - 1");
      held_by_me(q);
      write(c, q);
    } else if (lost) {
      spdlog::warn("job {} was taken over by another server; this server's outcome is dropped", job.id);
    } else if (!failure.empty()) {
      spdlog::warn("job {} ({}) failed: {}", job.id, job.kind, failure);
      Query q("UPDATE jobs SET status = 'failed', error = ");
      q << q.bind(failure.substr(0, 1000)) << ", error_code = " << q.bind(failure_code) << ", finished_at = " << q.bind(db::now_ms()) << ", lease_owner = NULL, lease_until = NULL";
      held_by_me(q);
      write(c, q);
    } else {
      std::string sha = run.stored_sha256;
      long long pin = 0;
      std::error_code ec;
      if (sha.empty() && std::filesystem::exists(out.path, ec)) {
        sha = files::sha256_file(out.path);
        pin = files::pin(c, generated_, sha);
        generated_.put(out.path, sha);
      } else if (!sha.empty()) {
        pin = files::pin(c, generated_, sha);
      }
      long long size = 0;
      if (!sha.empty()) size = std::max(0LL, generated_.size(sha));
      Query q("UPDATE jobs SET status = 'done', done = total, error = '', error_code = '', result_sha256 = ");
      q << (sha.empty() ? q.bind_null() : q.bind(sha)) << ", result_size = " << q.bind(size) << ", result_json = "
        << (run.result.is_null() ? q.bind_null() : q.bind(bj::serialize(run.result))) << ", finished_at = " << q.bind(db::now_ms())
        << ", lease_owner = NULL, lease_until = NULL";
      held_by_me(q);
      long long n = 0;
      write(c, q, &n);
      if (pin) files::unpin(c, pin);
      if (n == 0) {
        if (!sha.empty()) files::release(c, generated_, sha);
        spdlog::warn("job {} finished after another server took it over; its result is dropped", job.id);
      } else {
        job.status = "done";
        supersede_older(c, job);
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("job {} could not be recorded: {}", job.id, e.what());
  }
  release_hold();
}

void Queue::supersede_older(db::Conn& c, const Job& j) {
  if (j.scope.empty()) return;
  Query old("SELECT id, result_sha256 FROM jobs WHERE kind = ");
  old << old.bind(j.kind) << " AND scope = " << old.bind(j.scope) << " AND status = 'done' AND id < " << old.bind(j.id);
  std::vector<std::string> files;
  {
    db::Tx tx(c, true);
    for (auto& r : c.rows(old)) {
      Query u("UPDATE jobs SET status = 'superseded' WHERE id = ");
      u << u.bind(r.i64(0));
      c.exec(u);
      if (!r.null(1)) files.push_back(r.str(1));
    }
    tx.commit();
  }
  for (auto& sha : files) files::release(c, generated_, sha);
}

void Queue::worker_loop() {
  while (true) {
    {
      std::lock_guard l(mu_);
      if (stopping_) return;
    }
    bool ran = false;
    try {
      auto lease = db_.lease();
      if (auto j = claim(lease->conn)) {
        execute(lease->conn, std::move(*j));
        ran = true;
      }
    } catch (const std::exception& e) {
      spdlog::warn("job queue: {}", e.what());
    }
    if (ran) continue;
    std::unique_lock l(mu_);
    // Woken by a job queued on this server; jobs queued on another server are seen within a second.
    cv_.wait_for(l, std::chrono::seconds(1), [this] { return stopping_; });
  }
}

void Queue::keeper_loop() {
  while (true) {
    {
      std::unique_lock l(mu_);
      if (cv_.wait_for(l, std::chrono::milliseconds(lease_ms_ / 3), [this] { return stopping_; })) return;
      if (held_.empty()) continue;
    }
    try {
      auto lease = db_.lease();
      Query q("UPDATE jobs SET lease_until = ");
      q << q.bind(db::now_ms() + lease_ms_) << " WHERE status = 'running' AND lease_owner = " << q.bind(server_id_);
      write(lease->conn, q);
    } catch (const std::exception& e) {
      spdlog::warn("job leases not renewed: {}", e.what());
    }
  }
}

Job Queue::wait(db::Conn& c, long long id, long long timeout_ms) {
  auto until = db::now_ms() + timeout_ms;
  while (true) {
    auto j = get(c, id);
    if (!j) throw not_found("jobs.not_found", "没有这个后台任务");
    if ((j->status != "queued" && j->status != "running") || db::now_ms() >= until) return *j;
    std::this_thread::sleep_for(std::chrono::milliseconds(j->status == "queued" ? 50 : 25));
  }
}

int Queue::run_pending() {
  int n = 0;
  auto lease = db_.lease();
  while (auto j = claim(lease->conn)) {
    execute(lease->conn, std::move(*j));
    ++n;
  }
  return n;
}

bool Queue::wait_idle(long long timeout_ms) {
  auto until = db::now_ms() + timeout_ms;
  while (db::now_ms() < until) {
    {
      auto lease = db_.lease();
      if (lease->conn.scalar(Query("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")) == 0) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}
}  // namespace xt::jobs
