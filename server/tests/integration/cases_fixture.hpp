// Shared steps of the typical-case call tests: a call, a valid case, saving and submitting.
#pragma once
#include <chrono>
#include <thread>

#include "integration/harness.hpp"

namespace xt::itest {
namespace cases_fx {
namespace bj = boost::json;

inline std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

inline bj::object good_content() {
  return {{"partners", bj::array{bj::object{{"name", "泉城路社区居民委员会"}}}}, {"form", "社区+学校"}, {"topics", bj::array{"法治教育"}},
          {"practice_start", "2020-09-01"}, {"still_running", true}, {"contact_name", "王老师"}, {"contact_phone", "0531-86001234"},
          {"authors", bj::array{}},
          {"sections", {{"overview", repeat("成果", 100)}, {"background", repeat("背景", 200)}, {"content", repeat("内容", 200)},
                        {"practice", repeat("做法", 200)}, {"results", repeat("成效", 200)}, {"reflection", repeat("反思", 100)}}}};
}

inline long long open_call(Client& city, const std::string& title, int days = 30) {
  auto r = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", title}, {"deadline_date", date_in_days(days)}}));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.at("id").as_int64();
}

inline long long unit_by_code(Client& c, const std::string& code) {
  auto r = c.get("/api/v1/units?keyword=" + code + "&page_size=200");
  for (auto& u : r.json.at("items").as_array())
    if (u.at("code").as_string() == code) return u.at("id").as_int64();
  ADD_FAILURE() << "no unit " << code;
  return 0;
}

struct Draft { long long id; int version; };
inline Draft new_case(Client& c, long long call, const std::string& title) {
  auto r = c.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call}, {"title", title}}));
  EXPECT_EQ(r.status, 201) << r.body;
  return {r.json.at("id").as_int64(), (int)r.json.at("version").as_int64()};
}
inline Resp save(Client& c, Draft& d, const std::string& title, const bj::object& content) {
  auto r = c.put("/api/v1/cases/" + std::to_string(d.id), bj::serialize(bj::object{{"version", d.version}, {"title", title}, {"content", content}}));
  if (r.status == 200) d.version = (int)r.json.at("version").as_int64();
  return r;
}
inline Resp submit(Client& c, const Draft& d) { return c.post("/api/v1/cases/" + std::to_string(d.id) + "/submit", ""); }

// Signs `c` in as the first (or the nth) school account of the district with the given unit
// code, looked up through the server at `port` (0: the shared server).
inline void login_school_of(Client& c, const std::string& district_code, int port = 0, int nth = 0) {
  Client admin(port ? port : shared_port());
  admin.login("admin");
  auto users = admin.get("/api/v1/users?keyword=sch&unit_id=" + std::to_string(unit_by_code(admin, district_code)) +
                         "&page_size=" + std::to_string(nth + 1));
  auto& items = users.json.at("items").as_array();
  ASSERT_GT(items.size(), (size_t)nth) << users.body;
  ASSERT_EQ(c.login(std::string(items[(size_t)nth].at("username").as_string())).status, 200);
}
// Asks for a package build and polls it until it has finished; returns the last status.
inline Resp build_package(Client& c, long long call, const std::string& query = "") {
  auto r = c.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build" + query, "");
  if (r.status != 200 && r.status != 202) return r;
  auto id = r.json.at("id").as_int64();
  for (int i = 0; i < 600 && (r.status == 200 || r.status == 202); ++i) {
    auto st = std::string(r.json.at("status").as_string());
    if (st == "done" || st == "failed") return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = c.get("/api/v1/document-builds/" + std::to_string(id));
  }
  return r;
}
}  // namespace cases_fx
using namespace cases_fx;
}  // namespace xt::itest
