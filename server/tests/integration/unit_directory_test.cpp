// Partner pickers search a directory of every active unit (names, types, district), whatever
// the caller's data scope; the scoped unit administration list stays scoped.
#include "integration/cases_fixture.hpp"

namespace xt::itest {

TEST(UnitDirectory, ASchoolFindsUnitsOutsideItsScopeByName) {
  Client s(shared_port());
  login_school_of(s, "370102");
  auto scoped = s.get("/api/v1/units?keyword=" + httplib::detail::encode_query_param("济南市博物馆") + "&page_size=20");
  if (scoped.status == 200) EXPECT_EQ(scoped.json.at("total").as_int64(), 0) << "the administration list keeps the school's scope";
  auto r = s.get("/api/v1/unit-directory?keyword=" + httplib::detail::encode_query_param("博物馆"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto& items = r.json.at("items").as_array();
  ASSERT_FALSE(items.empty());
  bool museum = false;
  for (auto& u : items) {
    EXPECT_EQ(u.as_object().size(), 4u) << "id, name, type and district only: " << bj::serialize(u);
    EXPECT_NE(std::string(u.at("name").as_string()).find("博物馆"), std::string::npos);
    if (u.at("name").as_string() == "济南市博物馆") {
      museum = true;
      EXPECT_EQ(u.at("district").as_string(), "") << "a city-level unit";
    }
  }
  EXPECT_TRUE(museum) << r.body;

  auto exact = s.get("/api/v1/unit-directory?keyword=" + httplib::detail::encode_query_param("市中区教育局"));
  ASSERT_FALSE(exact.json.at("items").as_array().empty());
  EXPECT_EQ(exact.json.at("items").as_array()[0].at("name").as_string(), "市中区教育局") << "the exact name comes first";

  auto schools = s.get("/api/v1/unit-directory?type=school&limit=5&keyword=" + httplib::detail::encode_query_param("市中区"));
  ASSERT_EQ(schools.status, 200) << schools.body;
  EXPECT_LE(schools.json.at("items").as_array().size(), 5u);
  for (auto& u : schools.json.at("items").as_array()) EXPECT_EQ(u.at("type").as_string(), "school");
}

TEST(UnitDirectory, BadQueriesAreRefusedAndLiteralWildcardsMatchNothing) {
  Client s(shared_port());
  s.login("unit0001");
  EXPECT_EQ(s.get("/api/v1/unit-directory?limit=0").code(), "request.bad_paging");
  EXPECT_EQ(s.get("/api/v1/unit-directory?limit=51").code(), "request.bad_paging");
  EXPECT_EQ(s.get("/api/v1/unit-directory?limit=abc").code(), "request.bad_paging");
  std::string long_kw;
  for (int i = 0; i < 51; ++i) long_kw += "长";
  EXPECT_EQ(s.get("/api/v1/unit-directory?keyword=" + httplib::detail::encode_query_param(long_kw)).code(), "request.too_long");
  auto pct = s.get("/api/v1/unit-directory?keyword=%25");
  ASSERT_EQ(pct.status, 200);
  EXPECT_TRUE(pct.json.at("items").as_array().empty()) << "% is a character, not a wildcard";
  Client anon(shared_port());
  EXPECT_EQ(anon.get("/api/v1/unit-directory?keyword=a").status, 401);
}

TEST(UnitDirectory, APartnerPickedFromTheDirectoryIsSavedAsAPlatformUnit) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "合作单位名录");
  Client s(shared_port());
  login_school_of(s, "370102");
  auto found = s.get("/api/v1/unit-directory?keyword=" + httplib::detail::encode_query_param("济南市博物馆"));
  ASSERT_FALSE(found.json.at("items").as_array().empty());
  long long museum = found.json.at("items").as_array()[0].at("id").as_int64();
  auto d = new_case(s, call, "馆校合作");
  auto content = good_content();
  content["partners"] = bj::array{bj::object{{"unit_id", museum}, {"name", "济南市博物馆"}}};
  auto saved = save(s, d, "馆校合作", content);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json.at("content").at("partners").as_array()[0].at("unit_id").as_int64(), museum);
}
}  // namespace xt::itest
