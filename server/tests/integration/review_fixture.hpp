// A call whose district packages have reached the city, for the city review tests: two cases
// of the museum (a unit directly under the city, which the city pre-reviews itself), one of a
// 历下区 school and one of a 市中区 school, each district sending its package with a stamp.
#pragma once
#include "core/files/image_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace review_fx {
namespace bj = boost::json;

inline std::string path(long long id, const std::string& tail) { return "/api/v1/reviews/" + std::to_string(id) + tail; }

inline long long active_unit(Client& c) { return c.get("/api/v1/auth/me").json.at("active_membership").at("unit_id").as_int64(); }

inline bj::object content_naming(const std::string& unit) {
  auto c = good_content();
  c["topics"] = bj::array{"防霸凌", "法治教育"};
  c["sections"].as_object()["overview"] = unit + "坚持开展家访工作，" + repeat("成果", 90);
  c["contact_name"] = "王明";
  return c;
}

inline long long written_case(Client& author, long long call, const std::string& title, const bj::object& content,
                              const std::string& evidence_name = "") {
  auto d = new_case(author, call, title);
  EXPECT_EQ(save(author, d, title, content).status, 200);
  if (!evidence_name.empty()) {
    auto up = author.post("/api/v1/cases/" + std::to_string(d.id) + "/evidence?name=" + httplib::detail::encode_query_param(evidence_name) +
                              "&material_date=2023-09&filename=" + httplib::detail::encode_query_param(evidence_name + ".pdf"),
                          testing_pdf::plain(), {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(up.status, 201) << up.body;
  }
  EXPECT_EQ(submit(author, d).status, 200);
  return d.id;
}

inline void send_package(Client& bureau, long long call, bool stamp) {
  auto base = "/api/v1/case-calls/" + std::to_string(call);
  ASSERT_EQ(bureau.put(base + "/package", bj::serialize(bj::object{{"contact_name", "张科长"}, {"contact_phone", "0531-86000001"}, {"remarks", bj::array{}}}))
                .status,
            200);
  if (stamp)
    ASSERT_EQ(bureau.post(base + "/package/stamp?filename=a.png", testing_image::png(), {{"Content-Type", "image/png"}}).status, 200);
  auto sent = bureau.post(base + "/package/send", "");
  ASSERT_EQ(sent.status, 200) << sent.body;
}

struct SentCall {
  long long call = 0;
  long long museum_a = 0, museum_b = 0, lixia = 0, shizhong = 0;
  long long museum_unit = 0, city_unit = 0, lixia_bureau = 0, shizhong_bureau = 0;
};

inline SentCall sent_call(Client& city, const std::string& title) {
  SentCall s;
  s.call = open_call(city, title);
  s.city_unit = active_unit(city);
  Client museum(shared_port());
  EXPECT_EQ(museum.login("unit0001").status, 200);
  s.museum_unit = active_unit(museum);
  s.museum_a = written_case(museum, s.call, "济南市博物馆馆校共育课程", content_naming("济南市博物馆"), "济南市博物馆馆校共建协议");
  s.museum_b = written_case(museum, s.call, "周末研学", content_naming("济南市博物馆"));
  for (auto id : {s.museum_a, s.museum_b}) EXPECT_EQ(city.post("/api/v1/cases/" + std::to_string(id) + "/recommend", "").status, 200);
  send_package(city, s.call, false);
  struct District { const char* code; const char* user; long long* case_id; long long* bureau; };
  for (auto d : {District{"370102", "lixia", &s.lixia, &s.lixia_bureau}, District{"370103", "shizhong", &s.shizhong, &s.shizhong_bureau}}) {
    Client school(shared_port());
    login_school_of(school, d.code);
    *d.case_id = written_case(school, s.call, std::string("家校共育") + d.code, good_content());
    Client bureau(shared_port());
    EXPECT_EQ(bureau.login(d.user).status, 200);
    *d.bureau = active_unit(bureau);
    EXPECT_EQ(bureau.post("/api/v1/cases/" + std::to_string(*d.case_id) + "/recommend", "").status, 200);
    send_package(bureau, s.call, true);
  }
  return s;
}

struct MadeExpert {
  long long user_id = 0;
  std::string username, password;
};
inline MadeExpert new_expert(Client& city, long long review, const std::string& name, long long unit, bj::array fields = {}) {
  auto r = city.post(path(review, "/experts/new"), bj::serialize(bj::object{{"name", name}, {"unit_id", unit}, {"fields", fields}, {"phone", "13800000000"}}));
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  return {r.json.at("user_id").as_int64(), std::string(r.json.at("username").as_string()), std::string(r.json.at("password").as_string())};
}

// Signs an expert in and sets their own password (a new account must change it first).
inline void expert_login(Client& c, const MadeExpert& e) {
  ASSERT_EQ(c.login(e.username, e.password).status, 200);
  auto ch = c.post("/api/v1/auth/password", bj::serialize(bj::object{{"old_password", e.password}, {"new_password", "Expert@2026x"}}));
  ASSERT_EQ(ch.status / 100, 2) << ch.body;
}
}  // namespace review_fx
using namespace review_fx;
}  // namespace xt::itest
