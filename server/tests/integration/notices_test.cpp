// In-app notices over HTTP: a return, a recommendation and a package's arrival reach the
// units that act on them and nobody else; read marks are per user; reminders come from the
// background job once.
#include <thread>

#include "core/files/image_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {

bool has_title(const Resp& r, const std::string& part) {
  for (auto& n : r.json.at("items").as_array())
    if (std::string(n.at("title").as_string()).find(part) != std::string::npos) return true;
  return false;
}

TEST(Notices, ReviewOutcomesReachTheWritingUnitAndTheCity) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "通知测试征集");
  Client s(shared_port());
  login_school_of(s, "370102");
  auto a = new_case(s, call, "通知甲案例");
  ASSERT_EQ(save(s, a, "通知甲案例", good_content()).status, 200);
  ASSERT_EQ(submit(s, a).status, 200);
  long long before = s.get("/api/v1/notices/unread-count").json.at("unread").as_int64();

  Client lx(shared_port());
  lx.login("lixia");
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":"请补充活动照片目录"})").status, 200);
  auto mine = s.get("/api/v1/notices?unread=1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json.at("unread").as_int64(), before + 1);
  auto& first = mine.json.at("items").as_array()[0];
  EXPECT_EQ(first.at("title").as_string(), "案例《通知甲案例》被退回修改");
  EXPECT_EQ(first.at("body").as_string(), "修改意见：请补充活动照片目录");
  EXPECT_EQ(first.at("link").as_string(), "/cases/" + std::to_string(a.id) + "/edit");
  long long nid = first.at("id").as_int64();

  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_FALSE(has_title(sz.get("/api/v1/notices?page_size=100"), "通知甲案例")) << "another district sees nothing";
  EXPECT_EQ(sz.post("/api/v1/notices/" + std::to_string(nid) + "/read", "").status, 404) << "nor can it mark it";
  EXPECT_FALSE(has_title(lx.get("/api/v1/notices?page_size=100"), "被退回")) << "the reviewer is not told of its own return";

  ASSERT_EQ(s.post("/api/v1/notices/" + std::to_string(nid) + "/read", "").status, 204);
  EXPECT_EQ(s.get("/api/v1/notices/unread-count").json.at("unread").as_int64(), before);
  auto all = s.get("/api/v1/notices?page_size=5");
  EXPECT_TRUE(all.json.at("items").as_array()[0].at("read").as_bool());

  a.version = (int)s.get("/api/v1/cases/" + std::to_string(a.id)).json.at("version").as_int64();
  ASSERT_EQ(save(s, a, "通知甲案例", good_content()).status, 200);
  ASSERT_EQ(submit(s, a).status, 200);
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/recommend", "").status, 200);
  EXPECT_TRUE(has_title(s.get("/api/v1/notices?unread=1"), "《通知甲案例》已被推荐"));

  ASSERT_EQ(lx.put("/api/v1/case-calls/" + std::to_string(call) + "/package",
                   R"({"contact_name":"张科长","contact_phone":"0531-86000001","remarks":[]})").status, 200);
  auto stamp = lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/stamp?filename=stamp.png", testing_image::png(),
                       {{"Content-Type", "image/png"}});
  ASSERT_EQ(stamp.status, 200) << stamp.body;
  ASSERT_EQ(lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/send", "").status, 200);
  auto c = city.get("/api/v1/notices?unread=1&page_size=100");
  EXPECT_TRUE(has_title(c, "历下区教育局已报送推荐材料")) << c.body;

  long long unread = city.get("/api/v1/notices/unread-count").json.at("unread").as_int64();
  ASSERT_GT(unread, 0);
  auto marked = city.post("/api/v1/notices/read-all", "");
  ASSERT_EQ(marked.status, 200);
  EXPECT_EQ(marked.json.at("marked").as_int64(), unread);
  EXPECT_EQ(city.get("/api/v1/notices/unread-count").json.at("unread").as_int64(), 0);
}

TEST(Notices, BadParametersAreRefused) {
  Client c(shared_port());
  c.login("city");
  EXPECT_EQ(c.get("/api/v1/notices?unread=yes").code(), "request.bad_param");
  EXPECT_EQ(c.get("/api/v1/notices?page_size=0").code(), "request.bad_paging");
  EXPECT_EQ(c.post("/api/v1/notices/999999999/read", "").status, 404);
  Client anon(shared_port());
  EXPECT_EQ(anon.get("/api/v1/notices").status, 401);
}

TEST(Notices, TheBackgroundJobRemindsOnceBeforeTheDeadline) {
  shared_port();  // the demo city exists
  Server srv;
  srv.start(db_url(), {"--jobs-interval-s", "1"});
  Client city(srv.port());
  city.login("city");
  long long call = open_call(city, "截止提醒测试", 4);
  Client s(srv.port());
  s.login("sch0001");
  new_case(s, call, "未报送的案例");
  std::string title;
  for (int i = 0; i < 40 && title.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto list = s.get("/api/v1/notices?page_size=100");
    for (auto& n : list.json.at("items").as_array())
      if (n.at("kind").as_string() == "cases.reminder" && std::string(n.at("title").as_string()).find("截止提醒测试") != std::string::npos)
        title = n.at("title").as_string();
  }
  ASSERT_FALSE(title.empty()) << "a reminder arrives within 10 s";
  EXPECT_NE(title.find("截止（还有"), std::string::npos) << title;
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  int n = 0;
  auto list = s.get("/api/v1/notices?page_size=100");
  for (auto& x : list.json.at("items").as_array())
    n += std::string(x.at("title").as_string()).find("截止提醒测试") != std::string::npos;
  EXPECT_EQ(n, 1) << "later runs of the job add nothing";
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
TEST(Notices, AReturnedCaseReachesItsWriterInEveryUnitAndTheSwitcherCountsPerUnit) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "退回通知跟人走");
  Client m(shared_port());
  ASSERT_EQ(m.login("multi").status, 200);
  auto me = m.get("/api/v1/auth/me");
  auto& ms = me.json.at("memberships").as_array();
  ASSERT_EQ(ms.size(), 2u);
  long long district_mid = 0, school_mid = 0;
  for (auto& x : ms) (x.at("unit_type").as_string() == "school" ? school_mid : district_mid) = x.at("id").as_int64();
  ASSERT_TRUE(district_mid && school_mid);
  ASSERT_EQ(m.post("/api/v1/auth/switch", bj::serialize(bj::object{{"membership_id", school_mid}})).status, 200);
  auto d = new_case(m, call, "跟人走的案例");
  ASSERT_EQ(save(m, d, "跟人走的案例", good_content()).status, 200);
  ASSERT_EQ(submit(m, d).status, 200);
  ASSERT_EQ(m.post("/api/v1/auth/switch", bj::serialize(bj::object{{"membership_id", district_mid}})).status, 200);

  Client lx(shared_port());
  lx.login("lixia");
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(d.id) + "/return", R"({"comment":"请补充数据"})").status, 200);

  auto seen = m.get("/api/v1/notices?unread=1");
  EXPECT_TRUE(has_title(seen, "跟人走的案例")) << "the writer, acting for the district now, still hears of it: " << seen.body;
  auto per = m.get("/api/v1/notices/unread-by-unit");
  ASSERT_EQ(per.status, 200) << per.body;
  long long school_unread = -1;
  for (auto& x : per.json.at("items").as_array())
    if (x.at("membership_id").as_int64() == school_mid) school_unread = x.at("unread").as_int64();
  EXPECT_GE(school_unread, 1) << per.body;

  // Once, not twice, when acting for the school itself.
  ASSERT_EQ(m.post("/api/v1/auth/switch", bj::serialize(bj::object{{"membership_id", school_mid}})).status, 200);
  auto all = m.get("/api/v1/notices?page_size=100");
  int n = 0;
  for (auto& x : all.json.at("items").as_array()) {
    std::string t(x.at("title").as_string());
    n += t.find("跟人走的案例") != std::string::npos && t.find("退回") != std::string::npos;
  }
  EXPECT_EQ(n, 1) << all.body;
}
}  // namespace xt::itest
