// Backup and restore: a backup taken while the server runs restores into a new database and
// data directory where a server finds the case, its evidence byte for byte and an intact
// audit chain; a directory that is not a backup, a backup of a newer schema and a target that
// is not empty are refused before anything is written.
#include <filesystem>
#include <fstream>

#include "core/files/pdf_fixtures.hpp"
#include "core/files/store.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace fs = std::filesystem;
namespace tp = xt::testing_pdf;

std::string tmpdir(const char* tag) {
  std::string tmpl = std::string("/tmp/xietong-") + tag + ".XXXXXX";
  return mkdtemp(tmpl.data());
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(Backup, ABackupTakenWhileServingRestoresIntoANewDatabaseWithEveryFile) {
  Client city(shared_port()), school(shared_port());
  city.login("city");
  auto call = open_call(city, "备份恢复测试");
  login_school_of(school, "370102");
  auto k = new_case(school, call, "备份中的案例");
  auto pdf = tp::plain() + "% backup " + std::to_string(::getpid()) + "\n";
  auto up = school.post("/api/v1/cases/" + std::to_string(k.id) + "/evidence?name=" + httplib::detail::encode_query_param("活动记录") +
                            "&material_date=2024-03&filename=a.pdf",
                        pdf, {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(up.status, 201) << up.body;

  auto dir = tmpdir("backup") + "/b";
  auto b = run_xietong(with({"backup", dir, "--db", db_url(), "--data-dir", shared_server().dir()}, store_flags()));
  ASSERT_EQ(b.rc, 0) << b.out;
  EXPECT_NE(b.out.find("备份完成"), std::string::npos) << b.out;
  EXPECT_TRUE(fs::exists(dir + "/backup.json"));
  auto again = run_xietong(with({"backup", dir, "--db", db_url(), "--data-dir", shared_server().dir()}, store_flags()));
  EXPECT_NE(again.rc, 0);
  EXPECT_NE(again.out.find("备份目录不是空的"), std::string::npos) << again.out;

  auto target_db = empty_database("restore");
  auto target_dir = tmpdir("restored");
  auto r = run_xietong(with({"restore", dir, "--db", target_db, "--data-dir", target_dir}, store_flags()));
  ASSERT_EQ(r.rc, 0) << r.out;
  EXPECT_NE(r.out.find("哈希链完整"), std::string::npos) << r.out;

  Server restored;
  restored.start(target_db, {"--data-dir", target_dir});
  Client s2(restored.port());
  login_school_of(s2, "370102");
  auto list = s2.get("/api/v1/cases/" + std::to_string(k.id) + "/evidence");
  ASSERT_EQ(list.status, 200) << list.body;
  auto& items = list.json.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(s2.get("/api/v1/evidence/" + std::to_string(items[0].at("id").as_int64()) + "/file").body, pdf);
  auto verify = run_xietong({"audit", "verify", "--db", target_db, "--data-dir", target_dir});
  EXPECT_EQ(verify.rc, 0) << verify.out;

  // The restored database is not empty any more: a second restore into it is refused.
  auto twice = run_xietong(with({"restore", dir, "--db", target_db, "--data-dir", tmpdir("restored2")}, store_flags()));
  EXPECT_NE(twice.rc, 0);
  EXPECT_NE(twice.out.find("目标数据库"), std::string::npos) << twice.out;
  restored.stop();

  if (file_store() == "postgresql") {  // the files come out of the dump into a local store
    auto local_db = empty_database("restore_local");
    auto local_dir = tmpdir("restored-local");
    auto rl = run_xietong({"restore", dir, "--db", local_db, "--data-dir", local_dir, "--file-store", "local"});
    ASSERT_EQ(rl.rc, 0) << rl.out;
    auto sha = files::sha256_bytes(pdf);
    EXPECT_TRUE(fs::exists(local_dir + "/files/" + sha.substr(0, 2) + "/" + sha)) << rl.out;
    fs::remove_all(local_dir);
  }
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(Backup, ADirectoryThatIsNotABackupIsRefused) {
  auto dir = tmpdir("notbackup");
  std::ofstream(dir + "/xietong.db") << "whatever";
  auto target = empty_database("notbackup");
  auto r = run_xietong({"restore", dir, "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.out.find("不是 Xietong 备份目录（缺少 backup.json）"), std::string::npos) << r.out;

  std::ofstream(dir + "/backup.json") << "{\"hello\": 1}";
  r = run_xietong({"restore", dir, "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(r.out.find("backup.json 无法识别"), std::string::npos) << r.out;

  auto missing = run_xietong({"restore", "/nonexistent/xietong-backup", "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(missing.out.find("备份目录不存在"), std::string::npos) << missing.out;
  fs::remove_all(dir);
}

TEST(Backup, ABackupOfANewerSchemaOrOfTheOtherDatabaseKindIsRefused) {
  auto dir = tmpdir("newer");
  bool sqlite = db_url().rfind("sqlite:", 0) == 0;
  std::ofstream(dir + "/backup.json") << R"({"format":"xietong-backup","version":1,"database":")" << (sqlite ? "sqlite" : "postgresql")
                                      << R"(","files":"local","migrations":["core/1","core/999"]})";
  auto target = empty_database("newer");
  auto r = run_xietong({"restore", dir, "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.out.find("备份来自更新的版本（迁移 core/999 本程序不认识）"), std::string::npos) << r.out;
  if (sqlite) {
    EXPECT_FALSE(fs::exists(target.substr(7))) << "nothing written";
  }

  std::ofstream(dir + "/backup.json") << R"({"format":"xietong-backup","version":1,"database":")" << (sqlite ? "postgresql" : "sqlite")
                                      << R"(","files":"local","migrations":["core/1"]})";
  r = run_xietong({"restore", dir, "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.out.find("不能恢复到"), std::string::npos) << r.out;

  std::ofstream(dir + "/backup.json") << R"({"format":"xietong-backup","version":7})";
  r = run_xietong({"restore", dir, "--db", target, "--data-dir", tmpdir("t")});
  EXPECT_NE(r.out.find("备份格式来自更新的版本"), std::string::npos) << r.out;
  fs::remove_all(dir);
}
}  // namespace
}  // namespace xt::itest
