// Units, users, roles over HTTP: the tree, data scope, delegated administration, 三员.
#include "integration/harness.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

long long unit_id(Client& c, const std::string& code) {
  auto r = c.get("/api/v1/units?keyword=" + code + "&page_size=200");
  for (auto& u : r.json.at("items").as_array())
    if (u.at("code").as_string() == code) return u.at("id").as_int64();
  ADD_FAILURE() << "no unit " << code << " " << r.body;
  return 0;
}

long long role_id(Client& c, const std::string& key) {
  auto r = c.get("/api/v1/roles/assignable");
  for (auto& x : r.json.at("items").as_array())
    if (x.at("key").as_string() == key) return x.at("id").as_int64();
  return 0;
}

TEST(Units, CreateEditMoveAndDeleteWithHistory) {
  Client c(shared_port());
  c.login("admin");
  long long lixia = unit_id(c, "370102"), shizhong = unit_id(c, "370103");
  auto created = c.post("/api/v1/units", bj::serialize(bj::object{{"parent_id", lixia}, {"code", "T-COMM-1"}, {"name", "测试社区"}, {"type", "community"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(created.json.at("id").as_int64());
  EXPECT_EQ(created.json.at("path").as_string(), "济南市教育局 / 历下区教育局 / 测试社区");
  auto dup = c.post("/api/v1/units", bj::serialize(bj::object{{"parent_id", lixia}, {"code", "T-COMM-1"}, {"name", "重复"}, {"type", "community"}}));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.code(), "org.unit_code_taken");
  auto edited = c.put("/api/v1/units/" + id, R"({"code":"T-COMM-1","name":"测试社区（改名）","type":"community","sort":5})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json.at("name").as_string(), "测试社区（改名）");
  auto moved = c.post("/api/v1/units/" + id + "/move", bj::serialize(bj::object{{"parent_id", shizhong}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json.at("path").as_string(), "济南市教育局 / 市中区教育局 / 测试社区（改名）");
  auto hist = c.get("/api/v1/units/" + id + "/history");
  ASSERT_EQ(hist.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(hist.json.at("items").as_array()[0].at("from_parent_name").as_string(), "历下区教育局");
  // The district of the new parent now sees it; the old one does not.
  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_EQ(sz.get("/api/v1/units/" + id).status, 200);
  Client lx(shared_port());
  lx.login("lixia");
  EXPECT_EQ(lx.get("/api/v1/units/" + id).status, 404);
  EXPECT_EQ(c.del("/api/v1/units/" + id).status, 204);
  EXPECT_EQ(c.get("/api/v1/units/" + id).status, 404);
}

TEST(Units, SchoolNeedsAStageAndOnlySchoolsHaveOne) {
  Client c(shared_port());
  c.login("admin");
  auto no_stage = c.post("/api/v1/units", R"({"parent_id":1,"code":"T-SCH-1","name":"某学校","type":"school"})");
  EXPECT_EQ(no_stage.status, 422);
  EXPECT_EQ(no_stage.json.at("error").at("field").as_string(), "school_stage");
  auto bad_type = c.post("/api/v1/units", R"({"parent_id":1,"code":"T-SCH-2","name":"某单位","type":"spaceship"})");
  EXPECT_EQ(bad_type.code(), "org.unit_type_invalid");
  auto museum_stage = c.post("/api/v1/units", R"({"parent_id":1,"code":"T-SCH-3","name":"某馆","type":"museum","school_stage":"primary"})");
  EXPECT_EQ(museum_stage.code(), "org.school_stage_not_school");
  auto bad_code = c.post("/api/v1/units", R"({"parent_id":1,"code":"a b/c","name":"某馆","type":"museum"})");
  EXPECT_EQ(bad_code.code(), "org.unit_code_invalid");
}

TEST(Units, CycleIsRefusedAndChangesNothing) {
  Client c(shared_port());
  c.login("admin");
  long long lixia = unit_id(c, "370102");
  long long school = unit_id(c, "370102S0001");
  auto r = c.post("/api/v1/units/" + std::to_string(lixia) + "/move", bj::serialize(bj::object{{"parent_id", school}}));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "org.unit_cycle");
  auto self = c.post("/api/v1/units/" + std::to_string(lixia) + "/move", bj::serialize(bj::object{{"parent_id", lixia}}));
  EXPECT_EQ(self.code(), "org.unit_cycle");
  EXPECT_EQ(c.get("/api/v1/units/" + std::to_string(lixia)).json.at("parent_id").as_int64(), 1);
}

TEST(Units, DeleteIsRefusedWhileChildrenOrMembersRemain) {
  Client c(shared_port());
  c.login("admin");
  auto withkids = c.del("/api/v1/units/" + std::to_string(unit_id(c, "370104")));
  EXPECT_EQ(withkids.status, 409);
  EXPECT_EQ(withkids.code(), "org.unit_has_children");
  auto members = c.del("/api/v1/units/" + std::to_string(unit_id(c, "370104S0001")));
  EXPECT_EQ(members.status, 409);
  EXPECT_EQ(members.code(), "org.unit_has_members");
}

TEST(Units, DistrictSeesOnlyItsSubtree) {
  Client lx(shared_port());
  lx.login("lixia");
  auto list = lx.get("/api/v1/units?page_size=200");
  ASSERT_EQ(list.status, 200);
  for (auto& u : list.json.at("items").as_array())
    EXPECT_NE(u.at("path").as_string().find("历下区教育局"), std::string::npos) << u.at("name").as_string();
  Client admin(shared_port());
  admin.login("admin");
  auto other = unit_id(admin, "370103S0001");
  auto r = lx.get("/api/v1/units/" + std::to_string(other));
  EXPECT_EQ(r.status, 404) << "a district must not read another district's unit";
  auto edit = lx.put("/api/v1/units/" + std::to_string(other), R"({"code":"370103S0001","name":"改名","type":"school","school_stage":"primary"})");
  EXPECT_EQ(edit.status, 404);
  auto roots = lx.get("/api/v1/units/0/children");
  ASSERT_EQ(roots.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(roots.json.at("items").as_array()[0].at("name").as_string(), "历下区教育局");
}

TEST(Units, ExportIsAnXlsxAndIsAudited) {
  Client c(shared_port());
  c.login("admin");
  auto r = c.get("/api/v1/units/export?keyword=370102");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.header("Content-Disposition").find("attachment"), std::string::npos);
}

TEST(Users, DistrictCreatesASchoolUserAndFindsIt) {
  Client lx(shared_port());
  lx.login("lixia");
  long long school = unit_id(lx, "370102S0002");
  long long staff = role_id(lx, "unit_staff");
  ASSERT_GT(staff, 0);
  auto r = lx.post("/api/v1/users", bj::serialize(bj::object{{"username", "t_teacher"}, {"display_name", "李老师"}, {"phone", "13800001111"},
                                                        {"password", "Teach#2026ok"},
                                                        {"memberships", bj::array{bj::object{{"unit_id", school}, {"post", "班主任"}, {"role_ids", bj::array{staff}}}}}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto list = lx.get("/api/v1/users?keyword=t_teacher");
  ASSERT_EQ(list.json.at("total").as_int64(), 1);
  auto& u = list.json.at("items").as_array()[0];
  EXPECT_EQ(u.at("phone").as_string(), "138****1111");
  EXPECT_EQ(u.at("memberships").as_array()[0].at("roles").as_array()[0].at("key").as_string(), "unit_staff");
}

TEST(Users, NoGrantAboveOwnLevelOrOutsideOwnSubtree) {
  Client lx(shared_port());
  lx.login("lixia");
  long long school = unit_id(lx, "370102S0003");
  Client admin(shared_port());
  admin.login("admin");
  long long other_school = unit_id(admin, "370103S0002");
  long long city_role = 0;
  auto assignable = admin.get("/api/v1/roles/assignable");
  for (auto& x : assignable.json.at("items").as_array())
    if (x.at("key").as_string() == "city_staff") city_role = x.at("id").as_int64();
  auto above = lx.post("/api/v1/users", bj::serialize(bj::object{{"username", "t_above"}, {"display_name", "越权"}, {"password", "Above#2026x"},
      {"memberships", bj::array{bj::object{{"unit_id", school}, {"role_ids", bj::array{city_role}}}}}}));
  EXPECT_EQ(above.status, 403);
  EXPECT_EQ(above.code(), "org.role_above_own");
  auto outside = lx.post("/api/v1/users", bj::serialize(bj::object{{"username", "t_outside"}, {"display_name", "越界"}, {"password", "Outside#2026"},
      {"memberships", bj::array{bj::object{{"unit_id", other_school}, {"role_ids", bj::array{}}}}}}));
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(outside.code(), "access.out_of_scope");
  EXPECT_EQ(admin.get("/api/v1/users?keyword=t_above").json.at("total").as_int64(), 0);
  EXPECT_EQ(admin.get("/api/v1/users?keyword=t_outside").json.at("total").as_int64(), 0);
  // The district may not manage the city staff member either.
  auto city_user = admin.get("/api/v1/users?keyword=city").json.at("items").as_array()[0].at("id").as_int64();
  EXPECT_EQ(lx.put("/api/v1/users/" + std::to_string(city_user), R"({"display_name":"x","status":"active"})").status, 404);
}

TEST(Users, NoAccountHoldsTwoOfTheThreeAdminRoles) {
  Client sec(shared_port());
  sec.login("secadmin");
  Client admin(shared_port());
  admin.login("admin");
  auto roles = admin.get("/api/v1/roles");
  auto list = roles.json.at("items").as_array();
  long long sys = 0, aud = 0;
  for (auto& r : list) {
    if (r.at("key").as_string() == "sys_admin") sys = r.at("id").as_int64();
    if (r.at("key").as_string() == "audit_admin") aud = r.at("id").as_int64();
  }
  auto r = admin.post("/api/v1/users", bj::serialize(bj::object{{"username", "t_both"}, {"display_name", "两员"}, {"password", "Both#2026xx"},
      {"memberships", bj::array{bj::object{{"unit_id", 1}, {"role_ids", bj::array{sys, aud}}}}}}));
  // Admin roles sit at the top level, so nobody can grant them through the console at all.
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "org.role_above_own");
}

TEST(Users, EmptyMembershipListIsRefused) {
  Client admin(shared_port());
  admin.login("admin");
  auto r = admin.post("/api/v1/users", R"({"username":"t_nomember","display_name":"无任职","password":"NoMember#2026","memberships":[]})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "org.membership_required");
  auto bad_name = admin.post("/api/v1/users", R"({"username":"有空格 的名字","display_name":"x","password":"NoMember#2026","memberships":[{"unit_id":1}]})");
  EXPECT_EQ(bad_name.code(), "org.username_invalid");
}

TEST(Users, MembershipsCanBeReplacedAndTheUserSwitchesBetweenThem) {
  Client admin(shared_port());
  admin.login("admin");
  long long a = unit_id(admin, "370105"), b = unit_id(admin, "370105S0001");
  auto created = admin.post("/api/v1/users", bj::serialize(bj::object{{"username", "t_two"}, {"display_name", "两处任职"}, {"password", "TwoUnits#2026"},
      {"memberships", bj::array{bj::object{{"unit_id", a}, {"post", "科员"}, {"role_ids", bj::array{role_id(admin, "district_staff")}}}}}}));
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(created.json.at("id").as_int64());
  auto put = admin.put("/api/v1/users/" + id + "/memberships", bj::serialize(bj::object{{"memberships", bj::array{
      bj::object{{"unit_id", a}, {"post", "科员"}, {"role_ids", bj::array{role_id(admin, "district_staff")}}},
      bj::object{{"unit_id", b}, {"post", "挂职"}, {"role_ids", bj::array{role_id(admin, "school_admin")}}}}}}));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json.at("memberships").as_array().size(), 2u);
}

TEST(Roles, SecurityAdminDefinesARoleWithScopesPerPermission) {
  Client sec(shared_port());
  sec.login("secadmin");
  auto r = sec.post("/api/v1/roles", R"({"key":"t_viewer","name":"只读观察员","level":20,"permissions":[{"code":"org:unit:list","scope":"subtree"},{"code":"org:user:list","scope":"own_unit"}]})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto unknown = sec.post("/api/v1/roles", R"({"key":"t_bad","name":"坏","level":20,"permissions":[{"code":"org:unit:fly","scope":"all"}]})");
  EXPECT_EQ(unknown.code(), "org.permission_unknown");
  auto high = sec.post("/api/v1/roles", R"({"key":"t_high","name":"高","level":100,"permissions":[]})");
  EXPECT_EQ(high.code(), "org.role_level_invalid");
  // A relationship scope goes only with the permissions that declare it.
  auto rel = sec.post("/api/v1/roles", R"({"key":"t_rel","name":"关系","level":20,"permissions":[{"code":"cases:case:list","scope":"review_unit"}]})");
  EXPECT_EQ(rel.code(), "org.scope_not_applicable") << rel.body;
  auto assigned = sec.post("/api/v1/roles", R"({"key":"t_rel2","name":"关系","level":20,"permissions":[{"code":"cases:case:review","scope":"assigned"}]})");
  EXPECT_EQ(assigned.code(), "org.scope_not_applicable") << assigned.body;
  auto reviewer = sec.post("/api/v1/roles", R"({"key":"t_reviewer","name":"初评员","level":20,"permissions":[{"code":"cases:case:review","scope":"review_unit"}]})");
  EXPECT_EQ(reviewer.status, 201) << reviewer.body;
  Client admin(shared_port());
  admin.login("admin");
  EXPECT_EQ(admin.post("/api/v1/roles", R"({"key":"t_x","name":"x","level":5,"permissions":[]})").status, 403)
      << "the system admin does not define roles (三员)";
  auto perms = sec.get("/api/v1/permissions");
  EXPECT_GE(perms.json.at("permissions").as_array().size(), 15u);
  bool declared = false;
  for (auto& p : perms.json.at("permissions").as_array())
    if (p.at("code") == "cases:case:review") declared = p.at("scopes").as_array().size() == 1 && p.at("scopes").as_array()[0] == "review_unit";
  EXPECT_TRUE(declared) << "the review permission declares its relationship";
  bool relationship = false;
  for (auto& k : perms.json.at("scopes").as_array())
    if (k.at("kind") == "review_unit") relationship = k.at("relationship").as_bool();
  EXPECT_TRUE(relationship);
  auto roles = sec.get("/api/v1/roles");
  auto list = roles.json.at("items").as_array();
  for (auto& x : list) {
    if (x.at("builtin").as_bool()) EXPECT_EQ(sec.del("/api/v1/roles/" + std::to_string(x.at("id").as_int64())).status >= 400, true);
  }
}

TEST(Dicts, ListAddEditAndBuiltinsStay) {
  Client admin(shared_port());
  admin.login("admin");
  auto all = admin.get("/api/v1/dicts");
  ASSERT_EQ(all.status, 200);
  bool found = false;
  long long builtin_id = 0;
  for (auto& t : all.json.at("types").as_array())
    if (t.at("code").as_string() == "unit_type") {
      found = true;
      builtin_id = t.at("items").as_array()[0].at("id").as_int64();
    }
  EXPECT_TRUE(found);
  auto add = admin.post("/api/v1/dicts/unit_type/items", R"({"value":"t_farm","label":"农场","sort":99})");
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(admin.post("/api/v1/dicts/unit_type/items", R"({"value":"t_farm","label":"农场"})").code(), "sys.dict_value_taken");
  EXPECT_EQ(admin.post("/api/v1/dicts/nope/items", R"({"value":"a","label":"b"})").status, 404);
  EXPECT_EQ(admin.del("/api/v1/dict-items/" + std::to_string(builtin_id)).code(), "sys.dict_item_builtin");
  EXPECT_EQ(admin.del("/api/v1/dict-items/" + std::to_string(add.json.at("id").as_int64())).status, 204);
}
}  // namespace
}  // namespace xt::itest
