// The typical-case call over HTTP: calls as data, drafts, submission rules, quotas, visibility.
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>

#include "core/files/image_fixtures.hpp"
#include "core/files/office_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "core/docs/zip.hpp"
#include "integration/cases_fixture.hpp"

#include <atomic>
#include <memory>
#include <vector>

#include "core/db/db.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;


TEST(Cases, TemplateFollowsTheQingdaoCall) {
  Client c(shared_port());
  c.login("sch0001");
  auto t = c.get("/api/v1/case-calls/template");
  ASSERT_EQ(t.status, 200);
  auto& r = t.json.at("rules");
  EXPECT_EQ(r.at("max_total").as_int64(), 3000);
  EXPECT_EQ(r.at("quota_school").as_int64(), 2);
  EXPECT_EQ(r.at("quota_district").as_int64(), 10);
  EXPECT_EQ(r.at("quota_selected").as_int64(), 30);
  EXPECT_EQ(r.at("sections").as_array()[0].at("max").as_int64(), 500);
  EXPECT_EQ(r.at("sections").as_array().size(), 6u);
}

TEST(Cases, OnlyTheCityPublishesCalls) {
  Client school(shared_port());
  school.login("sch0001");
  auto r = school.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "越权"}, {"deadline_date", date_in_days(10)}}));
  EXPECT_EQ(r.status, 403);
  Client city(shared_port());
  city.login("city");
  auto bad = city.post("/api/v1/case-calls", R"({"title":"坏日期","deadline_date":"2024-02-30"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.code(), "cases.bad_date");
}

TEST(Cases, DraftSubmitRulesAndTheSchoolQuota) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（测试一）");
  Client s(shared_port());
  ASSERT_EQ(s.login("sch0001").status, 200);
  auto d = new_case(s, call, "家校社共育“法治第一课”");

  auto content = good_content();
  // 501-字 summary
  content["sections"].as_object()["overview"] = repeat("字", 501);
  ASSERT_EQ(save(s, d, "家校社共育“法治第一课”", content).status, 200) << "a draft over the limit is still saved";
  auto r = submit(s, d);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "cases.section_too_long");
  EXPECT_NE(std::string(r.json.at("error").at("message").as_string()).find("当前501字"), std::string::npos) << r.body;
  auto check = s.get("/api/v1/cases/" + std::to_string(d.id) + "/check");
  EXPECT_FALSE(check.json.at("ok").as_bool());
  auto detail = s.get("/api/v1/cases/" + std::to_string(d.id));
  EXPECT_EQ(detail.json.at("counts").at("sections").at("overview").as_int64(), 501);

  // 3001 字 in all
  content = good_content();
  content["sections"].as_object()["content"] = repeat("字", 3001 - 200 - 400 * 3 - 200);
  ASSERT_EQ(save(s, d, "家校社共育“法治第一课”", content).status, 200);
  r = submit(s, d);
  EXPECT_EQ(r.code(), "cases.too_long") << r.body;
  EXPECT_NE(std::string(r.json.at("error").at("message").as_string()).find("当前3001字"), std::string::npos) << r.body;

  // no partner
  content = good_content();
  content["partners"] = bj::array{};
  save(s, d, "家校社共育“法治第一课”", content);
  EXPECT_EQ(submit(s, d).code(), "cases.partner_required");

  // practice started 11 months before the deadline
  content = good_content();
  content["practice_start"] = date_in_days(30 - 335);
  save(s, d, "家校社共育“法治第一课”", content);
  EXPECT_EQ(submit(s, d).code(), "cases.practice_too_short");

  // a stale version is refused
  auto stale = s.put("/api/v1/cases/" + std::to_string(d.id), bj::serialize(bj::object{{"version", 1}, {"title", "x"}, {"content", good_content()}}));
  EXPECT_EQ(stale.code(), "cases.stale_version");

  // a good case goes through, and can then not be edited
  ASSERT_EQ(save(s, d, "家校社共育“法治第一课”", good_content()).status, 200);
  auto ok = submit(s, d);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("status").as_string(), "submitted");
  auto edit = save(s, d, "改名", good_content());
  EXPECT_EQ(edit.status, 409);
  EXPECT_EQ(edit.code(), "cases.not_editable");

  // a city-affiliated school sends at most 2
  auto d2 = new_case(s, call, "第二个案例");
  save(s, d2, "第二个案例", good_content());
  ASSERT_EQ(submit(s, d2).status, 200);
  auto d3 = new_case(s, call, "第三个案例");
  save(s, d3, "第三个案例", good_content());
  auto third = submit(s, d3);
  EXPECT_EQ(third.status, 409);
  EXPECT_EQ(third.code(), "cases.quota_school");
  EXPECT_NE(std::string(third.json.at("error").at("message").as_string()).find("已报送2个"), std::string::npos);

  // withdrawing frees a place
  ASSERT_EQ(s.post("/api/v1/cases/" + std::to_string(d2.id) + "/withdraw", "").status, 200);
  EXPECT_EQ(submit(s, d3).status, 200);

  // versions are kept and can be restored
  auto versions = s.get("/api/v1/cases/" + std::to_string(d.id) + "/versions");
  EXPECT_GE(versions.json.at("items").as_array().size(), 5u);
}

TEST(Cases, DraftsStayWithTheirUnitAndDistrictsSeeOnlyTheirOwn) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（测试二）");
  Client lx(shared_port());
  lx.login("lixia");
  // a 历下区 school admin writes a draft
  Client admin(shared_port());
  admin.login("admin");
  auto schools = admin.get("/api/v1/users?keyword=sch&unit_id=" + std::to_string(unit_by_code(admin, "370102")) + "&page_size=1");
  std::string login = std::string(schools.json.at("items").as_array()[0].at("username").as_string());
  Client s(shared_port());
  ASSERT_EQ(s.login(login).status, 200);
  auto d = new_case(s, call, "社区家长学校进校园");
  EXPECT_EQ(lx.get("/api/v1/cases/" + std::to_string(d.id)).status, 404) << "the district must not read a draft";
  save(s, d, "社区家长学校进校园", good_content());
  ASSERT_EQ(submit(s, d).status, 200);
  EXPECT_EQ(lx.get("/api/v1/cases/" + std::to_string(d.id)).status, 200);
  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_EQ(sz.get("/api/v1/cases/" + std::to_string(d.id)).status, 404) << "another district must not read it";
  auto list = sz.get("/api/v1/cases?call_id=" + std::to_string(call));
  EXPECT_EQ(list.json.at("total").as_int64(), 0);
  EXPECT_EQ(lx.get("/api/v1/cases?call_id=" + std::to_string(call)).json.at("total").as_int64(), 1);
  // nobody but the owner edits it
  auto other = lx.put("/api/v1/cases/" + std::to_string(d.id), bj::serialize(bj::object{{"version", d.version}, {"title", "x"}, {"content", good_content()}}));
  EXPECT_EQ(other.status, 403);
}

TEST(Cases, DistrictQuotaAndTheDeadline) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（测试三）");
  Client admin(shared_port());
  admin.login("admin");
  auto unit = unit_by_code(admin, "370104");
  auto users = admin.get("/api/v1/users?keyword=sch&unit_id=" + std::to_string(unit) + "&page_size=1");
  Client s(shared_port());
  ASSERT_EQ(s.login(std::string(users.json.at("items").as_array()[0].at("username").as_string())).status, 200);
  for (int i = 0; i < 10; ++i) {
    auto d = new_case(s, call, "案例" + std::to_string(i));
    save(s, d, "案例" + std::to_string(i), good_content());
    ASSERT_EQ(submit(s, d).status, 200) << i;
  }
  auto d = new_case(s, call, "第十一个");
  save(s, d, "第十一个", good_content());
  auto eleventh = submit(s, d);
  EXPECT_EQ(eleventh.status, 409);
  EXPECT_EQ(eleventh.code(), "cases.quota_district");

  // the city moves the deadline to yesterday: submissions and new drafts stop
  auto moved = city.put("/api/v1/case-calls/" + std::to_string(call), bj::serialize(bj::object{{"title", "测试三"}, {"deadline_date", date_in_days(-1)}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(submit(s, d).code(), "cases.deadline_passed");
  auto late = s.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call}, {"title", "迟到"}}));
  EXPECT_EQ(late.code(), "cases.deadline_passed");
}

TEST(Cases, TheTenthAndEleventhAtTheSameMomentLeaveExactlyTen) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（并发）");
  Client admin(shared_port());
  admin.login("admin");
  auto unit = unit_by_code(admin, "370112");
  auto users = admin.get("/api/v1/users?keyword=sch&unit_id=" + std::to_string(unit) + "&page_size=2");
  auto& items = users.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  Client a(shared_port()), b(shared_port());
  ASSERT_EQ(a.login(std::string(items[0].at("username").as_string())).status, 200);
  ASSERT_EQ(b.login(std::string(items[1].at("username").as_string())).status, 200);
  for (int i = 0; i < 9; ++i) {
    auto d = new_case(a, call, "并发" + std::to_string(i));
    save(a, d, "并发" + std::to_string(i), good_content());
    ASSERT_EQ(submit(a, d).status, 200);
  }
  auto da = new_case(a, call, "第十个（甲）");
  save(a, da, "第十个（甲）", good_content());
  auto db_ = new_case(b, call, "第十个（乙）");
  save(b, db_, "第十个（乙）", good_content());
  std::atomic<int> go{0};
  Resp ra, rb;
  std::thread ta([&] { while (!go) {} ra = submit(a, da); });
  std::thread tb([&] { while (!go) {} rb = submit(b, db_); });
  go = 1;
  ta.join();
  tb.join();
  EXPECT_EQ((ra.status == 200) + (rb.status == 200), 1) << ra.body << " / " << rb.body;
  EXPECT_TRUE(ra.code() == "cases.quota_district" || rb.code() == "cases.quota_district");
  auto lx = Client(shared_port());
  lx.login("licheng");
  EXPECT_EQ(lx.get("/api/v1/cases?call_id=" + std::to_string(call) + "&status=submitted").json.at("total").as_int64(), 10);
}

TEST(Cases, UnitTypesTheCallDoesNotAcceptAreRefused) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（测试四）");
  Client dept(shared_port());
  dept.login("dept09");  // a government department is not among the Qingdao call's unit types
  auto r = dept.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call}, {"title", "部门案例"}}));
  EXPECT_TRUE(r.status == 422 || r.status == 403) << r.body;
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
// The same case recommended from several requests at once (on several servers in production):
// one recommendation, one rank, one audit row; the others are told it is no longer reviewable.
TEST(CasesReview, TheSameCaseRecommendedAtOnceIsRecommendedOnce) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（并发推荐）");
  Client s(shared_port());
  login_school_of(s, "370102");
  auto d = new_case(s, call, "并发推荐的案例");
  ASSERT_EQ(save(s, d, "并发推荐的案例", good_content()).status, 200);
  ASSERT_EQ(submit(s, d).status, 200);
  std::vector<std::unique_ptr<Client>> reviewers;
  for (int i = 0; i < 8; ++i) {
    reviewers.push_back(std::make_unique<Client>(shared_port()));
    ASSERT_EQ(reviewers.back()->login("lixia").status, 200);
  }
  std::atomic<int> go{0};
  std::vector<Resp> answers(reviewers.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < reviewers.size(); ++i)
    threads.emplace_back([&, i] {
      while (!go) {
      }
      answers[i] = reviewers[i]->post("/api/v1/cases/" + std::to_string(d.id) + "/recommend", "");
    });
  go = 1;
  for (auto& t : threads) t.join();
  int ok = 0;
  for (auto& a : answers) {
    if (a.status == 200) ++ok;
    else EXPECT_EQ(a.code(), "cases.not_reviewable") << a.body;
  }
  EXPECT_EQ(ok, 1);
  auto listed = reviewers[0]->get("/api/v1/cases?call_id=" + std::to_string(call) + "&status=recommended");
  EXPECT_EQ(listed.json.at("total").as_int64(), 1);
  db::Database database(db_url(), 1);
  auto l = database.lease();
  db::Query q("SELECT COUNT(*) FROM audit_log WHERE action = 'cases:case:recommend' AND object_id = ");
  q << q.bind(std::to_string(d.id));
  EXPECT_EQ(l->conn.scalar(q), 1) << "one audit row";
  db::Query rank("SELECT recommend_rank FROM cases WHERE id = ");
  rank << rank.bind(d.id);
  EXPECT_EQ(l->conn.scalar(rank), 1);
}

TEST(CasesReview, DistrictReturnsRecommendsOrdersAndSendsThePackage) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "校家社协同育人典型案例征集（初评）");
  Client admin(shared_port());
  admin.login("admin");
  auto users = admin.get("/api/v1/users?keyword=sch&unit_id=" + std::to_string(unit_by_code(admin, "370102")) + "&page_size=1");
  Client s(shared_port());
  ASSERT_EQ(s.login(std::string(users.json.at("items").as_array()[0].at("username").as_string())).status, 200);
  auto a = new_case(s, call, "甲案例");
  save(s, a, "甲案例", good_content());
  ASSERT_EQ(submit(s, a).status, 200);
  auto b = new_case(s, call, "乙案例");
  save(s, b, "乙案例", good_content());
  ASSERT_EQ(submit(s, b).status, 200);

  Client lx(shared_port());
  lx.login("lixia");
  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_EQ(sz.post("/api/v1/cases/" + std::to_string(a.id) + "/recommend", "").status, 404) << "another district cannot review it";
  EXPECT_EQ(s.post("/api/v1/cases/" + std::to_string(a.id) + "/recommend", "").status, 403) << "the school cannot recommend itself";
  EXPECT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":""})").status, 422);

  auto ret = lx.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":"请补充实践成效的数据"})");
  ASSERT_EQ(ret.status, 200) << ret.body;
  auto seen = s.get("/api/v1/cases/" + std::to_string(a.id));
  EXPECT_EQ(seen.json.at("status").as_string(), "returned");
  EXPECT_EQ(seen.json.at("review_comment").as_string(), "请补充实践成效的数据");
  a.version = (int)seen.json.at("version").as_int64();
  ASSERT_EQ(save(s, a, "甲案例（修改稿）", good_content()).status, 200);
  ASSERT_EQ(submit(s, a).status, 200);

  EXPECT_EQ(lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/send", "").code(), "cases.package_empty");
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/recommend", "").status, 200);
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(b.id) + "/recommend", "").status, 200);
  auto bad_order = lx.put("/api/v1/case-calls/" + std::to_string(call) + "/recommendations", bj::serialize(bj::object{{"case_ids", bj::array{a.id}}}));
  EXPECT_EQ(bad_order.code(), "cases.order_mismatch");
  auto order = lx.put("/api/v1/case-calls/" + std::to_string(call) + "/recommendations", bj::serialize(bj::object{{"case_ids", bj::array{b.id, a.id}}}));
  ASSERT_EQ(order.status, 200) << order.body;
  EXPECT_EQ(order.json.at("rows").as_array()[0].at("title").as_string(), "乙案例");
  EXPECT_EQ(order.json.at("remaining").as_int64(), 8);

  EXPECT_EQ(lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/send", "").code(), "cases.package_contact_required");
  auto pk = lx.put("/api/v1/case-calls/" + std::to_string(call) + "/package",
                   bj::serialize(bj::object{{"contact_name", "张科长"}, {"contact_phone", "0531-86000001"},
                                            {"remarks", bj::array{bj::object{{"case_id", a.id}, {"remark", "区级优秀"}}}}}));
  ASSERT_EQ(pk.status, 200) << pk.body;
  EXPECT_EQ(lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/send", "").code(), "cases.package_stamp_required");
  auto stamp_url = "/api/v1/case-calls/" + std::to_string(call) + "/package/stamp";
  EXPECT_EQ(lx.post(stamp_url + "?filename=a.jpg", "<html>公章</html>", {{"Content-Type", "image/jpeg"}}).code(), "files.not_image");
  auto png = testing_image::png();
  EXPECT_EQ(lx.post(stamp_url + "?filename=a.png", png.substr(0, png.size() - 12), {{"Content-Type", "image/png"}}).code(),
            "files.image_damaged");
  EXPECT_EQ(lx.post(stamp_url + "?filename=..%2Fa.png", png, {{"Content-Type", "image/png"}}).code(), "files.bad_name");
  EXPECT_EQ(s.post(stamp_url + "?filename=a.png", png, {{"Content-Type", "image/png"}}).status, 403) << "a school has no package";
  auto st = lx.post(stamp_url + "?filename=" + httplib::detail::encode_query_param("汇总表（盖章）.jpg"), testing_image::jpeg(),
                    {{"Content-Type", "image/jpeg"}});
  ASSERT_EQ(st.status, 200) << st.body;
  EXPECT_EQ(st.json.at("stamp").at("type").as_string(), "image/jpeg");
  EXPECT_EQ(st.json.at("contact_name").as_string(), "张科长") << "the scan keeps the summary table";
  auto again = lx.put("/api/v1/case-calls/" + std::to_string(call) + "/package",
                      bj::serialize(bj::object{{"contact_name", "张科长"}, {"contact_phone", "0531-86000001"}, {"remarks", bj::array{}}}));
  EXPECT_FALSE(again.json.at("stamp").is_null()) << "saving the table keeps the scan";
  auto sent = lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/send", "");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_FALSE(sent.json.at("sent_at").is_null());
  EXPECT_EQ(s.get("/api/v1/cases/" + std::to_string(a.id)).json.at("status").as_string(), "sent");
  EXPECT_EQ(lx.post("/api/v1/cases/" + std::to_string(a.id) + "/return", R"({"comment":"晚了"})").code(), "cases.package_sent");

  auto board = city.get("/api/v1/case-calls/" + std::to_string(call) + "/board");
  ASSERT_EQ(board.status, 200) << board.body;
  bool found = false;
  for (auto& row : board.json.at("items").as_array())
    if (row.at("review_unit_name").as_string() == "历下区教育局") {
      found = true;
      EXPECT_EQ(row.at("sent").as_int64(), 2);
      EXPECT_FALSE(row.at("package_sent_at").is_null());
    }
  EXPECT_TRUE(found) << board.body;
  int districts = 0, untouched = 0;
  for (auto& row : board.json.at("items").as_array()) {
    districts += std::string(row.at("review_unit_name").as_string()).find("区教育局") != std::string::npos ||
                 std::string(row.at("review_unit_name").as_string()).find("县教育局") != std::string::npos;
    untouched += row.at("draft").as_int64() + row.at("submitted").as_int64() + row.at("sent").as_int64() == 0;
    if (row.at("review_unit_name").as_string() == "历下区教育局") {
      EXPECT_TRUE(row.at("stamp").as_bool());
    }
  }
  EXPECT_GE(districts, 10) << "every district is listed, with or without cases";
  EXPECT_GT(untouched, 0) << "units that have not started are shown too";
  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/board").status, 403) << "the board is the city's";
  long long lixia_unit = unit_by_code(admin, "370102");
  auto scan = city.get(stamp_url + "?unit_id=" + std::to_string(lixia_unit));
  ASSERT_EQ(scan.status, 200) << scan.body;
  EXPECT_EQ(scan.body, testing_image::jpeg());
  EXPECT_EQ(scan.header("Content-Type"), "image/jpeg");
  EXPECT_NE(scan.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(sz.get(stamp_url + "?unit_id=" + std::to_string(lixia_unit)).status, 404) << "another district cannot read it";
  EXPECT_EQ(lx.get(stamp_url).status, 200) << "the district reads its own";
  EXPECT_EQ(lx.post(stamp_url + "?filename=b.png", png, {{"Content-Type", "image/png"}}).code(), "cases.package_sent");

  auto strings_of = [](const std::string& xlsx) {
    for (auto& [name, data] : docs::unzip_archive(xlsx))
      if (name == "xl/sharedStrings.xml") return data;
    return std::string();
  };
  auto pkx = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.xlsx");
  ASSERT_EQ(pkx.status, 200) << pkx.body;
  auto ps = strings_of(pkx.body);
  EXPECT_LT(ps.find("乙案例"), ps.find("甲案例（修改稿）")) << "recommendation order";
  EXPECT_NE(ps.find("0531-86001234"), std::string::npos) << "phones stay text";
  EXPECT_NE(ps.find("联系人：张科长"), std::string::npos);
  EXPECT_NE(ps.find("附件3"), std::string::npos) << "the form's label";
  EXPECT_NE(ps.find("区（市）教体局（公章）：历下区教育局"), std::string::npos) << "the form's stamp line";
  EXPECT_NE(ps.find("校家社协同育人典型案例征集汇总表"), std::string::npos) << "the title taken from the call";
  EXPECT_EQ(s.get("/api/v1/case-calls/" + std::to_string(call) + "/package.xlsx").status, 403);
  auto sum = city.get("/api/v1/case-calls/" + std::to_string(call) + "/summary.xlsx");
  ASSERT_EQ(sum.status, 200) << sum.body;
  auto ss = strings_of(sum.body);
  EXPECT_NE(ss.find("历下区教育局"), std::string::npos);
  EXPECT_NE(ss.find("已报送市局"), std::string::npos);
  EXPECT_NE(ss.find("甲案例（修改稿）"), std::string::npos);
  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/summary.xlsx").status, 403) << "the city-wide table is the city's";

  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip").code(), "documents.not_built") << "build it first";
  auto built = build_package(lx, call);
  ASSERT_EQ(built.json.at("status").as_string(), "done") << built.body;
  auto zip = lx.get(std::string(built.json.at("download_url").as_string()));
  ASSERT_EQ(zip.status, 200) << zip.body;
  EXPECT_EQ(zip.header("Content-Type"), "application/zip");
  std::vector<std::string> names;
  for (auto& [name, data] : docs::unzip_archive(zip.body)) names.push_back(name);
  ASSERT_EQ(names.size(), 7u);
  EXPECT_EQ(names[0].substr(0, 2), "1_");
  EXPECT_NE(names[0].find("乙案例.docx"), std::string::npos) << names[0];
  EXPECT_NE(names[1].find("乙案例.pdf"), std::string::npos) << names[1];
  EXPECT_NE(names[2].find("甲案例（修改稿）.docx"), std::string::npos) << names[2];
  EXPECT_NE(names[3].find("甲案例（修改稿）.pdf"), std::string::npos) << names[3];
  EXPECT_EQ(names[4], "附件3_历下区教育局_汇总表.xlsx");
  EXPECT_EQ(names[5], "附件3_历下区教育局_汇总表.docx");
  EXPECT_EQ(names[6], "汇总表盖章扫描件.jpg");
  auto zip_again = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip");
  ASSERT_EQ(zip_again.status, 200) << zip_again.body;
  EXPECT_EQ(zip_again.body, zip.body) << "the finished build is handed out again";
  auto by_city = build_package(city, call, "?unit_id=" + std::to_string(lixia_unit));
  EXPECT_EQ(by_city.json.at("id"), built.json.at("id")) << "same inputs, same build: the city does not rebuild it";
  EXPECT_EQ(city.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip?unit_id=" + std::to_string(lixia_unit)).status, 200);
  EXPECT_EQ(sz.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build?unit_id=" + std::to_string(lixia_unit), "").status, 403)
      << "another district cannot take this package";
  EXPECT_EQ(sz.get("/api/v1/document-builds/" + std::to_string(built.json.at("id").as_int64())).status, 404) << "nor see its build";
  EXPECT_EQ(sz.get(std::string(built.json.at("download_url").as_string())).status, 404);
  EXPECT_EQ(sz.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build", "").code(), "cases.package_empty");
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
TEST(CasesCalls, ACallIsCopiedAYearOnAsADraft) {
  Client city(shared_port());
  city.login("city");
  auto src = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "2024年校家社协同育人典型案例征集"}, {"deadline_date", "2024-07-12"},
                                                                      {"notice", "各区（市）教育（体）局……"}, {"grace_minutes", 30}}));
  ASSERT_EQ(src.status, 201) << src.body;
  auto id = src.json.at("id").as_int64();
  auto copy = city.post("/api/v1/case-calls/" + std::to_string(id) + "/copy", "");
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(copy.json.at("title").as_string(), "2025年校家社协同育人典型案例征集");
  EXPECT_EQ(copy.json.at("deadline_date").as_string(), "2025-07-12");
  EXPECT_EQ(copy.json.at("status").as_string(), "draft") << "a copy opens nothing until it is published";
  EXPECT_EQ(copy.json.at("grace_minutes").as_int64(), 30);
  EXPECT_EQ(copy.json.at("notice").as_string(), "各区（市）教育（体）局……");
  EXPECT_EQ(bj::serialize(copy.json.at("rules")), bj::serialize(src.json.at("rules")));
  auto plain = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "家长学校优秀课例"}, {"deadline_date", "2028-02-29"}}));
  auto c2 = city.post("/api/v1/case-calls/" + std::to_string(plain.json.at("id").as_int64()) + "/copy", "");
  EXPECT_EQ(c2.json.at("title").as_string(), "家长学校优秀课例（副本）");
  EXPECT_EQ(c2.json.at("deadline_date").as_string(), "2029-02-28") << "29 February moves to the 28th";
  Client s(shared_port());
  s.login("sch0001");
  EXPECT_EQ(s.post("/api/v1/case-calls/" + std::to_string(id) + "/copy", "").status, 403);
  EXPECT_EQ(city.post("/api/v1/case-calls/999999999/copy", "").status, 404);
}

TEST(CasesCalls, SubmittersSeeTheirRemainingQuota) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "名额显示测试");
  Client s(shared_port());
  s.login("sch0001");
  auto q = s.get("/api/v1/case-calls/" + std::to_string(call) + "/quota");
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.json.at("kind").as_string(), "school");
  EXPECT_EQ(q.json.at("quota").as_int64(), 2);
  EXPECT_EQ(q.json.at("remaining").as_int64(), 2);
  auto d = new_case(s, call, "局属学校案例");
  ASSERT_EQ(save(s, d, "局属学校案例", good_content()).status, 200);
  ASSERT_EQ(submit(s, d).status, 200);
  q = s.get("/api/v1/case-calls/" + std::to_string(call) + "/quota");
  EXPECT_EQ(q.json.at("used").as_int64(), 1);
  EXPECT_EQ(q.json.at("remaining").as_int64(), 1);

  Client d1(shared_port());
  login_school_of(d1, "370103");
  auto dq = d1.get("/api/v1/case-calls/" + std::to_string(call) + "/quota");
  ASSERT_EQ(dq.status, 200) << dq.body;
  EXPECT_EQ(dq.json.at("kind").as_string(), "district");
  EXPECT_EQ(dq.json.at("scope_name").as_string(), "市中区教育局");
  EXPECT_EQ(dq.json.at("quota").as_int64(), 10);
  EXPECT_EQ(dq.json.at("remaining").as_int64(), 10);
  EXPECT_EQ(d1.get("/api/v1/case-calls/999999999/quota").status, 404);
}

TEST(CasesReview, TheReviewListFiltersByKeywordAndOwnReviews) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "关键词筛选测试");
  Client s(shared_port());
  login_school_of(s, "370102");
  auto a = new_case(s, call, "劳动教育100%_共建");
  ASSERT_EQ(save(s, a, "劳动教育100%_共建", good_content()).status, 200);
  ASSERT_EQ(submit(s, a).status, 200);
  new_case(s, call, "尚未报送的草稿");
  Client lx(shared_port());
  lx.login("lixia");
  auto base = "/api/v1/cases?call_id=" + std::to_string(call) + "&review=1";
  auto all = lx.get(base);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json.at("total").as_int64(), 1) << "drafts are not the reviewer's";
  EXPECT_EQ(lx.get(base + "&keyword=" + httplib::detail::encode_query_param("100%_")).json.at("total").as_int64(), 1);
  EXPECT_EQ(lx.get(base + "&keyword=" + httplib::detail::encode_query_param("0%_共")).json.at("total").as_int64(), 1);
  EXPECT_EQ(lx.get(base + "&keyword=" + httplib::detail::encode_query_param("%")).json.at("total").as_int64(), 1);
  EXPECT_EQ(lx.get(base + "&keyword=" + httplib::detail::encode_query_param("_x")).json.at("total").as_int64(), 0) << "_ is literal";
  auto unit_name = all.json.at("items").as_array()[0].at("owner_unit_name").as_string();
  EXPECT_EQ(lx.get(base + "&keyword=" + httplib::detail::encode_query_param(std::string(unit_name))).json.at("total").as_int64(), 1);
  EXPECT_EQ(lx.get("/api/v1/cases?review=2").code(), "request.bad_param");
  EXPECT_EQ(lx.get("/api/v1/cases?call_id=12abc").code(), "request.bad_param") << "trailing junk is not an id";
  EXPECT_EQ(lx.get("/api/v1/cases?call_id=-1").code(), "request.bad_param");
  EXPECT_EQ(lx.get("/api/v1/units?parent_id=1.5").code(), "request.bad_param");
  EXPECT_EQ(lx.get("/api/v1/cases?keyword=" + std::string(51, 'a')).code(), "request.too_long");
  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_EQ(sz.get("/api/v1/cases?call_id=" + std::to_string(call) + "&review=1").json.at("total").as_int64(), 0);
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
TEST(Cases, AnOldVersionCanBeReadForComparison) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "版本对比测试");
  Client s(shared_port());
  s.login("sch0001");
  auto d = new_case(s, call, "初稿");
  auto c1 = good_content();
  ASSERT_EQ(save(s, d, "第二稿", c1).status, 200);
  auto c2 = good_content();
  c2["contact_name"] = "李老师";
  ASSERT_EQ(save(s, d, "第三稿", c2).status, 200);
  auto v2 = s.get("/api/v1/cases/" + std::to_string(d.id) + "/versions/2");
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(v2.json.at("title").as_string(), "第二稿");
  EXPECT_EQ(v2.json.at("content").at("contact_name").as_string(), "王老师");
  EXPECT_EQ(s.get("/api/v1/cases/" + std::to_string(d.id) + "/versions/99").status, 404);
  Client other(shared_port());
  other.login("shizhong");
  EXPECT_EQ(other.get("/api/v1/cases/" + std::to_string(d.id) + "/versions/2").status, 404) << "drafts stay with their unit";
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
TEST(CasesCalls, TheNoticeCarriesCheckedAttachments) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "附件测试征集");
  auto base = "/api/v1/case-calls/" + std::to_string(call) + "/files";
  auto name = [](const std::string& n) { return "?filename=" + httplib::detail::encode_query_param(n); };
  auto docx = testing_office::docx();
  auto up = city.post(base + name("附件1：案例撰写模板.docx"), docx, {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json.at("seq").as_int64(), 1);
  ASSERT_EQ(city.post(base + name("附件3：汇总表.xlsx"), testing_office::xlsx(), {}).status, 201);
  ASSERT_EQ(city.post(base + name("通知.pdf"), testing_pdf::plain(), {}).status, 201);
  EXPECT_EQ(city.post(base + name("setup.docx"), "MZ\x90\x00 program", {}).code(), "files.not_office");
  EXPECT_EQ(city.post(base + name("宏.docx"), testing_office::docm(), {}).code(), "files.office_macro");
  EXPECT_EQ(city.post(base + name("run.exe"), docx, {}).code(), "files.type_not_allowed");
  EXPECT_EQ(city.post(base + name("..%2Fa.docx"), docx, {}).code(), "files.bad_name");
  EXPECT_EQ(city.post(base, docx, {}).code(), "request.required") << "no file name";

  Client s(shared_port());
  s.login("sch0001");
  auto list = s.get(base);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.at("items").as_array().size(), 3u) << "refused files left nothing";
  auto first = list.json.at("items").as_array()[0];
  EXPECT_EQ(first.at("name").as_string(), "附件1：案例撰写模板.docx");
  auto file = s.get("/api/v1/call-files/" + std::to_string(first.at("id").as_int64()));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, docx);
  EXPECT_NE(file.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(s.post(base + name("a.docx"), docx, {}).status, 403) << "schools do not edit calls";
  EXPECT_EQ(s.del("/api/v1/call-files/" + std::to_string(first.at("id").as_int64())).status, 403);
  ASSERT_EQ(city.del("/api/v1/call-files/" + std::to_string(first.at("id").as_int64())).status, 204);
  auto after = s.get(base);
  ASSERT_EQ(after.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(after.json.at("items").as_array()[0].at("seq").as_int64(), 1) << "numbering closes the gap";
  EXPECT_EQ(s.get("/api/v1/call-files/999999999").status, 404);
  auto copy = city.post("/api/v1/case-calls/" + std::to_string(call) + "/copy", "");
  ASSERT_EQ(copy.status, 201);
  auto copied = city.get("/api/v1/case-calls/" + std::to_string(copy.json.at("id").as_int64()) + "/files");
  EXPECT_EQ(copied.json.at("items").as_array().size(), 2u) << "a copied call keeps the notice's attachments";
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
TEST(CasesDocuments, TheWriteUpDownloadsAsDocxToThoseWhoMaySeeIt) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "文档下载测试");
  Client s(shared_port());
  s.login("sch0001");
  auto d = new_case(s, call, "家长学校<进>社区");
  auto content = good_content();
  content["sections"].as_object()["overview"] = "𠮷野家😀与“社区”共建 & 开放日\n\n第二段";
  ASSERT_EQ(save(s, d, "家长学校<进>社区", content).status, 200);
  auto r = s.get("/api/v1/cases/" + std::to_string(d.id) + "/docx");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_NE(r.header("Content-Disposition").find("attachment"), std::string::npos);
  std::string doc;
  for (auto& [name, data] : docs::unzip_archive(r.body))
    if (name == "word/document.xml") doc = data;
  EXPECT_NE(doc.find("家长学校&lt;进&gt;社区"), std::string::npos);
  EXPECT_NE(doc.find("𠮷野家😀与“社区”共建 &amp; 开放日"), std::string::npos);
  EXPECT_NE(doc.find("泉城路社区居民委员会"), std::string::npos) << "the partners";
  EXPECT_NE(doc.find("0531-86001234"), std::string::npos) << "the contact";
  EXPECT_LT(doc.find("一、成果概述"), doc.find("（五）实践反思"));
  Client other(shared_port());
  other.login("shizhong");
  EXPECT_EQ(other.get("/api/v1/cases/" + std::to_string(d.id) + "/docx").status, 404) << "a draft stays with its unit";
}
}  // namespace
}  // namespace xt::itest
