// What a security review found: response splitting through stored names, 三员 bypass through
// business roles, districts re-typing their schools, drafts read by everyone, integers cut to
// 32 bits, and the smaller leaks of the sign-in.
#include "core/files/image_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
long long role_key_id(Client& c, const std::string& key) {
  auto roles = c.get("/api/v1/roles");
  for (auto& x : roles.json.at("items").as_array())
    if (x.at("key").as_string() == key) return x.at("id").as_int64();
  return 0;
}
bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}
}  // namespace

TEST(SecurityReview, AStampNameCannotSetHeadersOnTheCitysDownload) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "响应头注入");
  Client lx(shared_port());
  lx.login("lixia");
  auto url = "/api/v1/case-calls/" + std::to_string(call) + "/package/stamp";
  auto evil = lx.post(url + "?filename=scan.p%0D%0ASet-Cookie:%20xt_session=stolen", testing_image::png(), {{"Content-Type", "image/png"}});
  EXPECT_EQ(evil.code(), "files.bad_name") << evil.body;
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "章";
  EXPECT_EQ(lx.post(url + "?filename=" + httplib::detail::encode_query_param(long_name + ".png"), testing_image::png(), {{"Content-Type", "image/png"}})
                .code(),
            "request.too_long");
  auto ok = lx.post(url + "?filename=" + httplib::detail::encode_query_param("汇总表（盖章） 2024.png"), testing_image::png(),
                    {{"Content-Type", "image/png"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  long long lixia = unit_by_code(city, "370102");
  auto dl = city.get(url + "?unit_id=" + std::to_string(lixia));
  ASSERT_EQ(dl.status, 200) << dl.body;
  auto cd = dl.header("Content-Disposition");
  EXPECT_FALSE(has_control(cd)) << cd;
  EXPECT_NE(cd.find("filename*=UTF-8''"), std::string::npos) << cd;
  EXPECT_NE(cd.find("filename=\"download.png\""), std::string::npos) << cd;
}

TEST(SecurityReview, NoRoleAndNoPersonHoldsAuditWithAccountsOrGrants) {
  Client sec(shared_port());
  sec.login("secadmin");
  auto bundle = sec.post("/api/v1/roles", R"({"key":"t_bundle","name":"万能","level":20,"permissions":[
      {"code":"sys:audit:list","scope":"all"},{"code":"org:user:create","scope":"all"},{"code":"org:user:grant","scope":"all"}]})");
  EXPECT_EQ(bundle.status, 409) << bundle.body;
  EXPECT_EQ(bundle.code(), "org.separation_of_duties");
  auto audit_grant = sec.post("/api/v1/roles", R"({"key":"t_aud_grant","name":"审计加授权","level":20,"permissions":[
      {"code":"sys:audit:export","scope":"all"},{"code":"org:user:grant","scope":"all"}]})");
  EXPECT_EQ(audit_grant.code(), "org.separation_of_duties");
  auto accounts_roles = sec.post("/api/v1/roles", R"({"key":"t_acc_role","name":"账号加角色","level":20,"permissions":[
      {"code":"org:user:create","scope":"all"},{"code":"org:role:create","scope":"all"}]})");
  EXPECT_EQ(accounts_roles.code(), "org.separation_of_duties");

  auto reader = sec.post("/api/v1/roles", R"({"key":"t_aud_reader","name":"审计查阅员","level":20,"permissions":[{"code":"sys:audit:list","scope":"all"}]})");
  ASSERT_EQ(reader.status, 201) << reader.body;
  auto maker = sec.post("/api/v1/roles", R"({"key":"t_acc_maker","name":"开户员","level":20,"permissions":[{"code":"org:user:create","scope":"all"}]})");
  ASSERT_EQ(maker.status, 201) << maker.body;
  auto plain = sec.post("/api/v1/roles", R"({"key":"t_plain","name":"普通查看","level":20,"permissions":[{"code":"org:unit:list","scope":"own_unit"}]})");
  ASSERT_EQ(plain.status, 201) << plain.body;
  long long reader_id = reader.json.at("id").as_int64(), maker_id = maker.json.at("id").as_int64(), plain_id = plain.json.at("id").as_int64();

  Client admin(shared_port());
  admin.login("admin");
  long long lixia = unit_by_code(admin, "370102");
  auto both = admin.post("/api/v1/users", bj::serialize(bj::object{
      {"username", "t_two_duties"}, {"display_name", "两职"}, {"password", "TwoDuties#2026"},
      {"memberships", bj::array{bj::object{{"unit_id", 1}, {"role_ids", bj::array{reader_id}}},
                                bj::object{{"unit_id", lixia}, {"role_ids", bj::array{maker_id}}}}}}));
  EXPECT_EQ(both.status, 409) << "two roles in two units are still one person: " << both.body;
  EXPECT_EQ(both.code(), "org.separation_of_duties");

  auto one = admin.post("/api/v1/users", bj::serialize(bj::object{
      {"username", "t_one_duty"}, {"display_name", "一职"}, {"password", "OneDuty#2026x"},
      {"memberships", bj::array{bj::object{{"unit_id", 1}, {"role_ids", bj::array{reader_id, plain_id}}}}}}));
  ASSERT_EQ(one.status, 201) << one.body;
  auto widen = sec.put("/api/v1/roles/" + std::to_string(plain_id), R"({"name":"普通查看","level":20,"permissions":[
      {"code":"org:unit:list","scope":"own_unit"},{"code":"org:user:create","scope":"all"}]})");
  EXPECT_EQ(widen.status, 409) << "a role held beside audit cannot gain account rights: " << widen.body;
  EXPECT_EQ(widen.code(), "org.separation_of_duties");
  EXPECT_NE(std::string(widen.json.at("error").at("message").as_string()).find("一职"), std::string::npos) << widen.body;
}

TEST(SecurityReview, OnlyTheCityChangesAUnitsTypeOrItsCityAffiliation) {
  Client lx(shared_port());
  lx.login("lixia");
  long long school = unit_by_code(lx, "370102S0001");
  auto u = lx.get("/api/v1/units/" + std::to_string(school));
  ASSERT_EQ(u.status, 200) << u.body;
  auto body = [&](bool affiliated, const std::string& type) {
    return bj::serialize(bj::object{{"code", u.json.at("code")}, {"name", u.json.at("name")}, {"type", type},
                                    {"school_stage", u.json.at("school_stage")}, {"city_affiliated", affiliated}});
  };
  auto mark = lx.put("/api/v1/units/" + std::to_string(school), body(true, "school"));
  EXPECT_EQ(mark.status, 403) << mark.body;
  EXPECT_EQ(mark.code(), "org.unit_type_city_only");
  auto retype = lx.put("/api/v1/units/" + std::to_string(school), body(false, "district_bureau"));
  EXPECT_EQ(retype.code(), "org.unit_type_city_only") << retype.body;
  auto rename = lx.put("/api/v1/units/" + std::to_string(school), body(false, "school"));
  EXPECT_EQ(rename.status, 200) << "other edits stay the district's: " << rename.body;
  auto create = lx.post("/api/v1/units", bj::serialize(bj::object{{"parent_id", unit_by_code(lx, "370102")}, {"code", "T-SEC-AFF"},
                                                                   {"name", "自封局属学校"}, {"type", "school"}, {"school_stage", "primary"},
                                                                   {"city_affiliated", true}}));
  EXPECT_EQ(create.code(), "org.unit_type_city_only") << create.body;
  Client admin(shared_port());
  admin.login("admin");
  EXPECT_EQ(admin.get("/api/v1/units/" + std::to_string(school)).json.at("city_affiliated").as_bool(), false);
}

TEST(SecurityReview, ADraftCallAndItsAttachmentsStayWithThePublishingBureau) {
  Client city(shared_port());
  city.login("city");
  auto draft = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "尚未发布的征集"}, {"deadline_date", date_in_days(40)},
                                                                        {"status", "draft"}}));
  ASSERT_EQ(draft.status, 201) << draft.body;
  long long id = draft.json.at("id").as_int64();
  auto file = city.post("/api/v1/case-calls/" + std::to_string(id) + "/files?filename=" + httplib::detail::encode_query_param("通知.pdf"),
                        testing_pdf::plain(), {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(file.status, 201) << file.body;
  long long file_id = file.json.at("id").as_int64();
  Client s(shared_port());
  s.login("sch0001");
  EXPECT_EQ(s.get("/api/v1/case-calls/" + std::to_string(id)).status, 404);
  EXPECT_EQ(s.get("/api/v1/case-calls/" + std::to_string(id) + "/files").status, 404);
  EXPECT_EQ(s.get("/api/v1/call-files/" + std::to_string(file_id)).status, 404);
  auto school_list = s.get("/api/v1/case-calls");
  for (auto& c : school_list.json.at("items").as_array()) EXPECT_NE(c.at("id").as_int64(), id) << "not in the list";
  bool listed = false;
  auto city_list = city.get("/api/v1/case-calls");
  for (auto& c : city_list.json.at("items").as_array()) listed |= c.at("id").as_int64() == id;
  EXPECT_TRUE(listed) << "the publishing bureau sees its draft";
  EXPECT_EQ(city.get("/api/v1/call-files/" + std::to_string(file_id)).status, 200);
}

TEST(SecurityReview, IntegersOutOfRangeAreRefusedNotCut) {
  Client city(shared_port());
  city.login("city");
  long long call = open_call(city, "整数越界");
  Client s(shared_port());
  s.login("sch0001");
  auto d = new_case(s, call, "整数");
  auto stale = s.put("/api/v1/cases/" + std::to_string(d.id),
                     "{\"version\":" + std::to_string((1LL << 32) + d.version) + ",\"title\":\"整数\",\"content\":" + bj::serialize(good_content()) + "}");
  EXPECT_EQ(stale.status, 422) << "2^32 + v is not v: " << stale.body;
  EXPECT_EQ(stale.code(), "request.out_of_range");
  auto grace = city.post("/api/v1/case-calls", R"({"title":"宽限","deadline_date":")" + date_in_days(9) + R"(","grace_minutes":4294967306})");
  EXPECT_EQ(grace.code(), "request.out_of_range") << grace.body;
  auto neg = city.post("/api/v1/case-calls", R"({"title":"宽限","deadline_date":")" + date_in_days(9) + R"(","grace_minutes":-1})");
  EXPECT_EQ(neg.code(), "request.out_of_range") << neg.body;
  Client sec(shared_port());
  sec.login("secadmin");
  auto level = sec.post("/api/v1/roles", R"({"key":"t_wrap","name":"绕回","level":4294967316,"permissions":[]})");
  EXPECT_EQ(level.code(), "request.out_of_range") << level.body;
  Client admin(shared_port());
  admin.login("admin");
  auto sort = admin.post("/api/v1/units", R"({"parent_id":1,"code":"T-SEC-SORT","name":"排序","type":"museum","sort":2147483648})");
  EXPECT_EQ(sort.code(), "request.out_of_range") << sort.body;
}

TEST(SecurityReview, SignInSaysTheSameForEveryWrongPairAndKeepsSpaces) {
  Client a(shared_port()), b(shared_port());
  auto known = a.login("dept09", "wrong-password");
  auto unknown = b.login("no_such_user_here", "wrong-password");
  EXPECT_EQ(known.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(known.json.at("error").at("message"), unknown.json.at("error").at("message")) << known.body << unknown.body;
  Client admin(shared_port());
  admin.login("admin");
  auto made = admin.post("/api/v1/users", bj::serialize(bj::object{
      {"username", "t_spaces"}, {"display_name", "空格"}, {"password", " Spaced#2026 "},
      {"memberships", bj::array{bj::object{{"unit_id", 1}, {"role_ids", bj::array{role_key_id(admin, "unit_staff")}}}}}}));
  ASSERT_EQ(made.status, 201) << made.body;
  Client c(shared_port());
  EXPECT_EQ(c.login("t_spaces", "Spaced#2026").status, 401) << "the spaces are part of the password";
  EXPECT_EQ(c.login("t_spaces", " Spaced#2026 ").status, 200);
}

TEST(SecurityReview, AnIllFormedByteInAQueryIsRefusedAsValidJson) {
  Client city(shared_port());
  city.login("city");
  auto r = city.get("/api/v1/units?keyword=%FF%FEabc");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.code(), "request.bad_encoding");
  EXPECT_TRUE(r.json.is_object()) << "the body parses as JSON";
}
}  // namespace xt::itest
