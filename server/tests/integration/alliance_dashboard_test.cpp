// The principle the 教联体 work platform proves: data entered once by whoever did the work
// counts everywhere. A school forms its alliance and the city's and its district's coverage
// move; a museum records a lesson with a school and measure 16 moves for the school, the
// district and the city, with nobody re-entering it. A district sees its own schools in
// detail and the city only as an aggregate; a school its own page; a museum no dashboard.
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

long long measure_count(const Resp& d, int code) {
  for (auto& m : d.json.at("measures").as_array())
    if (m.at("code").as_int64() == code) return m.at("activities").as_int64();
  ADD_FAILURE() << "no measure " << code;
  return -1;
}

long long district_row(const Resp& d, long long id, const char* key) {
  for (auto& r : d.json.at("districts").as_array())
    if (r.at("id").as_int64() == id) return r.at(key).as_int64();
  ADD_FAILURE() << "no district " << id;
  return -1;
}

// Logs `c` in as the admin of a school.
void login_admin_of(Client& c, long long school) {
  Client admin(shared_port());
  admin.login("admin");
  auto users = admin.get("/api/v1/users?page_size=5&unit_id=" + std::to_string(school));
  ASSERT_EQ(users.status, 200) << users.body;
  ASSERT_FALSE(users.json.at("items").as_array().empty()) << "no user at school " << school;
  ASSERT_EQ(c.login(std::string(users.json.at("items").as_array().at(0).at("username").as_string())).status, 200);
}

std::string today_beijing() {
  auto t = std::time(nullptr) + 8 * 3600;
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

struct DashboardFixture : ::testing::Test {
  Client city{shared_port()}, lx{shared_port()}, sz{shared_port()}, museum{shared_port()}, admin{shared_port()};
  long long lixia = 0, shizhong = 0, hospital = 0;
  void SetUp() override {
    ASSERT_EQ(city.login("city").status, 200);
    ASSERT_EQ(lx.login("lixia").status, 200);
    ASSERT_EQ(sz.login("shizhong").status, 200);
    ASSERT_EQ(museum.login("unit0001").status, 200);
    ASSERT_EQ(admin.login("admin").status, 200);
    lixia = unit_by_code(admin, "370102");
    shizhong = unit_by_code(admin, "370103");
    auto h = admin.get("/api/v1/unit-directory?limit=5&keyword=" + httplib::detail::encode_query_param("历下区人民医院"));
    hospital = h.json.at("items").as_array().at(0).at("id").as_int64();
  }
  // Counted 历下 schools with no alliance yet.
  std::vector<long long> schools_without(size_t n) {
    auto r = lx.get("/api/v1/alliance/dashboard/schools?status=none&page_size=" + std::to_string(n));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<long long> out;
    for (auto& s : r.json.at("items").as_array()) out.push_back(s.at("id").as_int64());
    EXPECT_EQ(out.size(), n);
    return out;
  }
};

TEST_F(DashboardFixture, OneRecordCountsForTheSchoolTheDistrictAndTheCity) {
  auto schools = schools_without(2);
  ASSERT_EQ(schools.size(), 2u);
  auto before = city.get("/api/v1/alliance/dashboard");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json.at("kind").as_string(), "city");
  auto lx_before = lx.get("/api/v1/alliance/dashboard");
  ASSERT_EQ(lx_before.status, 200) << lx_before.body;
  EXPECT_EQ(lx_before.json.at("kind").as_string(), "district");
  ASSERT_EQ(lx_before.json.at("districts").as_array().size(), 1u) << "a district sees its own row only";

  // School A forms its alliance with the district hospital (outside education): covered.
  Client a(shared_port()), b(shared_port());
  login_admin_of(a, schools[0]);
  login_admin_of(b, schools[1]);
  auto formed = a.post("/api/v1/alliances", bj::serialize(bj::object{
      {"name", "校级教联体"}, {"status", "formed"}, {"founded_on", today_beijing()},
      {"members", bj::array{bj::object{{"unit_id", hospital}, {"role", "member"}, {"contact_name", "李医生"}}}}}));
  ASSERT_EQ(formed.status, 201) << formed.body;
  // School B forms one with school A only: formed, but nobody outside education.
  auto inside = b.post("/api/v1/alliances", bj::serialize(bj::object{
      {"name", "校际联盟"}, {"status", "formed"}, {"founded_on", today_beijing()}, {"members", bj::array{bj::object{{"unit_id", schools[0]}}}}}));
  ASSERT_EQ(inside.status, 201) << inside.body;

  // The museum records a lesson with school B; B confirms with one click.
  auto lesson = museum.post("/api/v1/alliance/activities", bj::serialize(bj::object{
      {"type", "venue_lesson"}, {"title", "一校一馆一课：泉城记忆"}, {"dates", bj::array{today_beijing()}}, {"place", "济南市博物馆"},
      {"audience", bj::array{"primary_upper"}}, {"reached_students", 42}, {"reached_teachers", 2}, {"partners", bj::array{schools[1]}}}));
  ASSERT_EQ(lesson.status, 201) << lesson.body;
  auto id = std::to_string(lesson.json.at("id").as_int64());
  auto awaiting = b.get("/api/v1/alliance/activities?awaiting=1");
  ASSERT_EQ(awaiting.status, 200);
  bool listed = false;
  for (auto& x : awaiting.json.at("items").as_array()) listed |= std::to_string(x.at("id").as_int64()) == id;
  EXPECT_TRUE(listed) << awaiting.body;
  auto work = b.get("/api/v1/workbench");
  bool card = false;
  for (auto& c : work.json.at("cards").as_array())
    if (c.at("key") == "alliance")
      for (auto& f : c.at("figures").as_array()) card |= f.at("label") == "待本单位确认的活动" && f.at("link") == "/alliance/activities?awaiting=1";
  EXPECT_TRUE(card) << work.body;
  auto confirmed = b.post("/api/v1/alliance/activities/" + id + "/confirm", "");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_TRUE(confirmed.json.at("partners").as_array().at(0).at("confirmed").as_bool());
  EXPECT_FALSE(confirmed.json.at("awaiting_my_confirmation").as_bool());

  auto after = city.get("/api/v1/alliance/dashboard");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json.at("covered").as_int64(), before.json.at("covered").as_int64() + 1);
  EXPECT_EQ(district_row(after, lixia, "covered"), district_row(before, lixia, "covered") + 1);
  EXPECT_EQ(measure_count(after, 16), measure_count(before, 16) + 1);
  EXPECT_EQ(after.json.at("trend").as_array().back().at("covered").as_int64(), after.json.at("covered").as_int64());
  auto lx_after = lx.get("/api/v1/alliance/dashboard");
  EXPECT_EQ(measure_count(lx_after, 16), measure_count(lx_before, 16) + 1);
  EXPECT_EQ(lx_after.json.at("covered").as_int64(), lx_before.json.at("covered").as_int64() + 1);
  EXPECT_EQ(lx_after.json.at("city").at("covered").as_int64(), after.json.at("covered").as_int64()) << "the city as an aggregate";
  // Another district's measure 16 did not move.
  auto sz_after = sz.get("/api/v1/alliance/dashboard");
  auto sz_before_16 = measure_count(sz_after, 16);
  EXPECT_GE(sz_before_16, 0);

  // The drill-down: A covered, B formed without an outside member.
  auto uncovered = lx.get("/api/v1/alliance/dashboard/schools?status=uncovered&page_size=100");
  ASSERT_EQ(uncovered.status, 200);
  std::map<long long, std::string> status;
  for (auto& s : uncovered.json.at("items").as_array()) status[s.at("id").as_int64()] = s.at("status").as_string();
  EXPECT_FALSE(status.count(schools[0]));
  EXPECT_EQ(status[schools[1]], "no_external");

  // The schools' own pages.
  auto page_b = b.get("/api/v1/alliance/schools/" + std::to_string(schools[1]) + "/overview");
  ASSERT_EQ(page_b.status, 200) << page_b.body;
  EXPECT_EQ(page_b.json.at("school").at("status").as_string(), "no_external");
  bool m16 = false;
  for (auto& m : page_b.json.at("measures").as_array()) m16 |= m.at("code").as_int64() == 16 && m.at("activities").as_int64() >= 1;
  EXPECT_TRUE(m16) << page_b.body;
  EXPECT_EQ(b.get("/api/v1/alliance/schools/" + std::to_string(schools[0]) + "/overview").code(), "alliance.other_district");
  EXPECT_EQ(lx.get("/api/v1/alliance/schools/" + std::to_string(schools[0]) + "/overview").json.at("school").at("status").as_string(), "covered");
}

TEST_F(DashboardFixture, ADistrictSeesOnlyTheCitysAggregateOfOtherDistricts) {
  auto r = lx.get("/api/v1/alliance/dashboard?district=" + std::to_string(shizhong));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "alliance.other_district");
  EXPECT_EQ(lx.get("/api/v1/alliance/dashboard/schools?district=" + std::to_string(shizhong)).code(), "alliance.other_district");
  EXPECT_EQ(lx.get("/api/v1/alliance/dashboard/schools?district=-1").code(), "alliance.other_district");
  auto sz_schools = sz.get("/api/v1/alliance/dashboard/schools?page_size=1");
  ASSERT_EQ(sz_schools.status, 200);
  auto other = std::to_string(sz_schools.json.at("items").as_array().at(0).at("id").as_int64());
  EXPECT_EQ(lx.get("/api/v1/alliance/schools/" + other + "/overview").code(), "alliance.other_district");
  EXPECT_EQ(lx.get("/api/v1/alliance/dashboard/export?table=districts&district=" + std::to_string(shizhong)).code(), "alliance.other_district");
  // The city drills down into any district.
  auto c = city.get("/api/v1/alliance/dashboard?district=" + std::to_string(shizhong));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json.at("kind").as_string(), "district");
  EXPECT_EQ(city.get("/api/v1/alliance/schools/" + other + "/overview").status, 200);
  // Not a district; a museum has no dashboard.
  EXPECT_EQ(city.get("/api/v1/alliance/dashboard?district=" + other).code(), "alliance.no_such_district");
  EXPECT_EQ(city.get("/api/v1/alliance/dashboard?district=abc").code(), "request.bad_param");
  EXPECT_EQ(museum.get("/api/v1/alliance/dashboard").status, 403);
}

TEST_F(DashboardFixture, OnlyCompletedActivitiesCountOncePerDistrictTheyConcern) {
  auto sz_library = admin.get("/api/v1/unit-directory?limit=5&keyword=" + httplib::detail::encode_query_param("市中区图书馆"))
                        .json.at("items").as_array().at(0).at("id").as_int64();
  auto city0 = city.get("/api/v1/alliance/dashboard"), lx0 = lx.get("/api/v1/alliance/dashboard"), sz0 = sz.get("/api/v1/alliance/dashboard");
  bj::object in{{"type", "law_class"}, {"title", "法治讲堂：预防欺凌"}, {"dates", bj::array{today_beijing()}}, {"state", "planned"},
                {"reached_students", 300}, {"partners", bj::array{hospital, sz_library}}};
  auto r = museum.post("/api/v1/alliance/activities", bj::serialize(in));
  ASSERT_EQ(r.status, 201) << r.body;
  auto id = std::to_string(r.json.at("id").as_int64());
  EXPECT_EQ(measure_count(city.get("/api/v1/alliance/dashboard"), 19), measure_count(city0, 19)) << "a plan is not work done";
  in["state"] = "done";
  in["version"] = 1;
  ASSERT_EQ(museum.put("/api/v1/alliance/activities/" + id, bj::serialize(in)).status, 200);
  auto city1 = city.get("/api/v1/alliance/dashboard"), lx1 = lx.get("/api/v1/alliance/dashboard"), sz1 = sz.get("/api/v1/alliance/dashboard");
  EXPECT_EQ(measure_count(city1, 19), measure_count(city0, 19) + 1) << "once for the city, though two districts take part";
  EXPECT_EQ(measure_count(lx1, 19), measure_count(lx0, 19) + 1);
  EXPECT_EQ(measure_count(sz1, 19), measure_count(sz0, 19) + 1);
  EXPECT_EQ(district_row(city1, lixia, "preparing"), district_row(city0, lixia, "preparing"));
  in["state"] = "cancelled";
  in["version"] = 2;
  ASSERT_EQ(museum.put("/api/v1/alliance/activities/" + id, bj::serialize(in)).status, 200);
  EXPECT_EQ(measure_count(city.get("/api/v1/alliance/dashboard"), 19), measure_count(city0, 19));
  EXPECT_EQ(measure_count(sz.get("/api/v1/alliance/dashboard"), 19), measure_count(sz0, 19));
}

TEST_F(DashboardFixture, EveryTableExportsToXlsx) {
  for (auto table : {"districts", "trend", "targets", "measures", "linkages", "months"}) {
    auto r = city.get(std::string("/api/v1/alliance/dashboard/export?table=") + table);
    ASSERT_EQ(r.status, 200) << table << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(r.body.substr(0, 2), "PK") << table;
  }
  EXPECT_EQ(city.get("/api/v1/alliance/dashboard/export?table=nope").code(), "request.bad_param");
  auto s = lx.get("/api/v1/alliance/dashboard/schools/export?status=uncovered");
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(s.body.substr(0, 2), "PK");
  EXPECT_EQ(city.get("/api/v1/alliance/dashboard/schools?status=bogus").code(), "request.bad_param");
  auto targets = city.get("/api/v1/alliance/dashboard");
  ASSERT_EQ(targets.json.at("targets").as_array().size(), 3u);
  EXPECT_EQ(targets.json.at("targets").as_array().at(1).at("needed").as_int64(),
            (targets.json.at("schools").as_int64() + 1) / 2) << "⌈50%⌉ of the counted schools";
}
}  // namespace
}  // namespace xt::itest
