// 会商: a member unit records a consultation with attendee units and follow-up actions; an
// action due before its meeting, an owner or attendee outside the alliance, a meeting in the
// future are refused with nothing recorded; only the owner closes an action; an action past
// due reaches its owner and the convening unit as a notice, once.
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

long long directory_id(Client& c, const std::string& keyword) {
  auto r = c.get("/api/v1/unit-directory?limit=5&keyword=" + httplib::detail::encode_query_param(keyword));
  EXPECT_FALSE(r.json.at("items").as_array().empty()) << keyword;
  return r.json.at("items").as_array().at(0).at("id").as_int64();
}

void login_staff_of(Client& c, long long unit, int port = 0) {
  Client admin(port ? port : shared_port());
  admin.login("admin");
  auto users = admin.get("/api/v1/users?page_size=5&unit_id=" + std::to_string(unit));
  ASSERT_FALSE(users.json.at("items").as_array().empty()) << "no user at unit " << unit;
  ASSERT_EQ(c.login(std::string(users.json.at("items").as_array().at(0).at("username").as_string())).status, 200);
}

struct MeetingFixture : ::testing::Test {
  Client lx{shared_port()}, museum{shared_port()}, hospital_staff{shared_port()}, sz{shared_port()};
  long long hospital = 0, city_museum = 0, far_unit = 0, alliance = 0;
  void SetUp() override {
    ASSERT_EQ(lx.login("lixia").status, 200);
    ASSERT_EQ(museum.login("unit0001").status, 200);
    ASSERT_EQ(sz.login("shizhong").status, 200);
    hospital = directory_id(lx, "历下区人民医院");
    city_museum = directory_id(lx, "济南市博物馆");
    far_unit = directory_id(lx, "市中区图书馆");
    login_staff_of(hospital_staff, hospital);
    // the district's alliance, formed anew
    auto l = lx.get("/api/v1/alliances?page_size=100&level=district");
    for (auto& a : l.json.at("items").as_array())
      if (a.at("status") != "dissolved") lx.post("/api/v1/alliances/" + std::to_string(a.at("id").as_int64()) + "/status", R"({"status":"dissolved"})");
    auto r = lx.post("/api/v1/alliances", bj::serialize(bj::object{
        {"name", "历下区教联体"}, {"status", "formed"}, {"founded_on", "2025-06-01"},
        {"members", bj::array{bj::object{{"unit_id", hospital}}, bj::object{{"unit_id", city_museum}}}}}));
    ASSERT_EQ(r.status, 201) << r.body;
    alliance = r.json.at("id").as_int64();
  }
  std::string path() { return "/api/v1/alliances/" + std::to_string(alliance) + "/meetings"; }
  bj::object meeting() {
    return {{"held_on", "2026-01-10"},
            {"topic", "春季学期馆校课程与视力检测安排"},
            {"agenda", "一、馆校课程；二、视力检测"},
            {"decisions", "博物馆每月开设一次现场教学；医院三月完成视力检测"},
            {"attendees", bj::array{hospital, city_museum}},
            {"actions", bj::array{bj::object{{"title", "完成全区小学视力检测"}, {"owner_unit_id", hospital}, {"due_on", "2026-03-31"}},
                                  bj::object{{"title", "排出馆校课程表"}, {"owner_unit_id", city_museum}, {"due_on", "2099-02-01"}}}}};
  }
  size_t meetings() { return lx.get(path()).json.at("items").as_array().size(); }
};

TEST_F(MeetingFixture, AMeetingWithTwoActionsOneClosedByItsOwner) {
  auto r = lx.post(path(), bj::serialize(meeting()));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("attendees").as_array().size(), 3u) << "the convening bureau attends";
  auto& acts = r.json.at("actions").as_array();
  ASSERT_EQ(acts.size(), 2u);
  auto first = std::to_string(acts.at(0).at("id").as_int64());
  // The museum (a member) sees it; another district does not.
  auto m = std::to_string(r.json.at("id").as_int64());
  EXPECT_EQ(museum.get("/api/v1/alliance/meetings/" + m).status, 200);
  EXPECT_EQ(sz.get("/api/v1/alliance/meetings/" + m).status, 404);
  // Only the owner closes it, once.
  EXPECT_EQ(museum.post("/api/v1/alliance/actions/" + first + "/done", R"({"note":"x"})").code(), "meeting.not_owner");
  bool mine = false;
  auto open = hospital_staff.get("/api/v1/alliance/actions");
  for (auto& a : open.json.at("items").as_array()) mine |= std::to_string(a.at("id").as_int64()) == first;
  EXPECT_TRUE(mine);
  auto done = hospital_staff.post("/api/v1/alliance/actions/" + first + "/done", R"({"note":"已检测1,820人"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json.at("status").as_string(), "done");
  EXPECT_EQ(done.json.at("done_note").as_string(), "已检测1,820人");
  EXPECT_EQ(hospital_staff.post("/api/v1/alliance/actions/" + first + "/done", "{}").code(), "meeting.action_done");
  auto again = lx.get("/api/v1/alliance/meetings/" + m);
  EXPECT_EQ(again.json.at("actions").as_array().at(0).at("status").as_string(), "done");
  EXPECT_EQ(again.json.at("actions").as_array().at(1).at("status").as_string(), "open");
}

TEST_F(MeetingFixture, BadMeetingsAreRefusedAndNothingIsRecorded) {
  auto before = meetings();
  auto send = [&](bj::object o) { return lx.post(path(), bj::serialize(o)); };
  auto o = meeting();
  o["actions"].as_array()[0].as_object()["due_on"] = "2026-01-09";
  auto r = send(o);
  EXPECT_EQ(r.code(), "meeting.due_before_meeting");
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "actions[0].due_on");
  o = meeting();
  o["actions"].as_array()[1].as_object()["owner_unit_id"] = far_unit;
  EXPECT_EQ(send(o).code(), "meeting.not_a_member");
  o = meeting();
  o["attendees"] = bj::array{far_unit};
  EXPECT_EQ(send(o).code(), "meeting.not_a_member");
  o = meeting();
  o["held_on"] = "2099-01-01";
  EXPECT_EQ(send(o).code(), "alliance.date_in_future");
  o = meeting();
  o["held_on"] = "2026-02-30";
  EXPECT_EQ(send(o).code(), "request.bad_date");
  o = meeting();
  o["topic"] = "";
  EXPECT_EQ(send(o).code(), "request.required");
  EXPECT_EQ(meetings(), before);
  // Not a member: another district's bureau does not even see the alliance.
  EXPECT_EQ(sz.post(path(), bj::serialize(meeting())).status, 404);
}

TEST_F(MeetingFixture, AnOverdueActionReachesItsOwnerAndTheConvenerOnce) {
  auto o = meeting();
  auto topic = "逾期提醒测试会商" + std::to_string(std::time(nullptr));  // unique: a database may hold an earlier run's
  o["topic"] = topic;
  ASSERT_EQ(lx.post(path(), bj::serialize(o)).status, 201);
  Server srv;
  srv.start(db_url(), {"--jobs-interval-s", "1"});
  auto find = [&](Client& c) {
    int n = 0;
    auto list = c.get("/api/v1/notices?page_size=100");
    for (auto& x : list.json.at("items").as_array())
      n += x.at("kind").as_string() == "alliance.action_overdue" && std::string(x.at("body").as_string()).find(topic) != std::string::npos;
    return n;
  };
  Client owner(srv.port()), convener(srv.port()), museum2(srv.port());
  login_staff_of(owner, hospital, srv.port());
  convener.login("lixia");
  museum2.login("unit0001");
  int seen = 0;
  for (int i = 0; i < 40 && seen == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    seen = find(owner);
  }
  ASSERT_EQ(seen, 1) << "the owner is told within 10 s";
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(find(owner), 1) << "once";
  EXPECT_EQ(find(convener), 1);
  EXPECT_EQ(find(museum2), 0) << "the museum's action is not due";
}
}  // namespace
}  // namespace xt::itest
