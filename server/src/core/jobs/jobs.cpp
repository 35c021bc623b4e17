#include "core/jobs/jobs.hpp"

#include <spdlog/spdlog.h>

namespace xt::jobs {

void Jobs::add(std::string name, Fn fn) { jobs_.emplace_back(std::move(name), std::move(fn)); }

int Jobs::run_once(db::Database& db, long long now_ms) {
  int failed = 0;
  for (auto& [name, fn] : jobs_) {
    try {
      auto lease = db.lease();
      fn(lease->conn, now_ms);
    } catch (const std::exception& e) {
      ++failed;
      spdlog::error("job {} failed: {}", name, e.what());
    }
  }
  return failed;
}

void Jobs::start(db::Database& db, int interval_s) {
  if (interval_s <= 0 || jobs_.empty() || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, &db, interval_s] {
    std::unique_lock lk(mu_);
    while (!stopping_) {
      lk.unlock();
      run_once(db, db::now_ms());
      lk.lock();
      cv_.wait_for(lk, std::chrono::seconds(interval_s), [this] { return stopping_; });
    }
  });
}

void Jobs::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}
}  // namespace xt::jobs
