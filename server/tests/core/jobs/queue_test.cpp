// The job queue on a migrated SQLite file: a job runs with progress and keeps its file, the
// same key reuses it and a new key makes another, a vanished file is made again, failures keep
// their message and code, an expired lease is taken over and too many lost leases fail the job,
// a server never records the outcome of a job it no longer holds, a stopping server hands its
// jobs back, two servers never run one job twice, newer jobs supersede older ones.
#include "core/jobs/queue.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "core/files/retention.hpp"
#include "core/http/errors.hpp"

namespace fs = std::filesystem;
namespace bj = boost::json;

namespace xt::jobs {
namespace {
using db::Query;

std::atomic<int> runs{0};
std::mutex seen_mu;
std::map<long long, int> seen;  // job id → times its work ran
std::atomic<bool> release_waiters{false};

void register_test_kinds() {
  static bool once = [] {
    Kind echo{"test.echo", "回声"};
    echo.work = [](Run& run) {
      ++runs;
      {
        std::lock_guard l(seen_mu);
        ++seen[run.job.id];
      }
      for (int i = 0; i <= 3; ++i) run.progress(i, 3);
      std::ofstream(run.out_path, std::ios::binary) << run.job.payload.as_object().at("text").as_string().c_str();
      run.result = bj::object{{"lines", 3}};
    };
    register_kind(std::move(echo));
    Kind fail{"test.fail", "失败"};
    fail.work = [](Run&) { throw unprocessable("test.unreadable", "佐证材料「签到表」已无法读取"); };
    register_kind(std::move(fail));
    Kind wait{"test.wait", "等待"};
    wait.work = [](Run& run) {
      while (!release_waiters && run.progress(0, 1)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (!release_waiters) throw std::runtime_error("cut off");
      std::ofstream(run.out_path) << "waited";
    };
    register_kind(std::move(wait));
    Kind steal{"test.steal", "被接管"};
    steal.work = [](Run& run) {  // another server takes the job over while this one works
      Query q("UPDATE jobs SET lease_owner = 'other-server' WHERE id = ");
      q << q.bind(run.job.id);
      db::Tx tx(run.conn, true);
      run.conn.exec(q);
      tx.commit();
      EXPECT_FALSE(run.progress(1, 2)) << "progress tells the work it lost the job";
      std::ofstream(run.out_path) << "late result";
    };
    register_kind(std::move(steal));
    return true;
  }();
  (void)once;
}

struct QueueTest : ::testing::Test {
  fs::path dir;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;
  std::unique_ptr<files::LocalStore> generated;
  std::unique_ptr<Queue> queue;

  void SetUp() override {
    register_test_kinds();
    runs = 0;
    release_waiters = false;
    std::string tmpl = (fs::temp_directory_path() / "xt-queue-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir = tmpl;
    database = std::make_unique<db::Database>("sqlite:" + (dir / "x.db").string(), 8);
    database->migrate();
    lease = database->lease();
    generated = std::make_unique<files::LocalStore>("generated", (dir / "generated").string());
    queue = std::make_unique<Queue>(*database, *generated, (dir / "tmp").string(), 1, 600);
  }
  void TearDown() override {
    queue.reset();
    lease.reset();
    database.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  db::Conn& c() { return lease->conn; }
  Job ask(const std::string& key, const std::string& text, const std::string& scope = "package:1:2", const std::string& kind = "test.echo") {
    return queue->submit(c(), Spec{kind, scope, key, bj::object{{"text", text}}, "材料包.zip", "application/zip", 0, 0});
  }
};

TEST_F(QueueTest, AJobRunsOffTheCallerReportsProgressAndKeepsItsFile) {
  auto j = ask("k1", "压缩包内容");
  EXPECT_EQ(j.status, "queued");
  EXPECT_EQ(queue->run_pending(), 1);
  auto done = queue->get(c(), j.id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, "done");
  EXPECT_EQ(done->done, 3);
  EXPECT_EQ(done->total, 3);
  EXPECT_EQ(done->attempts, 1);
  EXPECT_EQ(done->result_size, (long long)std::string("压缩包内容").size());
  EXPECT_EQ(done->result.as_object().at("lines").as_int64(), 3);
  EXPECT_EQ(generated->read(done->result_sha256), "压缩包内容");
  EXPECT_EQ(queue->latest(c(), "test.echo", "package:1:2")->id, j.id);
  EXPECT_FALSE(queue->latest(c(), "test.echo", "package:1:3"));
}

TEST_F(QueueTest, WorkersStartedWithTheServerPickJobsUp) {
  queue->start();
  auto j = ask("k1", "后台");
  ASSERT_TRUE(queue->wait_idle(10000));
  EXPECT_EQ(queue->get(c(), j.id)->status, "done");
  queue->stop();
}

TEST_F(QueueTest, TheSameKeyReusesTheJobAndANewKeyMakesAnother) {
  auto a = ask("k1", "一");
  queue->run_pending();
  auto again = ask("k1", "一");
  EXPECT_EQ(again.id, a.id);
  EXPECT_EQ(again.status, "done");
  auto other = ask("k2", "二");
  EXPECT_NE(other.id, a.id);
  queue->run_pending();
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(queue->latest(c(), "test.echo", "package:1:2")->id, other.id);
}

TEST_F(QueueTest, TheSameKeyInAnotherScopeIsAJobOfItsOwn) {
  // Two districts (or calls) whose documents happen to be alike: each has its own job, which
  // only it may follow.
  auto a = ask("same-inputs", "一", "package:1:2");
  queue->run_pending();
  auto b = ask("same-inputs", "一", "package:7:8");
  EXPECT_NE(b.id, a.id);
  EXPECT_EQ(b.scope, "package:7:8");
  queue->run_pending();
  EXPECT_EQ(queue->latest(c(), "test.echo", "package:7:8")->id, b.id);
  EXPECT_EQ(queue->get(c(), a.id)->status, "done") << "the other scope's job is not superseded";
}

TEST_F(QueueTest, AFinishedJobWhoseFileVanishedIsMadeAgain) {
  auto a = ask("k1", "一");
  queue->run_pending();
  fs::remove(generated->local_path(queue->get(c(), a.id)->result_sha256));
  EXPECT_FALSE(queue->usable(*queue->get(c(), a.id)));
  auto b = ask("k1", "一");
  EXPECT_NE(b.id, a.id);
  queue->run_pending();
  EXPECT_TRUE(queue->usable(*queue->get(c(), b.id)));
}

TEST_F(QueueTest, AFailureKeepsItsMessageAndCodeAndIsNotReused) {
  auto a = ask("k1", "", "s", "test.fail");
  queue->run_pending();
  auto failed = queue->get(c(), a.id);
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error, "佐证材料「签到表」已无法读取");
  EXPECT_EQ(failed->error_code, "test.unreadable");
  EXPECT_TRUE(failed->finished_at);
  auto retry = ask("k1", "", "s", "test.fail");
  EXPECT_NE(retry.id, a.id) << "a failed job is tried again";
}

TEST_F(QueueTest, AnUnknownKindIsRefused) {
  try {
    ask("k", "x", "s", "test.nothing");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.code, "jobs.unknown_kind");
  }
}

TEST_F(QueueTest, AJobWhoseServerDiedIsTakenOverAndOneThatDiedTooOftenFails) {
  long long now = db::now_ms();
  auto insert = [&](int attempts, long long lease_until, const char* owner) {
    Query q("INSERT INTO jobs (kind, scope, job_key, payload, status, attempts, max_attempts, lease_owner, lease_until, created_at) VALUES ('test.echo', 's', '', '{\"text\":\"接手\"}', 'running', ");
    q << q.bind(attempts) << ", 3, " << q.bind(std::string(owner)) << ", " << q.bind(lease_until) << ", " << q.bind(now) << ") RETURNING id";
    return c().scalar(q);
  };
  auto expired = insert(1, now - 1000, "dead-server");
  auto exhausted = insert(3, now - 1000, "dead-server");
  auto alive = insert(1, now + 60000, "live-server");
  EXPECT_EQ(queue->run_pending(), 1);
  auto taken = queue->get(c(), expired);
  EXPECT_EQ(taken->status, "done");
  EXPECT_EQ(taken->attempts, 2);
  EXPECT_EQ(taken->error, "");
  EXPECT_EQ(generated->read(taken->result_sha256), "接手");
  auto gave_up = queue->get(c(), exhausted);
  EXPECT_EQ(gave_up->status, "failed");
  EXPECT_EQ(gave_up->error_code, "jobs.interrupted");
  auto held = queue->get(c(), alive);
  EXPECT_EQ(held->status, "running") << "a job another server still holds is left alone";
  EXPECT_EQ(held->attempts, 1);
}

TEST_F(QueueTest, AServerThatLostTheJobRecordsNothing) {
  auto j = ask("k", "", "s", "test.steal");
  queue->run_pending();
  auto after = queue->get(c(), j.id);
  EXPECT_EQ(after->status, "running") << "the other server's job stays its own";
  EXPECT_TRUE(after->result_sha256.empty());
  EXPECT_TRUE(generated->list().empty()) << "the late result left no file";
}

TEST_F(QueueTest, AStoppingServerHandsItsRunningJobBack) {
  queue->start();
  auto j = ask("k", "", "s", "test.wait");
  for (int i = 0; i < 400 && queue->get(c(), j.id)->status != "running"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(queue->get(c(), j.id)->status, "running");
  queue->stop();
  auto back = queue->get(c(), j.id);
  EXPECT_EQ(back->status, "queued");
  EXPECT_EQ(back->attempts, 0) << "handing back does not count as a failed attempt";
  EXPECT_EQ(back->error, "");
  release_waiters = true;
  EXPECT_EQ(queue->run_pending(), 1) << "another server (or this one restarted) takes it";
  EXPECT_EQ(queue->get(c(), j.id)->status, "done");
}

TEST_F(QueueTest, TwoServersOnOneDatabaseNeverRunAJobTwice) {
  {
    std::lock_guard l(seen_mu);
    seen.clear();
  }
  std::vector<long long> ids;
  for (int i = 0; i < 24; ++i) ids.push_back(ask("", "任务" + std::to_string(i), "s" + std::to_string(i)).id);
  Queue other(*database, *generated, (dir / "tmp").string(), 2, 600);
  queue = std::make_unique<Queue>(*database, *generated, (dir / "tmp").string(), 2, 600);
  queue->start();
  other.start();
  ASSERT_TRUE(queue->wait_idle(30000));
  other.stop();
  queue->stop();
  std::lock_guard l(seen_mu);
  for (auto id : ids) {
    EXPECT_EQ(seen[id], 1) << "job " << id;
    EXPECT_EQ(queue->get(c(), id)->status, "done");
  }
}

TEST_F(QueueTest, ANewerJobOfTheScopeSupersedesTheOlderAndRemovesItsFile) {
  auto a = ask("k1", "旧的材料包");
  queue->run_pending();
  auto old_sha = queue->get(c(), a.id)->result_sha256;
  ASSERT_TRUE(generated->has(old_sha));
  auto b = ask("k2", "新的材料包");
  queue->run_pending();
  EXPECT_EQ(queue->get(c(), a.id)->status, "superseded");
  EXPECT_FALSE(generated->has(old_sha)) << "the superseded ZIP is removed";
  EXPECT_TRUE(generated->has(queue->get(c(), b.id)->result_sha256));
  auto other = ask("k3", "别的单位", "package:1:9");
  queue->run_pending();
  EXPECT_EQ(queue->get(c(), b.id)->status, "done") << "another scope leaves it alone";
  EXPECT_EQ(queue->get(c(), other.id)->status, "done");
}

TEST_F(QueueTest, TwoScopesWithTheSameBytesShareAFileThatStaysWhileUsed) {
  auto a = ask("k1", "同样的内容", "scope-a");
  auto b = ask("k2", "同样的内容", "scope-b");
  queue->run_pending();
  auto sha = queue->get(c(), a.id)->result_sha256;
  EXPECT_EQ(queue->get(c(), b.id)->result_sha256, sha);
  ask("k3", "新内容", "scope-a");
  queue->run_pending();
  EXPECT_EQ(queue->get(c(), a.id)->status, "superseded");
  EXPECT_TRUE(generated->has(sha)) << "scope-b still refers to it";
}
}  // namespace
}  // namespace xt::jobs
