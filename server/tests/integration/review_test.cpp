// The city review over HTTP: pool, conflict-free assignment, blind scoring, results, the
// selection limit, publishing and the bad inputs of the issue.
#include "integration/review_fixture.hpp"

namespace xt::itest {
namespace {
long long open_review(Client& city, long long call, int k = 2, bool blind = true) {
  auto r = city.post("/api/v1/reviews", bj::serialize(bj::object{{"call_id", call}, {"k", k}, {"blind", blind}, {"ends_on", date_in_days(20)}}));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.at("id").as_int64() : 0;
}

bj::object scores(double each_share) {
  // The default sheet: maxima 20, 15, 15, 20, 20, 10.
  auto half = [&](double max) { return std::round(max * each_share * 2) / 2; };
  return {{"representative", half(20)}, {"operable", half(15)}, {"replicable", half(15)},
          {"innovative", half(20)},     {"effective", half(20)}, {"authentic", half(10)}};
}

std::vector<std::pair<long long, long long>> pairs_of(const bj::value& board) {
  std::vector<std::pair<long long, long long>> out;
  for (auto& k : board.at("cases").as_array())
    for (auto& e : k.at("experts").as_array()) out.push_back({k.at("case_id").as_int64(), e.at("user_id").as_int64()});
  return out;
}

long long assignment_of(const bj::value& board, long long case_id, long long user) {
  for (auto& k : board.at("cases").as_array())
    if (k.at("case_id").as_int64() == case_id)
      for (auto& e : k.at("experts").as_array())
        if (e.at("user_id").as_int64() == user) return e.at("assignment_id").as_int64();
  return 0;
}
}  // namespace

TEST(Review, PoolAssignScorePublishEndToEnd) {
  Client city(shared_port());
  city.login("city");
  auto s = sent_call(city, "市级评审全流程");
  ASSERT_EQ(city.post("/api/v1/reviews", bj::serialize(bj::object{{"call_id", s.call}, {"k", 0}})).code(), "request.out_of_range");
  long long rid = open_review(city, s.call);
  ASSERT_GT(rid, 0);
  EXPECT_EQ(city.post("/api/v1/reviews", bj::serialize(bj::object{{"call_id", s.call}})).code(), "review.exists");

  auto e1 = new_expert(city, rid, "甲专家", s.lixia_bureau, {"法治教育"});
  auto e2 = new_expert(city, rid, "乙专家", s.shizhong_bureau);
  auto e3 = new_expert(city, rid, "丙专家", s.museum_unit, {"防霸凌"});
  auto e4 = new_expert(city, rid, "丁专家", s.city_unit);
  EXPECT_EQ(city.post(path(rid, "/experts/new"), bj::serialize(bj::object{{"name", "戊"}, {"unit_id", s.city_unit}, {"fields", bj::array{"天文"}}}))
                .code(),
            "review.field_invalid");

  // Conflicts come from the unit tree: a manual assignment across one is refused with the reason.
  auto bad = city.post(path(rid, "/assignments"), bj::serialize(bj::object{{"case_id", s.museum_a}, {"user_id", e3.user_id}}));
  EXPECT_EQ(bad.code(), "review.conflict");
  EXPECT_NE(bad.body.find("牵头单位"), std::string::npos) << bad.body;
  EXPECT_EQ(city.post(path(rid, "/assignments"), bj::serialize(bj::object{{"case_id", s.lixia}, {"user_id", e1.user_id}})).code(), "review.conflict")
      << "an expert of the district's own bureau";
  auto cands = city.get(path(rid, "/cases/" + std::to_string(s.museum_a) + "/candidates"));
  ASSERT_EQ(cands.status, 200) << cands.body;
  for (auto& c : cands.json.at("items").as_array())
    EXPECT_EQ(c.at("conflict").is_null(), c.at("user_id").as_int64() != e3.user_id) << "only the museum's own expert is in conflict";

  // The proposal is shown first, then applied.
  auto prop = city.post(path(rid, "/assignment/propose"), "");
  ASSERT_EQ(prop.status, 200) << prop.body;
  EXPECT_TRUE(prop.json.at("balanced").as_bool());
  EXPECT_EQ(prop.json.at("pairs").as_array().size(), 8u);
  EXPECT_TRUE(prop.json.at("short_cases").as_array().empty());
  EXPECT_TRUE(pairs_of(city.get(path(rid, "/board")).json).empty()) << "nothing assigned before applying";
  ASSERT_EQ(city.post(path(rid, "/assignment/apply"), "").status, 200);
  EXPECT_EQ(city.post(path(rid, "/assignment/apply"), "").code(), "review.proposal_stale") << "a proposal applies once";
  auto board = city.get(path(rid, "/board")).json;
  auto pairs = pairs_of(board);
  ASSERT_EQ(pairs.size(), 8u);
  std::map<long long, int> load;
  for (auto [c, u] : pairs) {
    ++load[u];
    EXPECT_FALSE(u == e3.user_id && (c == s.museum_a || c == s.museum_b));
    EXPECT_FALSE(u == e1.user_id && c == s.lixia);
    EXPECT_FALSE(u == e2.user_id && c == s.shizhong);
  }
  for (auto [u, n] : load) EXPECT_EQ(n, 2) << "every expert reviews two cases";

  // The expert's workbench: blind, only their own assignments.
  Client x1(shared_port());
  expert_login(x1, e1);
  auto told = x1.get("/api/v1/notices?page_size=20");
  EXPECT_NE(told.body.find("有2个案例待您评审"), std::string::npos) << told.body;
  auto mine = x1.get("/api/v1/review/mine");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json.at("items").as_array().size(), 2u);
  Client x3(shared_port());
  expert_login(x3, e3);
  long long a1 = 0;
  for (auto& it : mine.json.at("items").as_array()) {
    long long aid = it.at("assignment_id").as_int64();
    auto open = x1.get("/api/v1/review/assignments/" + std::to_string(aid));
    ASSERT_EQ(open.status, 200) << open.body;
    EXPECT_EQ(open.body.find("济南市博物馆"), std::string::npos) << "a blind review hides the unit: " << open.body;
    EXPECT_EQ(open.body.find("泉城路社区居民委员会"), std::string::npos) << "and its partners";
    EXPECT_EQ(open.body.find("王明"), std::string::npos) << "and the contact person";
    EXPECT_EQ(open.body.find("0531-86001234"), std::string::npos) << "and the contact";
    if (!a1) a1 = aid;
    EXPECT_EQ(x3.get("/api/v1/review/assignments/" + std::to_string(aid)).status, 404) << "another expert's assignment";
  }
  EXPECT_EQ(x1.get("/api/v1/review/assignments/999999999").status, 404);
  EXPECT_EQ(city.get("/api/v1/review/assignments/" + std::to_string(a1)).status, 403) << "city staff score nothing";

  // Bad scores: out of range, not on the sheet, incomplete submission.
  auto url = "/api/v1/review/assignments/" + std::to_string(a1);
  EXPECT_EQ(x1.put(url + "/draft", R"({"scores":{"representative":21}})").code(), "review.score_invalid");
  EXPECT_EQ(x1.put(url + "/draft", R"({"scores":{"beauty":5}})").code(), "review.score_invalid");
  EXPECT_EQ(x1.put(url + "/draft", R"({"scores":{"representative":"高"}})").code(), "review.score_invalid");
  EXPECT_EQ(x1.put(url + "/draft", R"({"scores":{"representative":7.3}})").code(), "review.score_invalid");
  ASSERT_EQ(x1.put(url + "/draft", R"({"scores":{"representative":18},"comment":"草稿"})").status, 200);
  EXPECT_EQ(x1.get(url).json.at("scores").at("representative").as_double(), 18) << "the draft is kept";
  EXPECT_EQ(x1.post(url + "/submit", R"({"scores":{"representative":18}})").code(), "review.score_missing");

  // Everyone submits: e1 strict, others lenient.
  std::map<long long, Client*> experts;
  Client x2(shared_port()), x4(shared_port());
  expert_login(x2, e2);
  expert_login(x4, e4);
  experts[e1.user_id] = &x1; experts[e2.user_id] = &x2; experts[e3.user_id] = &x3; experts[e4.user_id] = &x4;
  for (auto [c, u] : pairs) {
    auto aid = assignment_of(board, c, u);
    if (c == s.museum_a) {
      auto open = experts[u]->get("/api/v1/review/assignments/" + std::to_string(aid));
      auto detail = open.json.at("case").at("evidence").as_array();
      ASSERT_EQ(detail.size(), 1u) << open.body;
      EXPECT_EQ(detail[0].at("name").as_string(), "××馆校共建协议");
      auto file = experts[u]->get("/api/v1/review/assignments/" + std::to_string(aid) + "/evidence/" + std::to_string(detail[0].at("id").as_int64()) + "/file");
      ASSERT_EQ(file.status, 200) << file.body;
      auto disposition = httplib::detail::decode_url(file.header("Content-Disposition"), false);
      EXPECT_EQ(disposition.find("博物馆"), std::string::npos) << "the file name hides the unit too: " << disposition;
      EXPECT_EQ(file.body.substr(0, 5), "%PDF-") << "the file itself as uploaded";
    }
    double share = u == e1.user_id ? 0.6 : (c == s.lixia ? 0.95 : 0.8);
    auto r = experts[u]->post("/api/v1/review/assignments/" + std::to_string(aid) + "/submit",
                              bj::serialize(bj::object{{"scores", scores(share)}, {"comment", "意见"}}));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto res = city.get(path(rid, "/results"));
  ASSERT_EQ(res.status, 200) << res.body;
  auto& rows = res.json.at("rows").as_array();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("case_id").as_int64(), s.lixia) << res.body;
  EXPECT_EQ(res.json.at("incomplete").as_int64(), 0);
  EXPECT_FALSE(rows[0].at("normalised").is_null());
  EXPECT_EQ(rows[0].at("scores").as_array().size(), 2u);

  // Selection limit: set to 1 for the test; a second selection is refused.
  auto rv = city.get(path(rid, ""));
  ASSERT_EQ(city.put(path(rid, ""), bj::serialize(bj::object{{"select_limit", 1}, {"version", rv.json.at("version")}})).status, 200);
  ASSERT_EQ(city.put(path(rid, "/decisions/" + std::to_string(s.lixia)), R"({"decision":"selected"})").status, 200);
  EXPECT_EQ(city.put(path(rid, "/decisions/" + std::to_string(s.shizhong)), R"({"decision":"selected"})").code(), "review.limit_reached");
  EXPECT_EQ(city.put(path(rid, "/decisions/" + std::to_string(s.shizhong)), R"({"decision":"not_selected"})").code(), "review.reason_required");
  EXPECT_EQ(city.post(path(rid, "/publish"), "{}").code(), "review.undecided");
  ASSERT_EQ(city.post(path(rid, "/decisions/rest"), R"({"reason":"综合得分未进入前列"})").json.at("decided").as_int64(), 3);

  // A change of the sheet after scores were submitted is refused.
  rv = city.get(path(rid, ""));
  auto sheet = rv.json.at("sheet");
  sheet.as_object()["comment_required"] = true;
  EXPECT_EQ(city.put(path(rid, ""), bj::serialize(bj::object{{"sheet", sheet}, {"version", rv.json.at("version")}})).code(), "review.sheet_in_use");

  auto pub = city.post(path(rid, "/publish"), "{}");
  ASSERT_EQ(pub.status, 200) << pub.body;
  // After publishing: scores refused, expert accounts ended, the school's unit told.
  EXPECT_EQ(x1.post(url + "/submit", bj::serialize(bj::object{{"scores", scores(0.5)}})).status, 401) << "the account's sessions ended";
  Client again(shared_port());
  EXPECT_EQ(again.login(e1.username, "Expert@2026x").code(), "auth.expired");
  Client school(shared_port());
  login_school_of(school, "370102");
  auto notes = school.get("/api/v1/notices?page_size=50");
  EXPECT_NE(notes.body.find("案例入选"), std::string::npos) << notes.body;
  EXPECT_EQ(city.put(path(rid, "/decisions/" + std::to_string(s.lixia)), R"({"decision":""})").code(), "review.closed");

  // The public library: no login, a two-character word finds the case, no people or phones.
  Client anon(shared_port());
  auto lib = anon.get("/api/v1/public/library?keyword=" + httplib::detail::encode_query_param("共育"));
  ASSERT_EQ(lib.status, 200) << lib.body;
  bool listed = false;
  for (auto& it : lib.json.at("items").as_array()) listed |= it.at("case_id").as_int64() == s.lixia;
  EXPECT_TRUE(listed) << lib.body;
  auto none = anon.get("/api/v1/public/library?keyword=" + httplib::detail::encode_query_param("火星基地"));
  EXPECT_EQ(none.json.at("total").as_int64(), 0);
  auto page = anon.get("/api/v1/public/library/" + std::to_string(s.lixia));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("0531-86001234"), std::string::npos) << "no phone numbers";
  EXPECT_EQ(page.body.find("王老师"), std::string::npos) << "no people's names";
  EXPECT_EQ(anon.get("/api/v1/public/library/" + std::to_string(s.shizhong)).status, 404) << "a case not selected is not public";
  auto pdf = anon.get("/api/v1/public/library/" + std::to_string(s.lixia) + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

  // The certificate: the school downloads it; its serial verifies; a forged one does not.
  auto results_now = city.get(path(rid, "/results")).json;
  std::string serial;
  for (auto& row : results_now.at("rows").as_array())
    if (row.at("case_id").as_int64() == s.lixia) serial = std::string(row.at("certificate").as_string());
  ASSERT_FALSE(serial.empty());
  auto result = school.get("/api/v1/review/case-result/" + std::to_string(s.lixia));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json.at("decision").as_string(), "selected");
  EXPECT_EQ(result.json.at("certificate").as_string(), serial);
  EXPECT_EQ(Client(shared_port()).get("/api/v1/review/case-result/" + std::to_string(s.lixia)).status, 401);
  auto cert = school.get("/api/v1/review/certificates/case/" + std::to_string(s.lixia));
  ASSERT_EQ(cert.status, 200) << cert.body;
  EXPECT_EQ(cert.body.substr(0, 5), "%PDF-");
  Client other(shared_port());
  other.login("shizhong");
  EXPECT_EQ(other.get("/api/v1/review/certificates/case/" + std::to_string(s.lixia)).status, 404) << "another district's certificate";
  EXPECT_EQ(other.get("/api/v1/review/case-result/" + std::to_string(s.lixia)).status, 404) << "and its result";
  auto ok = anon.get("/api/v1/public/certificates/" + serial);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.json.at("genuine").as_bool());
  EXPECT_EQ(ok.json.at("case_title").as_string(), "家校共育370102");
  auto forged = serial;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(anon.get("/api/v1/public/certificates/" + forged).code(), "review.certificate_unknown");
  EXPECT_EQ(anon.get("/api/v1/public/certificates/not-a-serial").code(), "review.certificate_unknown");
  auto zip = city.get(path(rid, "/certificates.zip"));
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
}

TEST(Review, PublishingWithMissingSheetsNeedsAConfirmedReason) {
  Client city(shared_port());
  city.login("city");
  auto s = sent_call(city, "市级评审评分不足");
  long long rid = open_review(city, s.call, 1, false);
  auto e = new_expert(city, rid, "己专家", s.city_unit);
  ASSERT_EQ(city.post(path(rid, "/assignment/propose"), "").status, 200);
  ASSERT_EQ(city.post(path(rid, "/assignment/apply"), "").status, 200);
  ASSERT_EQ(city.put(path(rid, "/decisions/" + std::to_string(s.museum_a)), R"({"decision":"selected"})").status, 200);
  ASSERT_EQ(city.post(path(rid, "/decisions/rest"), R"({"reason":"未入选"})").status, 200);
  // The lead unit shows its evidence in the library; nobody else decides that.
  Client museum(shared_port());
  ASSERT_EQ(museum.login("unit0001").status, 200);
  auto ev = museum.get("/api/v1/cases/" + std::to_string(s.museum_a) + "/evidence").json.at("items").as_array();
  ASSERT_EQ(ev.size(), 1u);
  auto evidence_id = ev[0].at("id").as_int64();
  auto public_url = "/api/v1/evidence/" + std::to_string(evidence_id) + "/public";
  EXPECT_EQ(museum.put(public_url, R"({"public":"yes"})").status, 422);
  Client lx(shared_port());
  lx.login("lixia");
  EXPECT_EQ(lx.put(public_url, R"({"public":true})").status / 100, 4) << "another unit";
  auto shown = museum.put(public_url, R"({"public":true})");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_TRUE(shown.json.at("public").as_bool());
  EXPECT_EQ(city.post(path(rid, "/publish"), "{}").code(), "review.incomplete");
  EXPECT_EQ(city.post(path(rid, "/publish"), R"({"confirm_incomplete":true})").code(), "review.note_required");
  auto pub = city.post(path(rid, "/publish"), R"({"confirm_incomplete":true,"note":"一位专家因病未能完成，经处务会研究同意"})");
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(city.get(path(rid, "")).json.at("exception_note").as_string(), "一位专家因病未能完成，经处务会研究同意");
  Client anon(shared_port());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the library reads its versions once a second
  auto page = anon.get("/api/v1/public/library/" + std::to_string(s.museum_a));
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json.at("evidence").as_array().size(), 1u) << page.body;
  auto file = anon.get("/api/v1/public/library/" + std::to_string(s.museum_a) + "/evidence/" + std::to_string(evidence_id) + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 5), "%PDF-");
  ASSERT_EQ(museum.put(public_url, R"({"public":false})").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(anon.get("/api/v1/public/library/" + std::to_string(s.museum_a)).json.at("evidence").as_array().empty());
  EXPECT_EQ(anon.get("/api/v1/public/library/" + std::to_string(s.museum_a) + "/evidence/" + std::to_string(evidence_id) + "/file").status, 404);
  // Not blind: an open review shows the unit to the expert.
  (void)e;
}

TEST(Review, AProposalThatLeavesACaseShortWhileExpertsAreFreeIsRefused) {
  Client city(shared_port());
  city.login("city");
  auto s = sent_call(city, "市级评审禁止组合");
  long long rid = open_review(city, s.call, 2);
  auto a = new_expert(city, rid, "庚专家", s.city_unit);
  auto b = new_expert(city, rid, "辛专家", s.city_unit);
  new_expert(city, rid, "壬专家", s.city_unit);
  for (auto u : {a.user_id, b.user_id})
    ASSERT_EQ(city.put(path(rid, "/marks"), bj::serialize(bj::object{{"case_id", s.lixia}, {"user_id", u}, {"mark", "forbid"}})).status, 200);
  auto prop = city.post(path(rid, "/assignment/propose"), "");
  ASSERT_EQ(prop.json.at("short_cases").as_array().size(), 1u) << prop.body;
  EXPECT_EQ(city.post(path(rid, "/assignment/apply"), "").code(), "review.case_short");
  // Lifting one forbid: the next proposal covers every case.
  ASSERT_EQ(city.put(path(rid, "/marks"), bj::serialize(bj::object{{"case_id", s.lixia}, {"user_id", a.user_id}, {"mark", ""}})).status, 200);
  EXPECT_EQ(city.post(path(rid, "/assignment/apply"), "").code(), "review.proposal_stale") << "the marks changed since";
  ASSERT_TRUE(city.post(path(rid, "/assignment/propose"), "").json.at("short_cases").as_array().empty());
  ASSERT_EQ(city.post(path(rid, "/assignment/apply"), "").status, 200);
  // An expert who drops out: their unsubmitted assignments go; a new proposal fills the gap.
  auto w = city.del(path(rid, "/experts/" + std::to_string(b.user_id)));
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_GT(w.json.at("removed_assignments").as_int64(), 0);
  auto again = city.post(path(rid, "/assignment/propose"), "");
  EXPECT_TRUE(again.json.at("short_cases").as_array().empty()) << again.body;
  for (auto& p : again.json.at("pairs").as_array()) EXPECT_NE(p.at("user_id").as_int64(), b.user_id);
}

TEST(Review, ScoresAfterTheReviewClosedAreRefused) {
  Client city(shared_port());
  city.login("city");
  auto s = sent_call(city, "市级评审结束后");
  long long rid = open_review(city, s.call, 1);
  Client school_admin(shared_port());
  ASSERT_EQ(school_admin.login("sch0001").status, 200);
  auto sch_unit = active_unit(school_admin);
  auto me = school_admin.get("/api/v1/auth/me").json;
  long long uid = me.at("user").at("id").as_int64();
  auto add = city.post(path(rid, "/experts"), bj::serialize(bj::object{{"user_id", uid}, {"unit_id", sch_unit}}));
  ASSERT_EQ(add.status, 201) << add.body;
  ASSERT_EQ(city.post(path(rid, "/assignment/propose"), "").status, 200);
  ASSERT_EQ(city.post(path(rid, "/assignment/apply"), "").status, 200);
  auto mine = school_admin.get("/api/v1/review/mine");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json.at("items").as_array().size(), 4u);
  auto aid = mine.json.at("items").as_array()[0].at("assignment_id").as_int64();
  ASSERT_EQ(city.post(path(rid, "/close"), "").status, 200);
  auto late = school_admin.put("/api/v1/review/assignments/" + std::to_string(aid) + "/draft", R"({"scores":{"representative":10}})");
  EXPECT_EQ(late.code(), "review.closed") << late.body;
  EXPECT_EQ(school_admin.get("/api/v1/review/mine").json.at("items").as_array().size(), 0u) << "a closed review leaves the workbench";
}
}  // namespace xt::itest
