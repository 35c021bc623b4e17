// Stored files over HTTP: deleted or replaced material leaves the store once no row refers to
// it (and stays while another does); after a crash the server's start sweeps what nothing
// refers to any more and the temporary files of interrupted uploads, and keeps the rest.
#include <filesystem>
#include <fstream>

#include "core/files/pdf_fixtures.hpp"
#include "core/files/store.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace fs = std::filesystem;
namespace tp = xt::testing_pdf;
namespace bj = boost::json;


Resp upload(Client& c, long long case_id, const std::string& bytes, const std::string& name) {
  return c.post("/api/v1/cases/" + std::to_string(case_id) + "/evidence?name=" + httplib::detail::encode_query_param(name) +
                    "&material_date=2024-03&filename=a.pdf",
                bytes, {{"Content-Type", "application/pdf"}});
}


TEST(Store, DeletedEvidenceLeavesTheStoreUnlessAnotherCaseStillUsesIt) {
  Client city(shared_port()), school(shared_port());
  city.login("city");
  auto call = open_call(city, "存储清理测试");
  login_school_of(school, "370102");
  auto a = new_case(school, call, "存储甲");
  auto b = new_case(school, call, "存储乙");
  auto only = tp::plain() + "% only " + std::to_string(::getpid()) + "\n";
  auto shared = tp::plain() + "% shared " + std::to_string(::getpid()) + "\n";
  auto e1 = upload(school, a.id, only, "只在甲");
  ASSERT_EQ(e1.status, 201) << e1.body;
  auto e2 = upload(school, a.id, shared, "甲乙共用");
  auto e3 = upload(school, b.id, shared, "甲乙共用");
  ASSERT_EQ(e3.status, 201) << e3.body;
  auto& dir = shared_server().dir();
  ASSERT_TRUE(in_store(dir, only));

  ASSERT_EQ(school.del("/api/v1/evidence/" + std::to_string(e1.json.at("id").as_int64())).status, 204);
  EXPECT_FALSE(in_store(dir, only)) << "nothing refers to it any more";
  ASSERT_EQ(school.del("/api/v1/evidence/" + std::to_string(e2.json.at("id").as_int64())).status, 204);
  EXPECT_TRUE(in_store(dir, shared)) << "case 乙 still has the same file";
  EXPECT_EQ(school.get("/api/v1/evidence/" + std::to_string(e3.json.at("id").as_int64()) + "/file").status, 200);
  ASSERT_EQ(school.del("/api/v1/evidence/" + std::to_string(e3.json.at("id").as_int64())).status, 204);
  EXPECT_FALSE(in_store(dir, shared));
}

TEST(Store, ARemovedCallAttachmentLeavesTheStore) {
  Client city(shared_port());
  city.login("city");
  auto call = open_call(city, "附件清理测试");
  auto bytes = tp::plain() + "% attachment " + std::to_string(::getpid()) + "\n";
  auto f = city.post("/api/v1/case-calls/" + std::to_string(call) + "/files?filename=" + httplib::detail::encode_query_param("通知.pdf"), bytes,
                     {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(f.status, 201) << f.body;
  ASSERT_TRUE(in_store(shared_server().dir(), bytes));
  ASSERT_EQ(city.del("/api/v1/call-files/" + std::to_string(f.json.at("id").as_int64())).status, 204);
  EXPECT_FALSE(in_store(shared_server().dir(), bytes));
}

TEST(Store, AfterACrashTheStartSweepsWhatNothingRefersToAndKeepsTheRest) {
  Server s;
  s.start(db_url(), {}, /*demo=*/true);
  Client city(s.port()), school(s.port());
  city.login("city");
  auto call = open_call(city, "崩溃清理测试");
  login_school_of(school, "370102");
  auto k = new_case(school, call, "崩溃后仍在的材料");
  auto kept = tp::plain() + "% kept " + std::to_string(::getpid()) + "\n";
  ASSERT_EQ(upload(school, k.id, kept, "仍被引用").status, 201);

  // What a crash leaves: a file put in whose row never committed, an interrupted upload's temp file.
  const std::string orphan = "never committed " + std::to_string(::getpid());
  const std::string young = "just put by another request " + std::to_string(::getpid());
  leave_in_store(s.dir(), orphan, 2);
  leave_in_store(s.dir(), young, 0);
  auto temp = fs::path(s.dir()) / "tmp" / "upload-interrupted";
  std::ofstream(temp) << "half an upload";
  fs::last_write_time(temp, fs::file_time_type::clock::now() - std::chrono::hours(2));
  age_in_store(s.dir(), kept, 2);

  s.restart(/*kill=*/true);
  EXPECT_FALSE(in_store(s.dir(), orphan)) << "unreferenced and older than an hour";
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(in_store(s.dir(), young)) << "younger than an hour: perhaps a row is about to refer to it";
  EXPECT_TRUE(in_store(s.dir(), kept));
  Client again(s.port());
  login_school_of(again, "370102");
  auto list = again.get("/api/v1/cases/" + std::to_string(k.id) + "/evidence");
  ASSERT_EQ(list.status, 200) << list.body;
  auto& items = list.json.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(again.get("/api/v1/evidence/" + std::to_string(items[0].at("id").as_int64()) + "/file").body, kept);
}
}  // namespace
}  // namespace xt::itest
