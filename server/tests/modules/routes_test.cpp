// Every route the modules register names a valid permission, and the public ones are few.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/app/app.hpp"
#include "core/auth/password.hpp"
#include "modules/modules.hpp"

namespace xt {
namespace {
TEST(Routes, EveryRegisteredRouteDeclaresAPermission) {
  auth::init_crypto();
  auto dir = std::filesystem::temp_directory_path() / ("xt-routes-" + auth::random_token(6));
  std::filesystem::create_directories(dir);
  Config cfg;
  cfg.db_url = "sqlite:" + (dir / "r.db").string();
  cfg.data_dir = dir.string();
  cfg.io_threads = 1;
  {
    app::App a(cfg);
    a.db().migrate();
    modules::ensure_builtin(a);
    modules::register_all(a);
    std::set<std::string> pub;
    ASSERT_GT(a.router().routes().size(), 30u);
    for (auto& r : a.router().routes()) {
      EXPECT_TRUE(http::valid_permission(r->perm)) << r->method << " " << r->path << " -> '" << r->perm << "'";
      EXPECT_EQ(r->path.rfind("/api/v1/", 0), 0u) << r->path;
      EXPECT_FALSE(r->module.empty()) << r->path;
      // The public pages' API lives under /api/v1/public/ and only reads.
      if (r->path.rfind("/api/v1/public/", 0) == 0) {
        EXPECT_EQ(r->perm, http::kPublic) << r->path;
        EXPECT_EQ(r->method, "GET") << r->path;
        continue;
      }
      if (r->perm == http::kPublic) pub.insert(r->method + " " + r->path);
    }
    EXPECT_EQ(pub, (std::set<std::string>{"GET /api/v1/health", "GET /api/v1/openapi.json", "POST /api/v1/auth/login"}));
  }
  std::filesystem::remove_all(dir);
}
}  // namespace
}  // namespace xt
