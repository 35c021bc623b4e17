// One database-backed queue for all slow work (document builds, bulk notices, imports,
// exports). A module registers a kind of job: how to prepare one from a request (checking who
// may start it), what the work is, and who besides its requester may follow and download it.
//
// Any server claims the next job (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer
// at a time), holds it under a lease it renews while the work runs, and records the outcome
// only while it still holds the lease. A job whose lease expired (its server died) is taken up
// again by whichever server looks next, up to its kind's attempts; a server never fails or
// finishes a job it does not hold. A server that stops hands its running jobs back at once.
// A request whose inputs fingerprint to the key of a queued, running or finished job of the
// same kind gets that job back instead of a new one; a newer finished job of the same scope
// supersedes the older ones, whose files leave the store.
#pragma once
#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::jobs {

struct Job {
  long long id = 0;
  std::string kind, scope, key, status;  // status: queued, running, done, failed, superseded
  boost::json::value payload;
  int done = 0, total = 0, attempts = 0, max_attempts = 0;
  std::string error, error_code;  // the failure as the user sees it, and its code
  std::string result_name, result_type, result_sha256;
  long long result_size = 0;
  boost::json::value result;  // a summary the work left (counts …), null when none
  long long owner_user = 0, owner_unit = 0, created_at = 0;
  std::optional<long long> finished_at;
};

// What a module asks the queue for.
struct Spec {
  std::string kind;
  std::string scope;             // what the job is about (e.g. "package:3:12"); newer supersede older
  std::string key;               // fingerprint of every input; "" = never reuse
  boost::json::value payload;    // what the work needs (ids, options)
  std::string result_name, result_type;  // the download's file name and MIME type
  long long owner_user = 0, owner_unit = 0;
};

// Handed to the work function.
struct Run {
  db::Conn& conn;
  const Job& job;
  // Reports progress; false when the job should stop (this server is stopping or lost it).
  std::function<bool(int done, int total)> progress;
  std::string out_path;        // write the result file here (a temporary file, put into the store)
  std::string stored_sha256;   // or name a file already in the store of generated documents
  boost::json::value result;   // optional summary shown with the job
};

struct Kind {
  std::string kind;    // "cases.package"
  std::string label;   // Chinese, "推荐材料包"
  int max_attempts = 3;
  // Throw std::exception to fail the job: its message is what the user sees (Chinese, naming
  // what is wrong). An ApiError's message is shown the same way.
  std::function<void(Run&)> work;
  // The permissions of which a principal needs one to follow jobs of this kind that are not
  // their own (none: any signed-in user); without any, 403.
  std::vector<std::string> perms;
  // From the parameters of a start request: the job to queue, after checking that the
  // principal may start it (throw ApiError 403/404/422 otherwise).
  std::function<Spec(db::Conn&, const access::Principal&, const boost::json::value& params)> prepare;
  // Besides its requester, may this principal follow the job and download its result?
  std::function<bool(db::Conn&, const access::Principal&, const Job&)> may_see;
};
void register_kind(Kind k);
const Kind* find_kind(const std::string& kind);

class Queue {
 public:
  // `workers` threads run jobs on this server.
  Queue(db::Database& db, files::Store& generated, std::string tmp_dir, int workers, long long lease_ms = 30000);
  ~Queue();
  void start();  // workers and the lease keeper; jobs queued before start wait
  void stop();   // running jobs are handed back (queued again) for another server
  const std::string& server_id() const { return server_id_; }

  // Reuses a queued, running or finished job of the same kind and key (whose file is still
  // stored); otherwise queues a new one. Unknown kinds throw ApiError 422 jobs.unknown_kind.
  Job submit(db::Conn& c, const Spec& spec);
  std::optional<Job> get(db::Conn& c, long long id);
  // The newest job of a kind and scope, whatever its key.
  std::optional<Job> latest(db::Conn& c, const std::string& kind, const std::string& scope);
  // Is the result of a finished job still in the store?
  bool usable(const Job& j) const;
  files::Store& generated() { return generated_; }

  // Claims and runs jobs on the calling thread until none is left to claim (tests, tools).
  int run_pending();
  // Waits (polling) until the job has finished, failed or been superseded, or timeout_ms passed.
  Job wait(db::Conn& c, long long id, long long timeout_ms);
  // Blocks until no job is queued or running (tests, benchmarks); false after timeout_ms.
  bool wait_idle(long long timeout_ms = 120000);

 private:
  std::optional<Job> claim(db::Conn& c);
  void execute(db::Conn& c, Job job);
  void worker_loop();
  void keeper_loop();
  bool still_held(long long id);
  void supersede_older(db::Conn& c, const Job& j);

  db::Database& db_;
  files::Store& generated_;
  std::string tmp_dir_;
  int workers_;
  long long lease_ms_;
  std::string server_id_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool started_ = false;
  std::set<long long> held_;  // jobs this server runs now
};
}  // namespace xt::jobs
