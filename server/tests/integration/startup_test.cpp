// Servers started at once on one empty database take turns migrating and seeding: all of them
// come up, and every migration is applied once.
#include "integration/harness.hpp"

#include <thread>
#include <unistd.h>
#include <vector>

#include "core/db/db.hpp"

namespace xt::itest {
namespace {

// An empty database beside the test database: a new SQLite file, or a new PostgreSQL database
// in the same cluster.
std::string empty_database() {
  auto url = db_url();
  if (url.rfind("sqlite:", 0) == 0) {
    char tmpl[] = "/tmp/xietong-start.XXXXXX";
    return std::string("sqlite:") + mkdtemp(tmpl) + "/empty.db";
  }
  auto name = "xietong_start_" + std::to_string(::getpid());
  {
    db::Database d(url, 1);
    auto l = d.lease();
    l->conn.exec_script("DROP DATABASE IF EXISTS " + name);
    l->conn.exec_script("CREATE DATABASE " + name);
  }
  auto slash = url.find("@/") + 2;
  auto end = url.find('?', slash);
  return url.substr(0, slash) + name + (end == std::string::npos ? "" : url.substr(end));
}

TEST(Startup, ThreeServersStartedAtOnceOnAnEmptyDatabaseAllComeUp) {
  auto url = empty_database();
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
}  // namespace
}  // namespace xt::itest
