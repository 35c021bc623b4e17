// Servers started at once on one empty database take turns migrating and seeding: all of them
// come up, and every migration is applied once.
#include "integration/harness.hpp"

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>
#include <vector>

#include "core/db/db.hpp"

namespace xt::itest {
namespace {

TEST(Startup, ThreeServersStartedAtOnceOnAnEmptyDatabaseAllComeUp) {
  auto url = empty_database("start");
  std::vector<Server> servers(3);
  std::vector<std::string> failures(3);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < servers.size(); ++i)
    threads.emplace_back([&, i] {
      try {
        servers[i].start(url, {}, /*demo=*/false);
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < servers.size(); ++i) {
    EXPECT_EQ(failures[i], "") << "server " << i;
    if (!failures[i].empty()) continue;
    Client c(servers[i].port());
    EXPECT_EQ(c.get("/api/v1/health").status, 200) << "server " << i;
  }
  db::Database d(url, 1);
  auto l = d.lease();
  EXPECT_EQ(l->conn.scalar(db::Query("SELECT COUNT(*) FROM schema_migrations")),
            l->conn.scalar(db::Query("SELECT COUNT(DISTINCT module || '/' || version) FROM schema_migrations")));
  EXPECT_EQ(l->conn.scalar(db::Query("SELECT COUNT(*) FROM roles WHERE role_key = 'city_staff'")), 1) << "built-in roles seeded once";
}
// A store that cannot be used stops the server at start with a message saying why, before
// it serves anything.
std::string start_fails(std::vector<std::string> flags, std::string dir = "") {
  if (dir.empty()) {
    char tmpl[] = "/tmp/xietong-badstore.XXXXXX";
    dir = mkdtemp(tmpl);
  }
  flags.insert(flags.begin(), {"serve", "--addr", "127.0.0.1:0", "--data-dir", dir});
  auto r = run_xietong(flags);
  std::filesystem::remove_all(dir);
  return (r.rc == 0 ? "exit 0: " : "") + r.out;
}

TEST(Startup, AMisconfiguredFileStoreStopsTheServerWithAClearMessage) {
  auto sqlite = start_fails({"--db", "sqlite:/tmp/xietong-badstore-" + std::to_string(::getpid()) + ".db", "--file-store", "postgresql"});
  EXPECT_NE(sqlite.find("文件存储设为 postgresql，但数据库不是 PostgreSQL"), std::string::npos) << sqlite;
  auto kind = start_fails({"--file-store", "s3"});
  EXPECT_NE(kind.find("file-store 应为 local 或 postgresql"), std::string::npos) << kind;
  auto unreachable = start_fails({"--db", "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", "--file-store", "postgresql"});
  EXPECT_EQ(unreachable.rfind("exit 0", 0), std::string::npos) << unreachable;
  EXPECT_NE(unreachable.find("xietong: "), std::string::npos) << unreachable;
}

TEST(Startup, AFileStoreDirectoryThatCannotBeWrittenStopsTheServer) {
  // (a file where the directory should be: even root cannot write there)
  char tmpl[] = "/tmp/xietong-badstore.XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::ofstream(dir + "/files") << "a file where the store's directory should be";
  auto out = start_fails({"--db", "sqlite:" + dir + "/x.db"}, dir);
  EXPECT_EQ(out.rfind("exit 0", 0), std::string::npos) << out;
  EXPECT_NE(out.find("无法建立文件存储目录"), std::string::npos) << out;
}
}  // namespace
}  // namespace xt::itest
