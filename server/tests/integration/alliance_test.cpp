// 教联体 records: a district forms its alliance with units of its district, a city museum and a
// city department; one alliance not dissolved per level and anchor; members from outside the
// reach or not in the tree are refused; members see the alliance and their partners' contacts,
// other districts do not; only the forming unit changes it; the status keeps a dated history.
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

long long unit_named(Client& admin, const std::string& keyword) {
  auto r = admin.get("/api/v1/units?page_size=5&keyword=" + httplib::detail::encode_query_param(keyword));
  EXPECT_EQ(r.status, 200) << r.body;
  for (auto& u : r.json.at("items").as_array())
    if (std::string(u.at("name").as_string()).find(keyword) != std::string::npos) return u.at("id").as_int64();
  ADD_FAILURE() << "no unit named " << keyword;
  return 0;
}

bj::object member(long long unit, const char* role = "member", const char* phone = "0531-88888888") {
  return {{"unit_id", unit}, {"role", role}, {"contact_name", "张老师"}, {"contact_phone", phone}, {"contribution", "开设实践课程"}};
}

// Dissolves what an earlier run on the same database left formed.
void dissolve_own(Client& c, const char* level) {
  auto l = c.get(std::string("/api/v1/alliances?page_size=100&level=") + level);
  for (auto& a : l.json.at("items").as_array())
    if (a.at("status") != "dissolved" && a.at("anchor_unit_id").as_int64() == c.get("/api/v1/auth/me").json.at("active_membership").at("unit_id").as_int64())
      c.post("/api/v1/alliances/" + std::to_string(a.at("id").as_int64()) + "/status", R"({"status":"dissolved"})");
}

struct AllianceFixture : ::testing::Test {
  Client admin{shared_port()}, lx{shared_port()}, museum{shared_port()}, other{shared_port()};
  long long hospital = 0, city_museum = 0, department = 0, far_unit = 0;
  void SetUp() override {
    ASSERT_EQ(admin.login("admin").status, 200);
    ASSERT_EQ(lx.login("lixia").status, 200);
    ASSERT_EQ(museum.login("unit0001").status, 200);
    ASSERT_EQ(other.login("shizhong").status, 200);
    hospital = unit_named(admin, "历下区人民医院");
    city_museum = unit_named(admin, "济南市博物馆");
    department = unit_named(admin, "济南市公安局");
    far_unit = unit_named(admin, "市中区图书馆");
    dissolve_own(lx, "district");
  }
  Resp form(bj::array members, const std::string& status = "formed") {
    bj::object in{{"name", "历下区家校社协同育人教联体"}, {"status", status}, {"members", members}};
    if (status == "formed") in["founded_on"] = "2025-11-20";
    return lx.post("/api/v1/alliances", bj::serialize(in));
  }
};

TEST_F(AllianceFixture, ADistrictFormsItsAllianceAndMembersSeeIt) {
  auto r = form({member(hospital), member(city_museum), member(department)});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("level").as_string(), "district");
  auto& ms = r.json.at("members").as_array();
  ASSERT_EQ(ms.size(), 4u) << "the district bureau is added as lead";
  EXPECT_EQ(ms.at(0).at("role").as_string(), "lead");
  EXPECT_EQ(ms.at(0).at("unit_id").as_int64(), r.json.at("anchor_unit_id").as_int64());
  EXPECT_EQ(r.json.at("history").as_array().size(), 1u);
  EXPECT_EQ(r.json.at("history").as_array().at(0).at("effective_on").as_string(), "2025-11-20");
  auto id = std::to_string(r.json.at("id").as_int64());

  // The museum, a member, sees it and its partners' contacts, and may not change it.
  auto seen = museum.get("/api/v1/alliances/" + id);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json.at("members").as_array().at(1).at("contact_phone").as_string(), "0531-88888888");
  EXPECT_FALSE(seen.json.at("may_manage").as_bool());
  bool listed = false;
  auto mine = museum.get("/api/v1/alliances");
  for (auto& a : mine.json.at("items").as_array()) listed |= a.at("id").as_int64() == r.json.at("id").as_int64();
  EXPECT_TRUE(listed);
  EXPECT_EQ(museum.put("/api/v1/alliances/" + id, bj::serialize(bj::object{{"name", "x"}, {"version", 1}, {"members", bj::array{}}})).status, 403);
  // Another district sees nothing of it.
  EXPECT_EQ(other.get("/api/v1/alliances/" + id).status, 404);
  auto theirs = other.get("/api/v1/alliances?page_size=100");
  for (auto& a : theirs.json.at("items").as_array())
    EXPECT_NE(a.at("id").as_int64(), r.json.at("id").as_int64());

  // A second one at the same level while this one stands: refused, nothing written.
  auto twice = form({member(hospital)});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.code(), "alliance.already_active");

  // Members change with the version read; a stale version is refused.
  bj::object upd{{"name", "历下区教联体"}, {"founded_on", "2025-11-20"}, {"version", seen.json.at("version")}, {"members", bj::array{member(hospital)}}};
  auto changed = lx.put("/api/v1/alliances/" + id, bj::serialize(upd));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json.at("members").as_array().size(), 2u);
  EXPECT_EQ(lx.put("/api/v1/alliances/" + id, bj::serialize(upd)).code(), "request.stale_version");
  EXPECT_EQ(museum.get("/api/v1/alliances/" + id).status, 404) << "no longer a member";

  // Dissolved with a date; then the district may form a new one.
  EXPECT_EQ(lx.post("/api/v1/alliances/" + id + "/status", R"({"status":"dissolved","on":"2025-11-01"})").code(), "alliance.date_before_last");
  EXPECT_EQ(lx.post("/api/v1/alliances/" + id + "/status", R"({"status":"dissolved","on":"2999-01-01"})").code(), "alliance.date_in_future");
  auto gone = lx.post("/api/v1/alliances/" + id + "/status", R"({"status":"dissolved","note":"重组"})");
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(gone.json.at("history").as_array().size(), 2u);
  EXPECT_EQ(lx.post("/api/v1/alliances/" + id + "/status", R"({"status":"formed"})").code(), "alliance.bad_transition");
  auto again = form({member(hospital)}, "preparing");
  ASSERT_EQ(again.status, 201) << again.body;
  auto formed = lx.post("/api/v1/alliances/" + std::to_string(again.json.at("id").as_int64()) + "/status", R"({"status":"formed"})");
  ASSERT_EQ(formed.status, 200) << formed.body;
  EXPECT_FALSE(formed.json.at("founded_on").is_null()) << "forming sets the founding date";
}

TEST_F(AllianceFixture, MembersOutsideTheReachOrNotInTheTreeAreRefused) {
  auto far = form({member(hospital), member(far_unit)});
  EXPECT_EQ(far.status, 422) << far.body;
  EXPECT_EQ(far.code(), "alliance.member_out_of_reach");
  EXPECT_NE(far.body.find("members[1].unit_id"), std::string::npos) << far.body;
  auto none = form({member(99999999)});
  EXPECT_EQ(none.code(), "alliance.unknown_member") << none.body;
  EXPECT_EQ(form({member(hospital), member(hospital)}).code(), "alliance.duplicate_member");
  EXPECT_EQ(form({member(hospital, "boss")}).code(), "request.bad_value");
  EXPECT_EQ(form({member(hospital, "member", "call me")}).code(), "request.bad_phone");
  auto no_date = lx.post("/api/v1/alliances", bj::serialize(bj::object{{"name", "教联体"}, {"status", "formed"}, {"members", bj::array{}}}));
  EXPECT_EQ(no_date.code(), "request.required") << no_date.body;
  auto bad_date = lx.post("/api/v1/alliances", bj::serialize(bj::object{{"name", "教联体"}, {"founded_on", "2025-02-30"}, {"members", bj::array{}}}));
  EXPECT_EQ(bad_date.code(), "request.bad_date") << bad_date.body;
  EXPECT_EQ(lx.get("/api/v1/alliances?level=town").code(), "request.bad_param");
  EXPECT_EQ(lx.get("/api/v1/alliances?level=district&status=formed").json.at("total").as_int64(), 0) << "nothing was written";

  Client dept(shared_port());
  ASSERT_EQ(dept.login("dept09").status, 200);
  EXPECT_EQ(dept.post("/api/v1/alliances", bj::serialize(bj::object{{"name", "部门教联体"}, {"members", bj::array{}}})).status, 403)
      << "a department joins alliances, it does not form one";
}

TEST_F(AllianceFixture, ASchoolFormsItsOwnWithUnitsOfItsDistrict) {
  Client school(shared_port());
  login_school_of(school, "370102");
  dissolve_own(school, "school");
  auto community = unit_named(admin, "历下区体育中心");
  auto r = school.post("/api/v1/alliances", bj::serialize(bj::object{{"name", "校级教联体"}, {"members", bj::array{member(community), member(city_museum)}}}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("level").as_string(), "school");
  EXPECT_EQ(r.json.at("status").as_string(), "preparing");
  auto listed = lx.get("/api/v1/alliances?level=school&page_size=100");
  bool seen = false;
  for (auto& a : listed.json.at("items").as_array()) seen |= a.at("id") == r.json.at("id");
  EXPECT_TRUE(seen) << "the district sees its schools' alliances";
  EXPECT_EQ(school.post("/api/v1/alliances", bj::serialize(bj::object{{"name", "再建"}, {"members", bj::array{}}})).code(), "alliance.already_active");
}
}  // namespace
}  // namespace xt::itest
