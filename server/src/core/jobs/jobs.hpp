// Periodic background jobs (deadline reminders …) run on one thread of their own, each in its
// own database lease and transaction scope, never on the request threads. Jobs must be
// idempotent: every server of a deployment runs them.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/db/db.hpp"

namespace xt::jobs {

class Jobs {
 public:
  using Fn = std::function<void(db::Conn&, long long now_ms)>;
  ~Jobs() { stop(); }
  void add(std::string name, Fn fn);
  // Runs every job once; a failing job is logged and does not stop the others. Returns the
  // number of jobs that failed.
  int run_once(db::Database& db, long long now_ms);
  // Runs every job now and then every interval_s seconds until stop(); 0 = never.
  void start(db::Database& db, int interval_s);
  void stop();

 private:
  std::vector<std::pair<std::string, Fn>> jobs_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};
}  // namespace xt::jobs
