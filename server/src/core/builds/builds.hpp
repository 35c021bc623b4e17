// Documents built in the background (a district's package ZIP …) on a thread pool of their own,
// never on the request threads. A build reports progress (done/total) while it runs and keeps
// its result in the content store; a request whose inputs fingerprint to the same key gets the
// finished (or still running) build back instead of a new one, so a package can be fetched
// again later without rebuilding, and a changed case (a new key) makes a new build.
#pragma once
#include <boost/asio/thread_pool.hpp>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/db/db.hpp"

namespace xt::builds {

// Generated documents live in a store of their own (DATA_DIR/generated), apart from uploads,
// so superseded ones can be removed without touching a file someone uploaded.
std::string generated_root(const std::string& data_dir);
// Removes a generated file unless a finished build or a cache entry still refers to it.
void remove_if_unreferenced(db::Conn& c, const std::string& data_dir, const std::string& sha256);

struct Build {
  long long id = 0;
  std::string kind, scope, key, status;  // status: queued, running, done, failed, superseded
  int done = 0, total = 0;
  std::string error, file_name, content_type, sha256;
  long long size = 0, requested_by = 0, created_at = 0;
  std::optional<long long> finished_at;
};

// Reports progress; returns false when the build should give up (server stopping).
using Progress = std::function<bool(int done, int total)>;
// Writes the document to out_path (a temporary file moved into the store afterwards). Throwing
// std::exception fails the build with the exception's message (which the user sees: it should
// be Chinese and name what is wrong).
using Work = std::function<void(db::Conn&, const Progress&, const std::string& out_path)>;

class Builds {
 public:
  Builds(db::Database& db, std::string data_dir, int threads);
  ~Builds();
  // The pool for document requests answered at once (a case's DOCX or PDF, an XLSX table):
  // apart from the API's workers, and apart from the background builds so that a download
  // does not wait for a package to finish.
  boost::asio::thread_pool& pool() { return requests_; }

  // Reuses a queued, running or finished build of the same kind and key (whose file is still
  // stored); otherwise records a new one (committed on c) and queues the work.
  Build request(db::Conn& c, const std::string& kind, const std::string& scope, const std::string& key, long long user,
                const std::string& file_name, const std::string& content_type, Work work);
  std::optional<Build> get(db::Conn& c, long long id);
  // The newest build of a scope, whatever its key (to tell the user it is out of date).
  std::optional<Build> latest(db::Conn& c, const std::string& kind, const std::string& scope);
  // Builds left queued or running by a previous process are marked failed.
  static void recover(db::Conn& c);
  // Blocks until every queued build has finished (tests, benchmarks).
  void wait_idle();

 private:
  void run(long long id, Work work);
  // The older finished builds of the same scope give way to this one; their files go.
  void supersede_older(db::Conn& c, long long id);
  db::Database& db_;
  std::string data_dir_;
  boost::asio::thread_pool pool_;      // background builds
  boost::asio::thread_pool requests_;  // document requests
  std::mutex mu_;
  std::condition_variable idle_;
  int pending_ = 0;
  bool stopping_ = false;
};
}  // namespace xt::builds
