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
