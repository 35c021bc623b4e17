// Units directly under the city bureau (museums, city-level centres) are pre-reviewed by the
// city bureau's 家庭教育处: their cases can be returned, recommended, ordered and closed.
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
std::string call_path(long long call, const std::string& tail) { return "/api/v1/case-calls/" + std::to_string(call) + tail; }
std::string case_path(long long id, const std::string& tail) { return "/api/v1/cases/" + std::to_string(id) + tail; }
}  // namespace

TEST(CasesCityReview, TheCityBureauPreReviewsUnitsDirectlyUnderIt) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（市直单位）");
  Client museum(shared_port());
  ASSERT_EQ(museum.login("unit0001").status, 200);
  auto a = new_case(museum, call, "馆校共育甲");
  ASSERT_EQ(save(museum, a, "馆校共育甲", good_content()).status, 200);
  ASSERT_EQ(submit(museum, a).status, 200);
  auto b = new_case(museum, call, "馆校共育乙");
  ASSERT_EQ(save(museum, b, "馆校共育乙", good_content()).status, 200);
  ASSERT_EQ(submit(museum, b).status, 200);

  Client lx(shared_port());
  lx.login("lixia");
  EXPECT_EQ(lx.post(case_path(a.id, "/recommend"), "").status, 404) << "a district does not see a city-level unit's case";

  auto list = city.get("/api/v1/cases?call_id=" + std::to_string(call) + "&reviewing=1");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json.at("total").as_int64(), 2) << "the city's review list holds the museum's cases";

  auto ret = city.post(case_path(b.id, "/return"), R"({"comment":"请补充馆校课程的课时安排"})");
  ASSERT_EQ(ret.status, 200) << ret.body;
  EXPECT_EQ(museum.get(case_path(b.id, "")).json.at("status").as_string(), "returned");
  auto rec = city.post(case_path(a.id, "/recommend"), "");
  ASSERT_EQ(rec.status, 200) << rec.body;

  auto pk = city.get(call_path(call, "/package"));
  ASSERT_EQ(pk.status, 200) << pk.body;
  EXPECT_TRUE(pk.json.at("self_review").as_bool());
  EXPECT_EQ(pk.json.at("rows").as_array().size(), 1u);
  EXPECT_EQ(pk.json.at("quota").as_int64(), 10) << "the city-level units share a district's quota";
  EXPECT_EQ(city.post(call_path(call, "/package/send"), "").code(), "cases.package_contact_required");
  EXPECT_EQ(city.put(call_path(call, "/package"), R"({"contact_name":"李老师","contact_phone":"八六零零","remarks":[]})").code(),
            "cases.contact_phone_invalid");
  ASSERT_EQ(city.put(call_path(call, "/package"), bj::serialize(bj::object{{"contact_name", "李老师"}, {"contact_phone", "0531-86000002"},
                                                                             {"remarks", bj::array{}}}))
                .status,
            200);
  auto sent = city.post(call_path(call, "/package/send"), "");
  ASSERT_EQ(sent.status, 200) << "the bureau does not stamp a table to itself: " << sent.body;
  EXPECT_EQ(museum.get(case_path(a.id, "")).json.at("status").as_string(), "sent");

  auto board = city.get(call_path(call, "/board"));
  bool found = false;
  for (auto& row : board.json.at("items").as_array())
    if (row.at("review_unit_name").as_string() == "济南市教育局") {
      found = true;
      EXPECT_EQ(row.at("sent").as_int64(), 1);
      EXPECT_FALSE(row.at("package_sent_at").is_null());
    }
  EXPECT_TRUE(found) << board.body;
}

TEST(CasesCityReview, ADistrictCannotTakeTheCitysReview) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（越权）");
  Client museum(shared_port());
  museum.login("unit0001");
  auto a = new_case(museum, call, "馆校共育丙");
  save(museum, a, "馆校共育丙", good_content());
  ASSERT_EQ(submit(museum, a).status, 200);
  Client s(shared_port());
  login_school_of(s, "370102");
  EXPECT_EQ(s.post(case_path(a.id, "/recommend"), "").status / 100, 4);
  EXPECT_EQ(museum.post(case_path(a.id, "/recommend"), "").status, 403) << "the museum cannot recommend its own case";
}
}  // namespace xt::itest

namespace xt::itest {
TEST(CasesQuota, AReturnedCaseHoldsNoPlaceInTheQuota) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "退回不占名额");
  Client s(shared_port());
  s.login("sch0001");  // 局属: two places, and the school pre-reviews its own cases
  auto a = new_case(s, call, "甲");
  save(s, a, "甲", good_content());
  ASSERT_EQ(submit(s, a).status, 200);
  auto b = new_case(s, call, "乙");
  save(s, b, "乙", good_content());
  ASSERT_EQ(submit(s, b).status, 200);
  auto c = new_case(s, call, "丙");
  save(s, c, "丙", good_content());
  EXPECT_EQ(submit(s, c).status, 409) << "two places, both taken";
  ASSERT_EQ(s.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":"请补充成效"})").status, 200);
  auto q = s.get("/api/v1/case-calls/" + std::to_string(call) + "/quota");
  EXPECT_EQ(q.json.at("used").as_int64(), 1) << q.body;
  EXPECT_EQ(submit(s, c).status, 200) << "the returned case freed its place";
  a.version = (int)s.get("/api/v1/cases/" + std::to_string(a.id)).json.at("version").as_int64();
  EXPECT_EQ(submit(s, a).status, 409) << "and cannot take it back over the quota";
}
}  // namespace xt::itest
