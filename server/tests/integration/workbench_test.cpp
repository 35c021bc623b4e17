// The 工作台 shows each person what concerns their active unit, every number linking to the
// list behind it; units the call does not concern get no invented work.
#include <set>

#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
const bj::object* card(const Resp& r, const std::string& prefix) {
  for (auto& c : r.json.at("cards").as_array())
    if (std::string(c.at("key").as_string()).rfind(prefix, 0) == 0) return &c.as_object();
  return nullptr;
}
std::string figure(const bj::object& c, const std::string& label) {
  for (auto& f : c.at("figures").as_array())
    if (f.at("label").as_string() == label) return std::string(f.at("value").as_string());
  return "<none>";
}
std::string link_of(const bj::object& c, const std::string& label) {
  for (auto& f : c.at("figures").as_array())
    if (f.at("label").as_string() == label) return std::string(f.at("link").as_string());
  return "";
}
}  // namespace

TEST(Workbench, EachRoleSeesItsOwnWorkWithLinks) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "工作台测试征集", 10);
  auto key = std::to_string(call);
  Client s(shared_port());
  login_school_of(s, "370102");
  auto a = new_case(s, call, "工作台甲");
  save(s, a, "工作台甲", good_content());
  ASSERT_EQ(submit(s, a).status, 200);
  auto b = new_case(s, call, "工作台乙");
  save(s, b, "工作台乙", good_content());

  Client lx(shared_port());
  lx.login("lixia");
  auto before = lx.get("/api/v1/workbench");
  ASSERT_EQ(before.status, 200) << before.body;
  auto* review = card(before, "cases-review-" + key);
  ASSERT_NE(review, nullptr) << before.body;
  EXPECT_EQ(figure(*review, "待初评"), "1");
  EXPECT_EQ(link_of(*review, "待初评"), "/cases/review?call=" + key + "&status=submitted");
  EXPECT_EQ(figure(*review, "推荐材料"), "尚未报送");
  auto left = figure(*review, "截止时间");  // 10 or 11 days, by the hour of the day in Beijing
  EXPECT_TRUE(left.find("还有 10 天") != std::string::npos || left.find("还有 11 天") != std::string::npos) << left;

  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":"请补充家长参与的数据"})").status, 200);
  auto mine = s.get("/api/v1/workbench");
  auto* m = card(mine, "cases-mine-" + key);
  ASSERT_NE(m, nullptr) << mine.body;
  EXPECT_EQ(figure(*m, "草稿"), "1");
  EXPECT_EQ(figure(*m, "被退回待修改"), "1");
  EXPECT_EQ(link_of(*m, "被退回待修改"), "/cases/mine?call=" + key + "&status=returned");
  EXPECT_EQ(figure(*m, "所在区县名额"), "0 / 10") << "a returned case holds no place";
  ASSERT_FALSE(m->at("notes").as_array().empty());
  EXPECT_NE(std::string(m->at("notes").as_array()[0].as_string()).find("请补充家长参与的数据"), std::string::npos);
  EXPECT_EQ(m->at("link").as_string(), "/cases/" + std::to_string(a.id) + "/edit") << "the card opens the returned case";
  EXPECT_EQ(card(mine, "cases-review-" + key), nullptr) << "a district school does not pre-review";

  auto progress = city.get("/api/v1/workbench");
  auto* board = card(progress, "cases-board-" + key);
  ASSERT_NE(board, nullptr) << progress.body;
  EXPECT_EQ(figure(*board, "撰写中"), "1");
  EXPECT_EQ(link_of(*board, "撰写中"), "/cases/board?call=" + key);
  EXPECT_NE(figure(*board, "推荐材料已送达").find("0 / "), std::string::npos);
}

namespace {
std::set<std::string> menu_keys(Client& c) {
  std::set<std::string> keys;
  auto me = c.get("/api/v1/auth/me");
  for (auto& d : me.json.at("menus").as_array()) {
    keys.insert(std::string(d.at("key").as_string()));
    for (auto& k : d.at("children").as_array()) keys.insert(std::string(k.at("key").as_string()));
  }
  return keys;
}
}  // namespace

TEST(Workbench, MenusThatDoNotApplyAreHiddenNotRefused) {
  Client district_school(shared_port());
  login_school_of(district_school, "370102");
  auto ds = menu_keys(district_school);
  EXPECT_TRUE(ds.count("cases-mine"));
  EXPECT_FALSE(ds.count("cases-review")) << "a district school does not pre-review";
  Client affiliated(shared_port());
  affiliated.login("sch0001");
  EXPECT_TRUE(menu_keys(affiliated).count("cases-review")) << "a 局属 school pre-reviews its own cases";
  Client lx(shared_port());
  lx.login("lixia");
  auto l = menu_keys(lx);
  EXPECT_TRUE(l.count("cases-review"));
  EXPECT_FALSE(l.count("cases-mine")) << "a bureau does not write cases";
  Client dept(shared_port());
  dept.login("dept09");
  EXPECT_FALSE(menu_keys(dept).count("cases-mine")) << "departments are not addressed by the call";
  Client museum(shared_port());
  museum.login("unit0001");
  EXPECT_TRUE(menu_keys(museum).count("cases-mine"));
  EXPECT_FALSE(menu_keys(museum).count("cases-review"));
}

TEST(Workbench, ADepartmentIsNotGivenInventedWork) {
  Client dept(shared_port());
  dept.login("dept09");
  auto r = dept.get("/api/v1/workbench");
  ASSERT_EQ(r.status, 200) << r.body;
  for (auto& c : r.json.at("cards").as_array()) {
    auto k = std::string(c.at("key").as_string());
    EXPECT_TRUE(k.rfind("cases-review-", 0) != 0 && k.rfind("cases-board-", 0) != 0) << k;
  }
  Client anon(shared_port());
  EXPECT_EQ(anon.get("/api/v1/workbench").status, 401);
}
}  // namespace xt::itest
