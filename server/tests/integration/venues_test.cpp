// The sports map over HTTP: the network loaded by the operator's command, the public list and
// venue page, the N-minute walk, staff editing within their scope, closures, imports, coverage,
// and every bad input of the issue.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "integration/harness.hpp"

namespace xt::itest {
namespace bj = boost::json;
namespace {
const std::string kPub = "/api/v1/public/venues";

std::vector<std::string> store_args(const std::string& dir) {
  std::vector<std::string> a = {"--db", db_url(), "--data-dir", dir};
  if (file_store() == "postgresql") {
    a.push_back("--file-store");
    a.push_back("postgresql");
  }
  return a;
}

// The demo's street grid loaded again into the shared server's own store, as an operator would.
void load_network() {
  static bool done = [] {
    shared_server();  // the demo city (and its street grid file) first
    EXPECT_TRUE(std::filesystem::exists(demo_dir() + "/demo-city.osm"));
    auto args = std::vector<std::string>{"venues", "load-osm", demo_dir() + "/demo-city.osm", "--name", "测试街道网"};
    for (auto& a : store_args(shared_server().dir())) args.push_back(a);
    auto r = run_xietong(args);
    EXPECT_EQ(r.rc, 0) << r.out;
    Client anon(shared_port());
    for (int i = 0; i < 50; ++i) {
      auto m = anon.get(kPub + "/meta");
      if (m.json.at("network").at("state").as_string() == "ready" && m.json.at("network").at("source").as_string() == "测试街道网") return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the network did not become ready";
    return false;
  }();
  (void)done;
}

bj::object venue_body(const std::string& name, double lon, double lat) {
  return {{"name", name}, {"kind", "community_ground"}, {"lon", lon}, {"lat", lat}, {"sports", bj::array{"basketball"}},
          {"hours", bj::object{{"pupil", "Mo-Fr 16:00-20:00; Sa,Su 08:00-20:00"}}}, {"free_for_students", true},
          // what the form sends for fields left empty
          {"district_id", nullptr}, {"manager_unit_id", nullptr}, {"min_age", nullptr}, {"verified_on", nullptr},
          {"safety", bj::object{{"lit", nullptr}, {"tips", ""}}}};
}
}  // namespace

TEST(Venues, TheWalkFromASchoolRunsOnTheLoadedNetworkAndBadCirclesAreRefused) {
  load_network();
  Client anon(shared_port());
  auto schools = anon.get(kPub + "/schools?keyword=" + httplib::detail::encode_query_param("小学"));
  ASSERT_EQ(schools.status, 200) << schools.body;
  ASSERT_FALSE(schools.json.at("items").as_array().empty());
  int with_venues = 0;
  for (auto& s : schools.json.at("items").as_array()) {
    auto id = std::to_string(s.at("id").as_int64());
    auto r = anon.get(kPub + "/reach?school=" + id + "&minutes=30");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json.at("mode").as_string(), "network");
    double last = 0;
    for (auto& v : r.json.at("items").as_array()) {
      double m = v.at("walk_minutes").template to_number<double>();
      EXPECT_GE(m, last);
      EXPECT_LE(m, 30.0);
      // walking is never shorter than the straight line at the chosen pace (plus rounding)
      EXPECT_GE(m * 60 * 1.1 + 10, v.at("metres").template to_number<double>());
      last = m;
    }
    with_venues += !r.json.at("items").as_array().empty();
    EXPECT_GT(r.json.at("shed").as_array().size(), 10u);
  }
  EXPECT_GT(with_venues, 0);
  auto id = std::to_string(schools.json.at("items").as_array()[0].at("id").as_int64());
  EXPECT_EQ(anon.get(kPub + "/reach?school=" + id + "&minutes=0").code(), "venues.minutes_range");
  EXPECT_EQ(anon.get(kPub + "/reach?school=" + id + "&minutes=600").code(), "venues.minutes_range");
  EXPECT_EQ(anon.get(kPub + "/reach?lon=121.47&lat=31.23").code(), "venues.outside_city") << "Shanghai is not the city";
  EXPECT_EQ(anon.get(kPub + "/reach?lon=abc&lat=36.6").status, 400);
  EXPECT_EQ(anon.get(kPub + "/reach?school=999999999").status, 404);
  EXPECT_EQ(anon.get(kPub + "?audience=adult").code(), "venues.audience_unknown");
  EXPECT_EQ(anon.get(kPub + "?open=tomorrow").status, 400);
  EXPECT_EQ(anon.get(kPub + "?kind=casino").code(), "venues.kind_unknown");
}

TEST(Venues, StaffAddEditAndCloseVenuesWithinTheirScopeAndThePublicSeesItAtOnce) {
  load_network();
  Client city(shared_port());
  city.login("city");
  auto meta = Client(shared_port()).get(kPub + "/meta");
  auto& b = meta.json.at("bounds").as_array();
  double lon = (b[0].to_number<double>() + b[2].to_number<double>()) / 2, lat = (b[1].to_number<double>() + b[3].to_number<double>()) / 2;

  // Bad input, each with its own answer and nothing saved.
  auto body = venue_body("测试篮球场", lon, lat);
  body["hours"] = bj::object{{"pupil", "Mo-Fr sunrise-sunset"}};
  auto bad = city.post("/api/v1/venues", bj::serialize(body));
  EXPECT_EQ(bad.code(), "venues.hours_invalid");
  EXPECT_NE(bad.body.find("sunrise"), std::string::npos) << bad.body;
  body["hours"] = bj::object{{"pupil", ""}, {"guardian", nullptr}};
  EXPECT_EQ(city.post("/api/v1/venues", bj::serialize(body)).code(), "venues.no_hours");
  auto far = venue_body("测试篮球场", 116.40, 39.90);  // Beijing
  EXPECT_EQ(city.post("/api/v1/venues", bj::serialize(far)).code(), "venues.outside_city");
  auto swapped = venue_body("测试篮球场", lat, lon);
  EXPECT_EQ(city.post("/api/v1/venues", bj::serialize(swapped)).code(), "venues.outside_city");
  auto crs = venue_body("测试篮球场", lon, lat);
  crs["crs"] = "mars";
  EXPECT_EQ(city.post("/api/v1/venues", bj::serialize(crs)).code(), "venues.crs_unknown");

  // GCJ-02 input (as copied from AMap) is stored in WGS-84, hundreds of metres away.
  auto good = venue_body("测试篮球场（高德坐标）", lon, lat);
  good["crs"] = "gcj02";
  auto made = city.post("/api/v1/venues", bj::serialize(good));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json.at("source_crs").as_string(), "gcj02");
  EXPECT_GT(std::abs(made.json.at("lon").to_number<double>() - lon), 0.002);
  auto id = std::to_string(made.json.at("id").as_int64());
  Client anon(shared_port());
  auto pub = anon.get(kPub + "/" + id);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json.at("days").at("pupil").as_array().size(), 14u);
  EXPECT_FALSE(pub.json.as_object().contains("creator_id"));
  // A Saturday morning in term: open for pupils; a Saturday night: not.
  auto open = anon.get(kPub + "?keyword=" + httplib::detail::encode_query_param("高德坐标") + "&audience=pupil&open=2026-12-05T10:00");
  EXPECT_EQ(open.json.at("total").as_int64(), 1) << open.body;
  auto night = anon.get(kPub + "?keyword=" + httplib::detail::encode_query_param("高德坐标") + "&audience=pupil&open=2026-12-05T22:00");
  EXPECT_EQ(night.json.at("total").as_int64(), 0) << night.body;

  // Another district's staff cannot see or edit it; its district's can.
  auto district = made.json.at("district_id");
  Client other(shared_port());
  other.login(district.is_null() || district.as_int64() != 0 ? "shizhong" : "lixia");
  auto dname = made.json.at("district_name");
  if (!dname.is_null() && dname.as_string() != "市中区教育局") EXPECT_EQ(other.get("/api/v1/venues/" + id).status, 404);

  // A closure: the public page shows it and the venue is not open during it.
  auto closed = city.post("/api/v1/venues/" + id + "/closures", bj::serialize(bj::object{{"starts_on", "2026-01-01"}, {"reason", "场地翻新"}}));
  ASSERT_EQ(closed.status, 201) << closed.body;
  EXPECT_EQ(city.post("/api/v1/venues/" + id + "/closures", bj::serialize(bj::object{{"starts_on", "2026-01-01"}, {"reason", ""}})).code(), "request.required");
  EXPECT_EQ(anon.get(kPub + "?keyword=" + httplib::detail::encode_query_param("高德坐标") + "&audience=pupil&open=2026-12-05T10:00").json.at("total").as_int64(), 0);
  EXPECT_EQ(anon.get(kPub + "/" + id).json.at("closures").as_array().size(), 1u);
  auto closure = std::to_string(closed.json.at("closures").as_array()[0].at("id").as_int64());
  EXPECT_EQ(city.post("/api/v1/venues/" + id + "/closures/" + closure + "/lift", "{}").status, 200);
  EXPECT_EQ(city.post("/api/v1/venues/" + id + "/closures/" + closure + "/lift", "{}").status, 404);

  // Editing with a stale version is refused; deleting takes it off the map.
  auto upd = good;
  upd["version"] = 1;
  upd["name"] = "测试篮球场（已改名）";
  auto changed = city.put("/api/v1/venues/" + id, bj::serialize(upd));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json.at("version").as_int64(), 2);
  upd["name"] = "测试篮球场（再改名）";
  EXPECT_EQ(city.put("/api/v1/venues/" + id, bj::serialize(upd)).code(), "request.stale");
  EXPECT_EQ(city.del("/api/v1/venues/" + id).status, 200);
  EXPECT_EQ(anon.get(kPub + "/" + id).status, 404);
}

TEST(Venues, TheMuseumKeepsItsOwnVenueOnly) {
  Client museum(shared_port());
  museum.login("unit0001");
  auto list = museum.get("/api/v1/venues");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_GE(list.json.at("total").as_int64(), 1);
  for (auto& v : list.json.at("items").as_array()) EXPECT_EQ(v.at("name").as_string(), "济南市博物馆");
  Client city(shared_port());
  city.login("city");
  auto all = city.get("/api/v1/venues?kind=pool");
  ASSERT_GT(all.json.at("total").as_int64(), 0);
  auto pool = std::to_string(all.json.at("items").as_array()[0].at("id").as_int64());
  EXPECT_EQ(museum.get("/api/v1/venues/" + pool).status, 404);
}

TEST(Venues, AnImportWithOneBadRowAmongFiveThousandImportsNothing) {
  load_network();
  Client city(shared_port());
  city.login("city");
  auto meta = Client(shared_port()).get(kPub + "/meta");
  auto& b = meta.json.at("bounds").as_array();
  double w = b[0].to_number<double>() + 0.03, s = b[1].to_number<double>() + 0.03;
  bj::array feats;
  for (int i = 0; i < 5000; ++i) {
    bj::object props{{"名称", "导入健身点" + std::to_string(i)}, {"类别", "健身路径"}, {"学生独自开放时间", "24/7"}, {"外部编号", "IMP-" + std::to_string(i)}};
    if (i == 3217) props["学生独自开放时间"] = "Mo-Fr 25:00-26:00";
    feats.push_back(bj::object{{"type", "Feature"}, {"geometry", bj::object{{"type", "Point"}, {"coordinates", bj::array{w + (i % 70) * 0.001, s + (i / 70) * 0.0005}}}}, {"properties", props}});
  }
  auto doc = bj::serialize(bj::object{{"type", "FeatureCollection"}, {"features", feats}});
  auto before = city.get("/api/v1/venues").json.at("total").as_int64();
  auto r = city.post("/api/v1/venues/import?format=geojson&mode=all&crs=wgs84", doc, {{"Content-Type", "application/geo+json"}});
  EXPECT_EQ(r.code(), "import.rows_invalid") << r.body.substr(0, 400);
  EXPECT_EQ(r.json.at("bad").as_int64(), 1);
  EXPECT_EQ(r.json.at("imported").as_int64(), 0);
  ASSERT_EQ(r.json.at("errors").as_array().size(), 1u);
  EXPECT_NE(std::string(r.json.at("errors").as_array()[0].at("message").as_string()).find("第3218个要素"), std::string::npos) << r.body.substr(0, 400);
  EXPECT_EQ(city.get("/api/v1/venues").json.at("total").as_int64(), before);
  EXPECT_EQ(city.post("/api/v1/venues/import?format=geojson&mode=check", "not json").code(), "import.not_geojson");
}

TEST(Venues, AFileThatIsNotOsmOrHasNoWalkwaysIsRefusedByTheLoadCommand) {
  auto dir = shared_server().dir();
  std::ofstream(dir + "/not.osm") << "<html><body>hello</body></html>";
  std::ofstream(dir + "/empty.osm") << "<osm version=\"0.6\"><node id=\"1\" lat=\"36.6\" lon=\"117\"/></osm>";
  std::ofstream(dir + "/bad.osm.pbf") << "not a pbf at all";
  for (auto [file, words] : std::vector<std::pair<std::string, std::string>>{{"not.osm", "不是 OSM"}, {"empty.osm", "没有可步行的道路"}, {"bad.osm.pbf", "不是 OSM PBF"}}) {
    auto args = std::vector<std::string>{"venues", "load-osm", dir + "/" + file};
    for (auto& a : store_args(dir)) args.push_back(a);
    auto r = run_xietong(args);
    EXPECT_EQ(r.rc, 1) << r.out;
    EXPECT_NE(r.out.find(words), std::string::npos) << r.out;
  }
}

TEST(Venues, CoverageIsTheCitysWholeAndADistrictsOwn) {
  load_network();
  Client city(shared_port());
  city.login("city");
  auto all = city.get("/api/v1/venues/coverage");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json.at("mode").as_string(), "network");
  EXPECT_GT(all.json.at("items").as_array().size(), 50u);
  Client lixia(shared_port());
  lixia.login("lixia");
  auto own = lixia.get("/api/v1/venues/coverage");
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_FALSE(own.json.at("items").as_array().empty());
  long long no_sports = 0, no_study = 0;
  for (auto& i : own.json.at("items").as_array()) {
    EXPECT_EQ(i.at("district").as_string(), "历下区教育局");
    no_sports += i.at("sports_minutes").is_null();
    no_study += i.at("study_minutes").is_null();
  }
  // The 教联体 dashboard shows the same counts under measures 5 and 10.
  auto board = lixia.get("/api/v1/alliance/dashboard");
  ASSERT_EQ(board.status, 200) << board.body.substr(0, 300);
  auto& w = board.json.at("walk_coverage");
  EXPECT_EQ(w.at("schools").as_int64(), (long long)own.json.at("items").as_array().size());
  EXPECT_EQ(w.at("without_sports").as_int64(), no_sports);
  EXPECT_EQ(w.at("without_study").as_int64(), no_study);
  EXPECT_EQ(city.get("/api/v1/alliance/dashboard").json.at("walk_coverage").at("schools").as_int64(), (long long)all.json.at("items").as_array().size());
  auto x = city.get("/api/v1/venues/coverage/export");
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
}
}  // namespace xt::itest
