// Background document builds: progress, the file in the store, reuse of a finished build with
// the same key, failures with their message, a vanished file rebuilt, builds cut off by a
// restart marked failed; and the fingerprint cache. On a migrated SQLite file.
#include "core/builds/builds.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "core/builds/cache.hpp"
#include "core/files/store.hpp"

namespace fs = std::filesystem;

namespace xt::builds {
namespace {
using db::Query;

struct BuildsTest : ::testing::Test {
  fs::path dir;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;
  std::unique_ptr<Builds> builds;

  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "xt-builds-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir = tmpl;
    database = std::make_unique<db::Database>("sqlite:" + (dir / "x.db").string(), 3);
    database->migrate();
    lease = database->lease();
    builds = std::make_unique<Builds>(*database, dir.string(), 1);
  }
  void TearDown() override {
    builds.reset();
    lease.reset();
    database.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  db::Conn& c() { return lease->conn; }
  Build ask(const std::string& key, Work w) { return builds->request(c(), "package", "package:1:2", key, 0, "材料包.zip", "application/zip", std::move(w)); }
  static Work writes(std::string text, std::atomic<int>* runs = nullptr) {
    return [text, runs](db::Conn&, const Progress& progress, const std::string& out) {
      if (runs) ++*runs;
      for (int i = 0; i <= 3; ++i) progress(i, 3);
      std::ofstream(out, std::ios::binary) << text;
    };
  }
};

TEST_F(BuildsTest, ABuildRunsOffTheCallerAndKeepsItsFile) {
  auto b = ask("k1", writes("压缩包内容"));
  EXPECT_EQ(b.status, "queued");
  builds->wait_idle();
  auto done = builds->get(c(), b.id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, "done");
  EXPECT_EQ(done->done, 3);
  EXPECT_EQ(done->total, 3);
  EXPECT_EQ(done->size, (long long)std::string("压缩包内容").size());
  EXPECT_TRUE(done->finished_at);
  EXPECT_EQ(files::Store(generated_root(dir.string())).read(done->sha256), "压缩包内容");
  EXPECT_EQ(builds->latest(c(), "package", "package:1:2")->id, b.id);
  EXPECT_FALSE(builds->latest(c(), "package", "package:1:3"));
}

TEST_F(BuildsTest, TheSameKeyReusesTheBuildAndANewKeyMakesAnother) {
  std::atomic<int> runs = 0;
  auto a = ask("k1", writes("一", &runs));
  builds->wait_idle();
  auto again = ask("k1", writes("一", &runs));
  EXPECT_EQ(again.id, a.id);
  EXPECT_EQ(again.status, "done");
  auto other = ask("k2", writes("二", &runs));
  EXPECT_NE(other.id, a.id);
  builds->wait_idle();
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(builds->latest(c(), "package", "package:1:2")->id, other.id);
}

TEST_F(BuildsTest, AFinishedBuildWhoseFileVanishedIsBuiltAgain) {
  auto a = ask("k1", writes("一"));
  builds->wait_idle();
  auto sha = builds->get(c(), a.id)->sha256;
  fs::remove(files::Store(generated_root(dir.string())).path_of(sha));
  auto b = ask("k1", writes("一"));
  EXPECT_NE(b.id, a.id);
  builds->wait_idle();
  EXPECT_EQ(builds->get(c(), b.id)->status, "done");
}

TEST_F(BuildsTest, AFailureKeepsItsMessageAndIsNotReused) {
  auto a = ask("k1", [](db::Conn&, const Progress&, const std::string&) { throw std::runtime_error("佐证材料「签到表」已无法读取"); });
  builds->wait_idle();
  auto failed = builds->get(c(), a.id);
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error, "佐证材料「签到表」已无法读取");
  auto retry = ask("k1", writes("好了"));
  EXPECT_NE(retry.id, a.id) << "a failed build is tried again";
  builds->wait_idle();
  EXPECT_EQ(builds->get(c(), retry.id)->status, "done");
}

TEST_F(BuildsTest, BuildsCutOffByARestartAreMarkedFailed) {
  for (auto* st : {"queued", "running", "done"}) {
    Query q("INSERT INTO document_builds (kind, scope, build_key, status, created_at) VALUES ('package', 's', 'k', ");
    q << q.bind(std::string(st)) << ", 0)";
    c().exec(q);
  }
  Builds::recover(c());
  EXPECT_EQ(c().scalar(Query("SELECT COUNT(*) FROM document_builds WHERE status = 'failed' AND error LIKE '%服务重启%'")), 2);
  EXPECT_EQ(c().scalar(Query("SELECT COUNT(*) FROM document_builds WHERE status = 'done'")), 1);
}

TEST_F(BuildsTest, TheCacheMakesADocumentOncePerKey) {
  int made = 0;
  auto make = [&] {
    ++made;
    return std::string("档案") + std::to_string(made);
  };
  auto a = cached(c(), dir.string(), "case:1", "key-a", make);
  EXPECT_EQ(cached(c(), dir.string(), "case:1", "key-a", make), a);
  EXPECT_EQ(made, 1);
  auto b = cached(c(), dir.string(), "case:2", "key-b", make);
  EXPECT_NE(b, a);
  EXPECT_EQ(made, 2);
  fs::remove(files::Store(generated_root(dir.string())).path_of(a));
  EXPECT_EQ(files::Store(generated_root(dir.string())).read(cached(c(), dir.string(), "case:1", "key-a", make)), "档案3") << "a vanished file is made again";
}
TEST_F(BuildsTest, ANewerBuildOfTheScopeSupersedesTheOlderAndRemovesItsFile) {
  auto a = ask("k1", writes("旧的材料包"));
  builds->wait_idle();
  auto old_sha = builds->get(c(), a.id)->sha256;
  files::Store store(generated_root(dir.string()));
  ASSERT_TRUE(store.has(old_sha));
  auto b = ask("k2", writes("新的材料包"));
  builds->wait_idle();
  EXPECT_EQ(builds->get(c(), a.id)->status, "superseded");
  EXPECT_FALSE(store.has(old_sha)) << "the superseded ZIP is removed";
  EXPECT_TRUE(store.has(builds->get(c(), b.id)->sha256));
  auto other = builds->request(c(), "package", "package:1:9", "k3", 0, "x.zip", "application/zip", writes("别的单位"));
  builds->wait_idle();
  EXPECT_EQ(builds->get(c(), b.id)->status, "done") << "another scope leaves it alone";
  EXPECT_EQ(builds->get(c(), other.id)->status, "done");
}

TEST_F(BuildsTest, ANewCacheEntryReplacesTheOlderOfItsScopeButKeepsSharedFiles) {
  files::Store store(generated_root(dir.string()));
  auto v1 = cached(c(), dir.string(), "case:1", "v1", [] { return std::string("第一版"); });
  auto v2 = cached(c(), dir.string(), "case:1", "v2", [] { return std::string("第二版"); });
  EXPECT_FALSE(store.has(v1)) << "the older archive of the case is removed";
  EXPECT_TRUE(store.has(v2));
  EXPECT_EQ(c().scalar(Query("SELECT COUNT(*) FROM document_cache WHERE scope = 'case:1'")), 1);
  // Two cases whose archives are byte for byte the same share one file: it stays while used.
  auto same = cached(c(), dir.string(), "case:2", "w1", [] { return std::string("第二版"); });
  EXPECT_EQ(same, v2);
  cached(c(), dir.string(), "case:1", "v3", [] { return std::string("第三版"); });
  EXPECT_TRUE(store.has(v2)) << "case 2 still uses it";
}
}  // namespace
}  // namespace xt::builds
