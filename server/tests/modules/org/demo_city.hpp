// A test on its own SQLite database holding a demo city of `schools` schools, with org's
// permissions and built-in roles in place.
#pragma once
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/auth/password.hpp"
#include "core/db/db.hpp"
#include "democity/democity.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/service.hpp"

namespace xt::org {

class DemoCityTest : public ::testing::Test {
 protected:
  explicit DemoCityTest(int schools) : schools_(schools) {}

  void SetUp() override {
    auth::init_crypto();
    std::string tmpl = (std::filesystem::temp_directory_path() / "xt-org-city-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir_ = tmpl;
    database = std::make_unique<db::Database>(db_url(), 1);
    database->migrate();
    lease = database->lease();
    register_permissions();
    ensure_builtin(c());
    demo::Options o;
    o.schools = schools_;
    demo::generate(c(), o);
  }
  void TearDown() override {
    lease.reset();
    database.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  db::Conn& c() { return lease->conn; }
  // The database's URL, for a second Database on the same file (another server).
  std::string db_url() const { return "sqlite:" + (dir_ / "city.db").string(); }
  long long id(const std::string& code) {
    auto x = repo::unit_id_by_code(c(), code);
    if (!x) throw std::runtime_error("no unit " + code + " in the demo city");
    return *x;
  }

  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;

 private:
  int schools_;
  std::filesystem::path dir_;
};
}  // namespace xt::org
