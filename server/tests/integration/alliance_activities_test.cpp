// Activity records: whoever did the work records it once; partners confirm with one click;
// bad input is refused with a Chinese message naming the field and changes nothing; only the
// organiser edits; a district sees its own schools' activities and not another district's.
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

long long directory_id(Client& c, const std::string& keyword) {
  auto r = c.get("/api/v1/unit-directory?limit=5&keyword=" + httplib::detail::encode_query_param(keyword));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json.at("items").as_array().empty()) << keyword;
  return r.json.at("items").as_array().at(0).at("id").as_int64();
}

struct ActivityFixture : ::testing::Test {
  Client museum{shared_port()}, police{shared_port()}, lx{shared_port()}, sz{shared_port()};
  long long lx_library = 0, sz_library = 0;
  void SetUp() override {
    ASSERT_EQ(museum.login("unit0001").status, 200);
    ASSERT_EQ(lx.login("lixia").status, 200);
    ASSERT_EQ(sz.login("shizhong").status, 200);
    lx_library = directory_id(museum, "历下区图书馆");
    sz_library = directory_id(museum, "市中区图书馆");
  }
  bj::object lesson(bj::array partners) {
    return {{"type", "venue_lesson"}, {"title", "馆校共建课"}, {"dates", bj::array{"2026-03-10", "2026-03-17", "2026-03-10"}},
            {"place", "一号展厅"},    {"audience", bj::array{"middle", "teachers"}}, {"reached_students", 120}, {"reached_teachers", 6},
            {"partners", partners}};
  }
  long long count(Client& c, const std::string& q = "") {
    auto r = c.get("/api/v1/alliance/activities?page_size=1" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.at("total").as_int64();
  }
};

TEST_F(ActivityFixture, ASeriesIsOneRecordWithItsDates) {
  auto r = museum.post("/api/v1/alliance/activities", bj::serialize(lesson({lx_library})));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("sessions").as_int64(), 2) << "duplicate dates collapse";
  EXPECT_EQ(r.json.at("held_on").as_string(), "2026-03-10");
  EXPECT_EQ(r.json.at("ends_on").as_string(), "2026-03-17");
  EXPECT_EQ(r.json.at("reached").as_int64(), 126);
  EXPECT_EQ(r.json.at("state").as_string(), "done");
  auto id = std::to_string(r.json.at("id").as_int64());
  // The partner's district sees it; another district does not.
  EXPECT_EQ(lx.get("/api/v1/alliance/activities/" + id).status, 200);
  EXPECT_EQ(sz.get("/api/v1/alliance/activities/" + id).status, 404);
  // Only the organiser edits; a stale version is refused.
  auto body = lesson({lx_library});
  body["version"] = 1;
  body["state"] = "cancelled";
  EXPECT_EQ(lx.put("/api/v1/alliance/activities/" + id, bj::serialize(body)).status, 403);
  auto cancelled = museum.put("/api/v1/alliance/activities/" + id, bj::serialize(body));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json.at("state").as_string(), "cancelled");
  EXPECT_EQ(museum.put("/api/v1/alliance/activities/" + id, bj::serialize(body)).code(), "request.stale_version");
  // A partner of a cancelled activity has nothing to confirm; a unit that is no partner neither.
  EXPECT_EQ(sz.post("/api/v1/alliance/activities/" + id + "/confirm", "").status, 404);
}

TEST_F(ActivityFixture, BadInputIsRefusedAndChangesNothing) {
  auto before = count(museum);
  auto send = [&](bj::object o) { return museum.post("/api/v1/alliance/activities", bj::serialize(o)); };
  auto with = [&](const char* key, bj::value v) {
    auto o = lesson({lx_library});
    o[key] = v;
    return send(o);
  };
  auto r = with("type", "no_such_type");
  EXPECT_EQ(r.code(), "activity.unknown_type");
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "type");
  r = with("dates", bj::array{"2099-01-01"});
  EXPECT_EQ(r.code(), "activity.done_in_future");
  EXPECT_NE(std::string(r.json.at("error").at("message").as_string()).find("计划"), std::string::npos);
  r = with("reached_students", -5);
  EXPECT_EQ(r.code(), "activity.bad_reached");
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "reached_students");
  EXPECT_EQ(with("reached_parents", 100001).code(), "activity.bad_reached");
  EXPECT_EQ(with("reached_others", 1000000000000LL).code(), "activity.bad_reached");
  EXPECT_EQ(with("dates", bj::array{"2026-02-30"}).code(), "request.bad_date");
  EXPECT_EQ(with("dates", bj::array{}).code(), "request.required");
  EXPECT_EQ(with("audience", bj::array{"pupils_named"}).code(), "request.bad_value");
  EXPECT_EQ(with("partners", bj::array{99999999}).code(), "activity.bad_partner");
  EXPECT_EQ(with("partners", bj::array{lx_library, lx_library}).code(), "activity.bad_partner");
  EXPECT_EQ(with("state", "finished").code(), "request.bad_value");
  EXPECT_EQ(with("title", "").code(), "request.required");
  auto extra = lesson({});
  extra["children"] = bj::array{"张三"};
  EXPECT_EQ(send(extra).code(), "request.unknown_field") << "no lists of children";
  EXPECT_EQ(count(museum), before);
  // A planned activity may lie ahead.
  auto o = lesson({});
  o["state"] = "planned";
  o["dates"] = bj::array{"2099-05-01"};
  EXPECT_EQ(send(o).status, 201);
  EXPECT_EQ(count(museum), before + 1);
}

TEST_F(ActivityFixture, FiltersAndExport) {
  ASSERT_EQ(museum.post("/api/v1/alliance/activities", bj::serialize(lesson({sz_library}))).status, 201);
  EXPECT_GE(count(museum, "&measure=16"), 1);
  EXPECT_EQ(count(museum, "&measure=3&type=venue_lesson"), 0);
  EXPECT_GE(count(sz, "&type=venue_lesson"), 1);
  EXPECT_EQ(museum.get("/api/v1/alliance/activities?state=bogus").code(), "request.bad_param");
  EXPECT_EQ(museum.get("/api/v1/alliance/activities?from=2026-13-01").code(), "request.bad_param");
  EXPECT_EQ(museum.get("/api/v1/alliance/activities?measure=x").code(), "request.bad_param");
  auto x = museum.get("/api/v1/alliance/activities/export?type=venue_lesson");
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  auto types = museum.get("/api/v1/alliance/activity-types");
  ASSERT_EQ(types.status, 200);
  bool open_day = false;
  for (auto& t : types.json.at("types").as_array()) open_day |= t.at("code") == "open_day" && t.at("open_day").as_bool();
  EXPECT_TRUE(open_day);
}
}  // namespace
}  // namespace xt::itest
