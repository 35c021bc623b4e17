// The measure catalog of the 教联体 plan: everyone signed in reads the 20 measures of the Jinan
// plan in their six linkages with text and 责任单位; city staff add, change and retire
// measures as data (audited); nobody else may; bad input is refused naming the field.
#include "integration/harness.hpp"

#include "core/db/db.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

const bj::object* measure(const Resp& r, int code) {
  for (auto& g : r.json.at("linkages").as_array())
    for (auto& m : g.at("measures").as_array())
      if (m.at("code").as_int64() == code) return &m.as_object();
  return nullptr;
}

TEST(AllianceMeasures, TheTwentyMeasuresOfThePlanAreThereInTheirSixLinkages) {
  Client school(shared_port());
  ASSERT_EQ(school.login("sch0001").status, 200);
  auto r = school.get("/api/v1/alliance/measures");
  ASSERT_EQ(r.status, 200) << r.body;
  auto& groups = r.json.at("linkages").as_array();
  ASSERT_EQ(groups.size(), 6u);
  std::vector<std::string> names;
  for (auto& g : groups) names.emplace_back(g.at("name").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"医教联动", "体教联动", "社教联动", "家校联动", "馆校联动", "警校联动"}));
  std::vector<size_t> sizes;
  for (auto& g : groups) sizes.push_back(g.at("measures").as_array().size());
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 3, 5, 3, 2, 3}));
  auto* m16 = measure(r, 16);
  ASSERT_TRUE(m16);
  EXPECT_EQ(m16->at("title").as_string(), "推进“馆所里的思政(法治)课”建设");
  EXPECT_NE(std::string(m16->at("body").as_string()).find("一校一馆一课"), std::string::npos);
  EXPECT_EQ(bj::serialize(m16->at("departments")), R"(["市教育局","市委宣传部","市文化和旅游局"])");
  EXPECT_EQ(m16->at("source").as_string(), "济教发〔2025〕8号");
  auto* m14 = measure(r, 14);
  ASSERT_TRUE(m14);
  EXPECT_NE(std::string(m14->at("body").as_string()).find("每学期至少举办1~2次主题开放日"), std::string::npos);
}

TEST(AllianceMeasures, CityStaffAddChangeAndRetireMeasuresAndNobodyElseMay) {
  Client city(shared_port()), district(shared_port()), school(shared_port());
  ASSERT_EQ(city.login("city").status, 200);
  ASSERT_EQ(district.login("lixia").status, 200);
  ASSERT_EQ(school.login("sch0001").status, 200);
  int code = 900 + (int)(::getpid() % 90);
  bj::object in{{"code", code}, {"linkage", "venue"}, {"title", "科学教育进馆所"}, {"body", "科技馆与学校结对开设科学课。"},
                {"departments", bj::array{"市教育局", "市科协"}}, {"source", "2026年补充举措"}};
  EXPECT_EQ(district.post("/api/v1/alliance/measures", bj::serialize(in)).status, 403);
  EXPECT_EQ(school.post("/api/v1/alliance/measures", bj::serialize(in)).status, 403);
  auto made = city.post("/api/v1/alliance/measures", bj::serialize(in));
  ASSERT_EQ(made.status, 201) << made.body;
  auto id = made.json.at("id").as_int64();
  EXPECT_TRUE(measure(school.get("/api/v1/alliance/measures"), code)) << "everyone sees the new measure";

  in["status"] = "retired";
  in["title"] = "科学教育进馆所（已并入举措17）";
  EXPECT_EQ(district.put("/api/v1/alliance/measures/" + std::to_string(id), bj::serialize(in)).status, 403);
  auto retired = city.put("/api/v1/alliance/measures/" + std::to_string(id), bj::serialize(in));
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json.at("status").as_string(), "retired");
  EXPECT_FALSE(measure(school.get("/api/v1/alliance/measures"), code)) << "a retired measure leaves the catalog";
  auto active = school.get("/api/v1/alliance/measures");
  auto all = school.get("/api/v1/alliance/measures?all=1");
  ASSERT_TRUE(measure(all, code)) << "and stays readable with all=1";
  EXPECT_GT(all.json.at("total").as_int64(), active.json.at("total").as_int64());

  db::Database d(db_url(), 1);
  auto l = d.lease();
  db::Query q("SELECT COUNT(*) FROM audit_log WHERE action = 'alliance:measure:update' AND result = 'success' AND object_id = ");
  q << q.bind(std::to_string(id));
  EXPECT_EQ(l->conn.scalar(q), 2) << "the creation and the change, each audited once";
}

TEST(AllianceMeasures, BadInputIsRefusedNamingTheField) {
  Client city(shared_port());
  ASSERT_EQ(city.login("city").status, 200);
  auto post = [&](bj::object o) { return city.post("/api/v1/alliance/measures", bj::serialize(o)); };
  bj::object good{{"code", 990}, {"linkage", "police"}, {"title", "测试举措"}};
  auto with = [&](const char* k, bj::value v) {
    auto o = good;
    o[k] = v;
    return o;
  };
  auto r = post(with("linkage", "space"));
  EXPECT_EQ(r.code(), "alliance.unknown_linkage") << r.body;
  EXPECT_NE(r.body.find("\"field\":\"linkage\""), std::string::npos) << r.body;
  r = post(with("code", 16));
  EXPECT_EQ(r.code(), "alliance.measure_code_taken") << r.body;
  r = post(with("code", 0));
  EXPECT_EQ(r.status, 422) << r.body;
  r = post(with("title", ""));
  EXPECT_EQ(r.status, 422) << r.body;
  r = post(with("status", "paused"));
  EXPECT_EQ(r.code(), "request.bad_value") << r.body;
  r = post(with("departments", bj::array{"市教育局", 7}));
  EXPECT_EQ(r.code(), "request.bad_value") << r.body;
  r = post(with("colour", "red"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(city.put("/api/v1/alliance/measures/99999999", bj::serialize(good)).code(), "alliance.measure_not_found");
  EXPECT_EQ(city.get("/api/v1/alliance/measures?all=2").code(), "request.bad_param");
  auto after = city.get("/api/v1/alliance/measures?all=1");
  EXPECT_FALSE(measure(after, 990)) << "nothing was written";
}
}  // namespace
}  // namespace xt::itest
