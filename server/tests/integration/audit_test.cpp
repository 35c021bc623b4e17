// The audit trail over HTTP: who sees it, what it records, the chain check.
#include "integration/harness.hpp"

namespace xt::itest {
namespace {

TEST(Audit, WritesAndLoginsAreRecordedWithDiffsAndOnlyTheAuditorReadsThem) {
  Client stranger(shared_port());
  EXPECT_EQ(stranger.login("admin", "not-the-password").status, 401);
  Client admin(shared_port());
  admin.login("admin");
  EXPECT_EQ(admin.post("/api/v1/roles", R"({"key":"t_a","name":"a","level":1,"permissions":[]})").status, 403);
  auto r = admin.post("/api/v1/units", R"({"parent_id":1,"code":"T-AUD-1","name":"审计测试馆","type":"museum"})");
  ASSERT_EQ(r.status, 201);
  auto id = std::to_string(r.json.at("id").as_int64());
  ASSERT_EQ(admin.put("/api/v1/units/" + id, R"({"code":"T-AUD-1","name":"审计测试馆二","type":"museum"})").status, 200);
  auto denied = admin.get("/api/v1/audit");
  EXPECT_EQ(denied.status, 403) << "the system admin may not read the audit log";

  Client aud(shared_port());
  aud.login("auditor");
  auto log = aud.get("/api/v1/audit?username=admin&action=org:unit:update&page_size=5");
  ASSERT_EQ(log.status, 200) << log.body;
  ASSERT_GE(log.json.at("total").as_int64(), 1);
  auto& row = log.json.at("items").as_array()[0].as_object();
  EXPECT_EQ(row.at("object_id").as_string(), id);
  EXPECT_EQ(row.at("result").as_string(), "success");
  EXPECT_EQ(row.at("unit_name").as_string(), "济南市教育局");
  auto& name = row.at("detail").at("name").as_array();
  EXPECT_EQ(name[0].as_string(), "审计测试馆");
  EXPECT_EQ(name[1].as_string(), "审计测试馆二");

  auto logins = aud.get("/api/v1/audit?action=auth:login&result=failure");
  EXPECT_GE(logins.json.at("total").as_int64(), 1);
  EXPECT_EQ(logins.body.find("Demo@2026"), std::string::npos);
  auto refused = aud.get("/api/v1/audit?action=org:&result=failure");
  EXPECT_GE(refused.json.at("total").as_int64(), 1) << "refused writes are audited too";

  auto v = aud.get("/api/v1/audit/verify");
  EXPECT_TRUE(v.json.at("ok").as_bool()) << v.body;
  EXPECT_GT(v.json.at("rows").as_int64(), 5);
  auto x = aud.get("/api/v1/audit/export?username=admin");
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  EXPECT_EQ(aud.post("/api/v1/units", R"({"parent_id":1,"code":"T-AUD-2","name":"x","type":"museum"})").status, 403)
      << "the audit admin cannot write";
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace bj = boost::json;
TEST(AuditNames, TheAuditorSeesNamesAndFindsPeopleByName) {
  Client sec(shared_port());
  ASSERT_EQ(sec.login("secadmin").status, 200);
  Client city(shared_port());
  city.login("city");
  auto call = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "审计中以名称显示的征集"}, {"deadline_date", date_in_days(9)}}));
  ASSERT_EQ(call.status, 201) << call.body;
  Client aud(shared_port());
  aud.login("auditor");
  auto r = aud.get("/api/v1/audit?user=secadmin&page_size=50");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.json.at("items").as_array().empty());
  for (auto& row : r.json.at("items").as_array()) {
    EXPECT_NE(std::string(row.at("user_name").as_string()).find("（secadmin）"), std::string::npos) << bj::serialize(row);
    if (row.at("action").as_string() == "auth:login" && row.at("result").as_string() == "success")
      EXPECT_NE(std::string(row.at("object_name").as_string()).find("（secadmin）"), std::string::npos) << bj::serialize(row);
  }
  // By part of the person's name, as the auditor knows them.
  auto city_user = city.get("/api/v1/auth/me");
  std::string name(city_user.json.at("user").at("display_name").as_string());
  auto family = name.substr(name.size() - 6);  // the last two characters of the name
  auto by_name = aud.get("/api/v1/audit?page_size=200&action=cases:call:create&user=" + httplib::detail::encode_query_param(family));
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  bool found = false;
  for (auto& row : by_name.json.at("items").as_array())
    found |= row.at("object_name").as_string() == "审计中以名称显示的征集" && row.at("object_type").as_string() == "case_call";
  EXPECT_TRUE(found) << "the call is named by its title: " << by_name.body;
  EXPECT_EQ(aud.get("/api/v1/audit?user=" + std::string(101, 'x')).code(), "request.too_long");
}
}  // namespace xt::itest
