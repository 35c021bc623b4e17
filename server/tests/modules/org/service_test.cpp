// Rules of the org module on a demo city, without HTTP: the unit tree (cycles, children,
// members, codes, school stages), users (memberships, levels, scope, 三员 separation, self
// protection). Every successful write leaves exactly one audit row with its action; every
// refused write leaves the database exactly as it was.
#include "modules/org/service.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <set>

#include "core/auth/password.hpp"
#include "core/auth/session.hpp"
#include "core/http/errors.hpp"
#include "democity/democity.hpp"
#include "modules/org/directory.hpp"

namespace fs = std::filesystem;
namespace bj = boost::json;

namespace xt::org {
namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "xt-org-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

template <class F>
std::optional<ApiError> api_error(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  return std::nullopt;
}

const char* kPassword = "Xietong#2026";

// Someone acting: the principal of one membership and the audit actor built from it.
struct As {
  access::Principal p;
  audit::Actor actor;
  Caller who() const { return Caller{p, actor}; }
};

struct AuditRow {
  std::string action, object_type, object_id, username;
  bj::object detail;
};

class OrgTest : public ::testing::Test {
 protected:
  // The demo city is generated once; each test works on its own copy of the file.
  static inline TempDir* suite_dir = nullptr;
  static fs::path template_db() { return suite_dir->path / "template.db"; }

  static void SetUpTestSuite() {
    auth::init_crypto();
    suite_dir = new TempDir();
    db::Database d("sqlite:" + template_db().string(), 1);
    d.migrate();
    register_permissions();
    auto l = d.lease();
    ensure_builtin(l->conn);
    demo::Options o;
    o.schools = 30;
    demo::generate(l->conn, o);
    l->conn.exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  static void TearDownTestSuite() {
    delete suite_dir;
    suite_dir = nullptr;
  }

  TempDir dir;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<db::Lease> lease;
  db::Conn* c = nullptr;
  PasswordPolicy policy;

  void SetUp() override {
    fs::copy_file(template_db(), dir.path / "t.db");
    db = std::make_unique<db::Database>("sqlite:" + (dir.path / "t.db").string(), 1);
    lease = db->lease();
    c = &lease->conn;
    register_permissions();
  }
  void TearDown() override {
    lease.reset();
    db.reset();
  }

  long long uid(const std::string& username) {
    auto id = repo::user_id_by_username(*c, username);
    if (!id) throw std::runtime_error("no user " + username);
    return *id;
  }
  long long unit(const std::string& code) {
    auto id = repo::unit_id_by_code(*c, code);
    if (!id) throw std::runtime_error("no unit " + code);
    return *id;
  }
  long long role(const std::string& key) { return repo::find_role_by_key(*c, key).value().id; }

  As as(const std::string& username, size_t membership = 0) {
    auto id = uid(username);
    auto ms = repo::memberships_of(*c, id);
    auto p = auth::load_principal(*c, id, ms.at(membership).id);
    return As{p, audit::Actor{p.user_id, p.username, p.unit_id, p.unit_name, "127.0.0.1", "test"}};
  }

  long long count(const std::string& table) { return c->scalar(db::Query("SELECT COUNT(*) FROM " + table)); }
  long long audit_count() { return count("audit_log"); }
  AuditRow last_audit() {
    auto r = c->row(db::Query("SELECT action, object_type, object_id, username, detail FROM audit_log ORDER BY id DESC LIMIT 1"));
    AuditRow a{r->str(0), r->str(1), r->str(2), r->str(3), {}};
    if (!r->str(4).empty()) a.detail = bj::parse(r->str(4)).as_object();
    return a;
  }
  static std::set<std::string> keys(const bj::object& o) {
    std::set<std::string> out;
    for (auto& kv : o) out.insert(std::string(kv.key()));
    return out;
  }

  // Every row of every table the org module writes.
  std::string fingerprint() {
    std::string out;
    for (const char* t : {"units", "unit_closure", "unit_moves", "users", "password_history", "memberships", "membership_roles",
                          "roles", "role_permissions", "role_custom_units", "sessions", "audit_log", "audit_head"}) {
      out += "#";
      out += t;
      out += "\n";
      for (auto& r : c->rows(db::Query(std::string("SELECT * FROM ") + t + " ORDER BY rowid"))) {
        for (size_t i = 0; i < r.cols.size(); ++i) out += (r.null(i) ? std::string("\\N") : r.str(i)) + "\x1f";
        out += "\n";
      }
    }
    return out;
  }

  // A refused write: the expected error, and nothing changed anywhere.
  void expect_refused(const std::function<void()>& f, int status, const std::string& code, const std::string& field = "") {
    auto before = fingerprint();
    auto e = api_error(f);
    ASSERT_TRUE(e.has_value()) << "expected " << code << " but the write succeeded";
    EXPECT_EQ(e->status, status) << e->what();
    EXPECT_EQ(e->code, code) << e->what();
    EXPECT_EQ(e->field, field) << e->what();
    EXPECT_EQ(fingerprint(), before) << code << " changed the database";
  }

  bool within(long long u, long long ancestor) { return access::DbUnitTree(*c).within(u, ancestor); }

  UnitInput unit_input(std::optional<long long> parent, const std::string& code, const std::string& name = "测试社区",
                       const std::string& type = "community") {
    UnitInput in;
    in.parent_id = parent;
    in.code = code;
    in.name = name;
    in.type = type;
    return in;
  }
  UserInput user_input(const std::string& username, std::vector<MembershipInput> ms) {
    UserInput in;
    in.username = username;
    in.display_name = "测试用户";
    in.phone = "13800001234";
    in.password = kPassword;
    in.memberships = std::move(ms);
    return in;
  }
};

// ---------------- demo city sanity: the fixtures the tests rely on ----------------

TEST_F(OrgTest, DemoCityHasTheExpectedPeople) {
  auto admin = as("admin");
  EXPECT_EQ(admin.p.unit_id, unit("3701"));
  EXPECT_EQ(admin.p.max_level, 100);
  auto lixia = as("lixia");
  EXPECT_EQ(lixia.p.unit_id, unit("370102"));
  EXPECT_EQ(lixia.p.max_level, 50);
  auto m0 = as("multi", 0), m1 = as("multi", 1);
  EXPECT_EQ(m0.p.unit_id, unit("370102"));
  EXPECT_EQ(m1.p.unit_id, unit("370102S0001"));
  EXPECT_EQ(m1.p.max_level, 30);
  EXPECT_TRUE(within(unit("370102S0001"), unit("370102")));
  EXPECT_EQ(repo::memberships_of(*c, uid("sch0013")).at(0).unit_id, unit("370102S0001"));
  EXPECT_EQ(repo::memberships_of(*c, uid("sch0001")).at(0).unit_id, unit("3701S001"));
  EXPECT_TRUE(audit::verify(*c).ok);
}

// ---------------- units ----------------

TEST_F(OrgTest, CreateUnitWritesOneAuditRowAndTheClosure) {
  auto admin = as("admin");
  long long city = unit("3701");
  auto units_before = count("units");
  auto audits_before = audit_count();
  auto u = create_unit(*c, admin.who(), unit_input(city, "T-COMM-1"));
  EXPECT_GT(u.id, 0);
  EXPECT_EQ(u.path, "济南市教育局 / 测试社区");
  EXPECT_EQ(count("units"), units_before + 1);
  EXPECT_TRUE(within(u.id, city));
  EXPECT_FALSE(within(u.id, unit("370102")));
  ASSERT_EQ(audit_count(), audits_before + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:unit:create");
  EXPECT_EQ(a.object_type, "unit");
  EXPECT_EQ(a.object_id, std::to_string(u.id));
  EXPECT_EQ(a.username, "admin");
  EXPECT_EQ(a.detail.at("code"), (bj::array{nullptr, "T-COMM-1"}));
  EXPECT_EQ(a.detail.at("parent_id"), (bj::array{nullptr, city}));
  EXPECT_TRUE(audit::verify(*c).ok);
}

TEST_F(OrgTest, DistrictStaffCreatesUnitsOnlyInsideOwnSubtree) {
  auto lixia = as("lixia");
  auto audits = audit_count();
  auto u = create_unit(*c, lixia.who(), unit_input(unit("370102"), "T-LX-1"));
  EXPECT_TRUE(within(u.id, unit("370102")));
  EXPECT_EQ(audit_count(), audits + 1);
  EXPECT_EQ(last_audit().action, "org:unit:create");
  expect_refused([&] { create_unit(*c, lixia.who(), unit_input(unit("370103"), "T-LX-2")); }, 403, "access.out_of_scope");
  expect_refused([&] { create_unit(*c, lixia.who(), unit_input(unit("3701"), "T-LX-3")); }, 403, "access.out_of_scope");
  expect_refused([&] { create_unit(*c, lixia.who(), unit_input(std::nullopt, "T-LX-4")); }, 403, "access.out_of_scope");
}

TEST_F(OrgTest, SchoolAdminCannotCreateUnits) {
  auto sch = as("sch0001");
  expect_refused([&] { create_unit(*c, sch.who(), unit_input(unit("3701S001"), "T-S-1")); }, 403, "access.out_of_scope");
}

TEST_F(OrgTest, UnitInputRules) {
  auto admin = as("admin");
  long long city = unit("3701");
  struct Case {
    const char* name;
    std::function<void(UnitInput&)> edit;
    int status;
    const char* code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"school without stage", [](UnitInput& u) { u.type = "school"; }, 422, "request.required", "school_stage"},
      {"school with unknown stage", [](UnitInput& u) { u.type = "school"; u.school_stage = "university"; }, 422, "org.school_stage_invalid", "school_stage"},
      {"stage on a non-school", [](UnitInput& u) { u.school_stage = "primary"; }, 422, "org.school_stage_not_school", "school_stage"},
      {"city school flag on a non-school", [](UnitInput& u) { u.city_affiliated = true; }, 422, "org.city_affiliated_not_school", "city_affiliated"},
      {"code with a space", [](UnitInput& u) { u.code = "T 1"; }, 422, "org.unit_code_invalid", "code"},
      {"empty code", [](UnitInput& u) { u.code = ""; }, 422, "org.unit_code_invalid", "code"},
      {"chinese code", [](UnitInput& u) { u.code = "编码"; }, 422, "org.unit_code_invalid", "code"},
      {"51 character code", [](UnitInput& u) { u.code = std::string(51, 'A'); }, 422, "org.unit_code_invalid", "code"},
      {"sql in code", [](UnitInput& u) { u.code = "x';DROP TABLE units;--"; }, 422, "org.unit_code_invalid", "code"},
      {"unknown type", [](UnitInput& u) { u.type = "spaceship"; }, 422, "org.unit_type_invalid", "type"},
      {"unknown status", [](UnitInput& u) { u.status = "deleted"; }, 422, "org.status_invalid", "status"},
      {"missing parent", [](UnitInput& u) { u.parent_id = 987654; }, 422, "org.parent_not_found", "parent_id"},
      {"duplicate code", [](UnitInput& u) { u.code = "370102"; }, 409, "org.unit_code_taken", "code"},
  };
  for (auto& k : cases) {
    SCOPED_TRACE(k.name);
    auto in = unit_input(city, "T-RULE-1");
    k.edit(in);
    expect_refused([&] { create_unit(*c, admin.who(), in); }, k.status, k.code, k.field);
  }
}

TEST_F(OrgTest, SchoolsNeedAKnownStageAndMayBeCitySchools) {
  auto admin = as("admin");
  auto in = unit_input(unit("3701"), "T-SCH-1", "测试小学", "school");
  in.school_stage = "primary";
  in.city_affiliated = true;
  auto u = create_unit(*c, admin.who(), in);
  EXPECT_EQ(u.school_stage.value_or(""), "primary");
  EXPECT_TRUE(u.city_affiliated);
  EXPECT_EQ(repo::find_unit(*c, u.id)->type, "school");
  // Every stage of the dictionary is accepted
  int n = 0;
  for (const char* s : {"kindergarten", "middle", "nine_year", "high", "complete_middle", "twelve_year", "special", "vocational"}) {
    auto x = unit_input(unit("3701"), "T-SCH-S" + std::to_string(++n), "学校", "school");
    x.school_stage = s;
    EXPECT_NO_THROW(create_unit(*c, admin.who(), x)) << s;
  }
}

TEST_F(OrgTest, UpdateUnitRecordsOnlyChangedFields) {
  auto admin = as("admin");
  auto u = create_unit(*c, admin.who(), unit_input(unit("3701"), "T-UPD-1", "旧名称"));
  auto audits = audit_count();
  auto in = unit_input(u.parent_id, "T-UPD-1", "新名称");
  auto after = update_unit(*c, admin.who(), u.id, in);
  EXPECT_EQ(after.name, "新名称");
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:unit:update");
  EXPECT_EQ(a.object_id, std::to_string(u.id));
  EXPECT_EQ(keys(a.detail), (std::set<std::string>{"name"}));
  EXPECT_EQ(a.detail.at("name"), (bj::array{"旧名称", "新名称"}));
}

TEST_F(OrgTest, UpdateUnitRefusals) {
  auto admin = as("admin");
  auto u = create_unit(*c, admin.who(), unit_input(unit("370102"), "T-UPD-2"));
  // another unit's code
  expect_refused([&] { update_unit(*c, admin.who(), u.id, unit_input(u.parent_id, "370103")); }, 409, "org.unit_code_taken", "code");
  // a bad stage rule on update
  expect_refused([&] {
    auto in = unit_input(u.parent_id, "T-UPD-2");
    in.school_stage = "primary";
    update_unit(*c, admin.who(), u.id, in);
  }, 422, "org.school_stage_not_school", "school_stage");
  // a school admin sees the school but may not change it
  auto sch = as("sch0001");
  expect_refused([&] { update_unit(*c, sch.who(), unit("3701S001"), unit_input(unit("3701"), "3701S001", "改名", "school")); },
                 403, "access.out_of_scope");
  // a district officer does not even see another district's units
  auto lixia = as("lixia");
  expect_refused([&] { update_unit(*c, lixia.who(), unit("370103"), unit_input(unit("3701"), "370103", "改名", "district_bureau")); },
                 404, "org.unit_not_found");
  expect_refused([&] { update_unit(*c, admin.who(), 987654, unit_input(unit("3701"), "T-NONE")); }, 404, "org.unit_not_found");
}

TEST_F(OrgTest, MoveIntoOwnSubtreeIsACycle) {
  auto admin = as("admin");
  long long city = unit("3701"), lixia = unit("370102"), school = unit("370102S0001");
  expect_refused([&] { move_unit(*c, admin.who(), city, lixia); }, 409, "org.unit_cycle", "parent_id");
  expect_refused([&] { move_unit(*c, admin.who(), lixia, school); }, 409, "org.unit_cycle", "parent_id");
  expect_refused([&] { move_unit(*c, admin.who(), lixia, lixia); }, 409, "org.unit_cycle", "parent_id");
  expect_refused([&] { move_unit(*c, admin.who(), city, school); }, 409, "org.unit_cycle", "parent_id");
  expect_refused([&] { move_unit(*c, admin.who(), lixia, 987654); }, 422, "org.parent_not_found", "parent_id");
}

TEST_F(OrgTest, MoveRewritesTheClosureAndWritesOneAuditRow) {
  auto admin = as("admin");
  long long city = unit("3701"), lixia = unit("370102"), shizhong = unit("370103"), school = unit("370102S0001");
  auto audits = audit_count();
  auto moves = count("unit_moves");
  auto u = move_unit(*c, admin.who(), school, shizhong);
  EXPECT_EQ(u.parent_id.value_or(0), shizhong);
  EXPECT_TRUE(within(school, shizhong));
  EXPECT_FALSE(within(school, lixia));
  EXPECT_TRUE(within(school, city));
  EXPECT_EQ(count("unit_moves"), moves + 1);
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:unit:move");
  EXPECT_EQ(a.object_id, std::to_string(school));
  EXPECT_EQ(keys(a.detail), (std::set<std::string>{"parent_id"}));
  EXPECT_EQ(a.detail.at("parent_id"), (bj::array{lixia, shizhong}));
  // the old district no longer sees it, the new one does
  EXPECT_EQ(api_error([&] { get_unit(*c, as("lixia").p, school); }).value_or(ApiError(0, "", "")).code, "org.unit_not_found");
  EXPECT_EQ(get_unit(*c, as("shizhong").p, school).id, school);
  EXPECT_TRUE(audit::verify(*c).ok);
}

TEST_F(OrgTest, MovingAUnitMovesItsWholeSubtree) {
  auto admin = as("admin");
  long long city = unit("3701"), lixia = unit("370102"), school = unit("370102S0001");
  auto top = create_unit(*c, admin.who(), unit_input(std::nullopt, "T-TOP", "新顶级单位", "department"));
  move_unit(*c, admin.who(), lixia, top.id);
  EXPECT_TRUE(within(lixia, top.id));
  EXPECT_TRUE(within(school, top.id));
  EXPECT_TRUE(within(school, lixia));
  EXPECT_FALSE(within(lixia, city));
  EXPECT_FALSE(within(school, city));
  db::Query q("SELECT depth FROM unit_closure WHERE ancestor_id = ");
  q << q.bind(top.id) << " AND descendant_id = " << q.bind(school);
  EXPECT_EQ(c->scalar(q), 2);
  // and back to the top level
  move_unit(*c, admin.who(), lixia, std::nullopt);
  EXPECT_FALSE(within(school, top.id));
  EXPECT_TRUE(within(school, lixia));
  EXPECT_FALSE(repo::find_unit(*c, lixia)->parent_id.has_value());
}

TEST_F(OrgTest, MoveOutsideOwnScopeIsRefused) {
  auto lixia = as("lixia");
  long long social = unit("370102C001");
  expect_refused([&] { move_unit(*c, lixia.who(), social, unit("370103")); }, 403, "access.out_of_scope");
  expect_refused([&] { move_unit(*c, lixia.who(), social, std::nullopt); }, 403, "access.out_of_scope");
  expect_refused([&] { move_unit(*c, lixia.who(), unit("370103C001"), unit("370102")); }, 404, "org.unit_not_found");
  // inside the district it is allowed
  auto audits = audit_count();
  move_unit(*c, lixia.who(), social, unit("370102S0001"));
  EXPECT_EQ(audit_count(), audits + 1);
  EXPECT_EQ(last_audit().action, "org:unit:move");
}

TEST_F(OrgTest, MoveToTheSameParentChangesNothing) {
  auto admin = as("admin");
  auto before = fingerprint();
  auto u = move_unit(*c, admin.who(), unit("370102S0001"), unit("370102"));
  EXPECT_EQ(u.parent_id.value_or(0), unit("370102"));
  EXPECT_EQ(fingerprint(), before);
  // the fingerprint does see a real move (so the refusal checks above can fail)
  move_unit(*c, admin.who(), unit("370102S0001"), unit("370103"));
  EXPECT_NE(fingerprint(), before);
}

TEST_F(OrgTest, DeleteUnitRefusedWithChildrenOrMembers) {
  auto admin = as("admin");
  expect_refused([&] { delete_unit(*c, admin.who(), unit("370102")); }, 409, "org.unit_has_children");
  expect_refused([&] { delete_unit(*c, admin.who(), unit("3701")); }, 409, "org.unit_has_children");
  // a school with its admin as member
  expect_refused([&] { delete_unit(*c, admin.who(), unit("3701S001")); }, 409, "org.unit_has_members");
  expect_refused([&] { delete_unit(*c, admin.who(), 987654); }, 404, "org.unit_not_found");
}

TEST_F(OrgTest, DeleteEmptyLeafUnit) {
  auto admin = as("admin");
  auto u = create_unit(*c, admin.who(), unit_input(unit("370102"), "T-DEL-1", "待删除"));
  auto audits = audit_count();
  delete_unit(*c, admin.who(), u.id);
  EXPECT_FALSE(repo::find_unit(*c, u.id).has_value());
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:unit:delete");
  EXPECT_EQ(a.object_id, std::to_string(u.id));
  EXPECT_EQ(a.detail.at("name"), (bj::array{"待删除", nullptr}));
  // the code is free again, and the parent counts no deleted children
  EXPECT_NO_THROW(create_unit(*c, admin.who(), unit_input(unit("370102"), "T-DEL-1", "新单位")));
  EXPECT_TRUE(audit::verify(*c).ok);
}

TEST_F(OrgTest, DeletingTheLastChildFreesTheParent) {
  auto admin = as("admin");
  auto parent = create_unit(*c, admin.who(), unit_input(unit("3701"), "T-P", "上级"));
  auto child = create_unit(*c, admin.who(), unit_input(parent.id, "T-C", "下级"));
  expect_refused([&] { delete_unit(*c, admin.who(), parent.id); }, 409, "org.unit_has_children");
  delete_unit(*c, admin.who(), child.id);
  EXPECT_NO_THROW(delete_unit(*c, admin.who(), parent.id));
}

TEST_F(OrgTest, DistrictStaffCannotDeleteUnits) {
  auto admin = as("admin");
  auto u = create_unit(*c, admin.who(), unit_input(unit("370102"), "T-DEL-2"));
  auto lixia = as("lixia");
  expect_refused([&] { delete_unit(*c, lixia.who(), u.id); }, 403, "access.out_of_scope");
}

// ---------------- users ----------------

TEST_F(OrgTest, CreateUserWritesOneAuditRowWithoutSecrets) {
  auto lixia = as("lixia");
  long long school = unit("370102S0001");
  auto users = count("users");
  auto audits = audit_count();
  auto u = create_user(*c, lixia.who(), user_input("zhang.san", {{school, "德育处", {role("school_admin")}}}), policy);
  EXPECT_EQ(u.username, "zhang.san");
  EXPECT_TRUE(u.must_change_password);
  ASSERT_EQ(u.memberships.size(), 1u);
  EXPECT_EQ(u.memberships[0].unit_id, school);
  ASSERT_EQ(u.memberships[0].roles.size(), 1u);
  EXPECT_EQ(u.memberships[0].roles[0].key, "school_admin");
  EXPECT_EQ(count("users"), users + 1);
  // owner and creator are fixed at creation
  db::Query q("SELECT owner_unit_id, creator_id, password_hash FROM users WHERE id = ");
  q << q.bind(u.id);
  auto row = c->row(q);
  EXPECT_EQ(row->i64(0), school);
  EXPECT_EQ(row->i64(1), lixia.p.user_id);
  EXPECT_TRUE(auth::verify_password(row->str(2), kPassword));
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:user:create");
  EXPECT_EQ(a.object_id, std::to_string(u.id));
  EXPECT_EQ(a.username, "lixia");
  EXPECT_EQ(keys(a.detail), (std::set<std::string>{"username", "display_name", "phone", "memberships"}));
  EXPECT_EQ(a.detail.at("phone"), (bj::array{nullptr, "138****1234"}));
  auto text = bj::serialize(a.detail);
  EXPECT_EQ(text.find(kPassword), std::string::npos);
  EXPECT_EQ(text.find("argon2"), std::string::npos);
  EXPECT_EQ(text.find("13800001234"), std::string::npos);
  // the new user can act
  auto me = auth::load_principal(*c, u.id, u.memberships[0].id);
  EXPECT_EQ(me.unit_id, school);
  EXPECT_EQ(me.max_level, 30);
}

TEST_F(OrgTest, CreateUserNeedsAMembership) {
  auto admin = as("admin");
  expect_refused([&] { create_user(*c, admin.who(), user_input("no.unit", {}), policy); }, 422, "org.membership_required", "memberships");
}

TEST_F(OrgTest, CannotGrantARoleAtOrAboveOwnLevel) {
  auto lixia = as("lixia");
  long long school = unit("370102S0001");
  for (const char* key : {"district_staff", "city_staff", "sys_admin", "audit_admin", "sec_admin"}) {
    SCOPED_TRACE(key);
    expect_refused([&] { create_user(*c, lixia.who(), user_input("too.high", {{school, "", {role(key)}}}), policy); }, 403,
                   "org.role_above_own");
  }
  // one below is fine
  EXPECT_NO_THROW(create_user(*c, lixia.who(), user_input("just.below", {{school, "", {role("school_admin")}}}), policy));
}

TEST_F(OrgTest, CannotAppointInAUnitOutsideOwnSubtree) {
  auto lixia = as("lixia");
  expect_refused([&] { create_user(*c, lixia.who(), user_input("outside", {{unit("370103"), "", {role("unit_staff")}}}), policy); }, 403,
                 "access.out_of_scope");
  expect_refused([&] { create_user(*c, lixia.who(), user_input("outside", {{unit("3701"), "", {role("unit_staff")}}}), policy); }, 403,
                 "access.out_of_scope");
  // one unit inside and one outside: the whole request is refused
  expect_refused([&] {
    create_user(*c, lixia.who(),
                user_input("half", {{unit("370102S0001"), "", {role("unit_staff")}}, {unit("370103S0001"), "", {role("unit_staff")}}}),
                policy);
  }, 403, "access.out_of_scope");
}

TEST_F(OrgTest, TheActiveMembershipDecidesScopeAndLevel) {
  auto as_school = as("multi", 1);  // school_admin at 370102S0001
  expect_refused([&] { create_user(*c, as_school.who(), user_input("via.school", {{unit("370102C001"), "", {role("unit_staff")}}}), policy); },
                 403, "access.out_of_scope");
  auto as_district = as("multi", 0);  // district_staff at 370102
  EXPECT_NO_THROW(create_user(*c, as_district.who(), user_input("via.district", {{unit("370102C001"), "", {role("unit_staff")}}}), policy));
}

TEST_F(OrgTest, SeparationOfDutiesForTheThreeAdministrators) {
  auto admin = as("admin");
  access::Principal super = admin.p;
  super.grants = {{"org:user:create", {access::ScopeGrant{"all", {}}}}};
  super.max_level = 1000;
  As boss{super, admin.actor};
  long long city = unit("3701");
  expect_refused([&] { create_user(*c, boss.who(), user_input("two.hats", {{city, "", {role("sys_admin"), role("audit_admin")}}}), policy); },
                 409, "org.separation_of_duties", "memberships");
  expect_refused([&] { create_user(*c, boss.who(), user_input("two.hats", {{city, "", {role("sys_admin"), role("sec_admin")}}}), policy); },
                 409, "org.separation_of_duties", "memberships");
  // also when the two roles sit in different memberships
  expect_refused([&] {
    create_user(*c, boss.who(),
                user_input("two.hats", {{city, "", {role("sec_admin")}}, {unit("370102"), "", {role("audit_admin")}}}), policy);
  }, 409, "org.separation_of_duties", "memberships");
  // one administrator role with business roles is allowed
  auto audits = audit_count();
  auto u = create_user(*c, boss.who(), user_input("one.hat", {{city, "", {role("audit_admin"), role("city_staff")}}}), policy);
  EXPECT_EQ(audit_count(), audits + 1);
  EXPECT_EQ(last_audit().action, "org:user:create");
  EXPECT_EQ(auth::load_principal(*c, u.id, u.memberships[0].id).admin_categories, (std::set<std::string>{"audit"}));
}

TEST_F(OrgTest, CreateUserInputRules) {
  auto admin = as("admin");
  long long city = unit("3701");
  auto ok = [&](const std::string& name) { return user_input(name, {{city, "", {role("unit_staff")}}}); };
  struct Case {
    const char* name;
    UserInput in;
    int status;
    const char* code;
    const char* field;
  };
  auto weak = ok("weak.pw");
  weak.password = "abcdefgh";
  auto has_name = ok("Wang.Wu");
  has_name.password = "Wang.Wu#2026";
  auto bad_phone = ok("bad.phone");
  bad_phone.phone = "call me";
  auto dup_unit = user_input("dup.unit", {{city, "", {role("unit_staff")}}, {city, "", {role("unit_staff")}}});
  auto no_role = user_input("no.role", {{city, "", {987654}}});
  auto no_unit = user_input("no.unit", {{987654, "", {role("unit_staff")}}});
  const std::vector<Case> cases = {
      {"short username", ok("ab"), 422, "org.username_invalid", "username"},
      {"chinese username", ok("张三"), 422, "org.username_invalid", "username"},
      {"username with space", ok("a b c"), 422, "org.username_invalid", "username"},
      {"33 character username", ok(std::string(33, 'a')), 422, "org.username_invalid", "username"},
      {"weak password", weak, 422, "auth.password_weak", "password"},
      {"password holds username", has_name, 422, "auth.password_weak", "password"},
      {"bad phone", bad_phone, 422, "org.phone_invalid", "phone"},
      {"taken username", ok("lixia"), 409, "org.username_taken", "username"},
      {"same unit twice", dup_unit, 422, "org.membership_duplicate", "memberships[1].unit_id"},
      {"unknown role", no_role, 422, "org.role_not_found", "memberships[0].role_ids"},
      {"unknown unit", no_unit, 422, "org.unit_not_found", "memberships[0].unit_id"},
  };
  for (auto& k : cases) {
    SCOPED_TRACE(k.name);
    expect_refused([&] { create_user(*c, admin.who(), k.in, policy); }, k.status, k.code, k.field);
  }
}

TEST_F(OrgTest, UpdateUserRecordsOnlyChangedFields) {
  auto admin = as("admin");
  long long id = uid("lixia");
  auto before = repo::find_user(*c, id).value();
  auto audits = audit_count();
  auto after = update_user(*c, admin.who(), id, "历下区 新名字", before.phone, "active");
  EXPECT_EQ(after.display_name, "历下区 新名字");
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:user:update");
  EXPECT_EQ(a.object_id, std::to_string(id));
  EXPECT_EQ(keys(a.detail), (std::set<std::string>{"display_name"}));
  EXPECT_EQ(a.detail.at("display_name"), (bj::array{bj::value(before.display_name), "历下区 新名字"}));
}

TEST_F(OrgTest, DisablingAUserEndsTheirSessions) {
  auto admin = as("admin");
  long long id = uid("lixia");
  Config cfg;
  auth::Sessions sessions(cfg);
  sessions.create(*c, id, repo::memberships_of(*c, id)[0].id, "127.0.0.1", "test");
  db::Query q("SELECT COUNT(*) FROM sessions WHERE user_id = ");
  q << q.bind(id);
  ASSERT_EQ(c->scalar(q), 1);
  auto u = repo::find_user(*c, id).value();
  update_user(*c, admin.who(), id, u.display_name, u.phone, "disabled");
  EXPECT_EQ(c->scalar(q), 0);
  EXPECT_EQ(last_audit().detail.at("status"), (bj::array{"active", "disabled"}));
  auto e = api_error([&] { auth::load_principal(*c, id, repo::memberships_of(*c, id)[0].id); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 401);
}

TEST_F(OrgTest, UsersCannotDisableOrDeleteThemselves) {
  auto admin = as("admin");
  auto me = repo::find_user(*c, admin.p.user_id).value();
  expect_refused([&] { update_user(*c, admin.who(), me.id, me.display_name, me.phone, "disabled"); }, 409, "org.cannot_disable_self",
                 "status");
  expect_refused([&] { delete_user(*c, admin.who(), me.id); }, 409, "org.cannot_delete_self");
  auto lixia = as("lixia");
  auto lx = repo::find_user(*c, lixia.p.user_id).value();
  expect_refused([&] { update_user(*c, lixia.who(), lx.id, lx.display_name, lx.phone, "disabled"); }, 409, "org.cannot_disable_self",
                 "status");
  expect_refused([&] { set_memberships(*c, lixia.who(), lx.id, {{unit("370102"), "", {role("school_admin")}}}); }, 403,
                 "org.cannot_grant_self");
}

TEST_F(OrgTest, UpdateUserRefusals) {
  auto lixia = as("lixia");
  long long multi = uid("multi"), sch = uid("sch0013");  // sch0013 is the admin of 370102S0001
  auto m = repo::find_user(*c, multi).value();
  // an equal level may not be managed
  expect_refused([&] { update_user(*c, lixia.who(), multi, "改名", m.phone, "active"); }, 403, "org.user_above_own");
  // another district's user is invisible
  long long other = uid("shizhong");
  expect_refused([&] { update_user(*c, lixia.who(), other, "改名", "", "active"); }, 404, "org.user_not_found");
  // bad status and phone
  expect_refused([&] { update_user(*c, lixia.who(), sch, "改名", "", "gone"); }, 422, "org.status_invalid", "status");
  expect_refused([&] { update_user(*c, lixia.who(), sch, "改名", "x", "active"); }, 422, "org.phone_invalid", "phone");
  // a lower one inside the district may
  auto audits = audit_count();
  EXPECT_EQ(update_user(*c, lixia.who(), sch, "改名", "", "active").display_name, "改名");
  EXPECT_EQ(audit_count(), audits + 1);
}

TEST_F(OrgTest, DeleteUser) {
  auto admin = as("admin");
  long long id = uid("lixia");
  auto audits = audit_count();
  delete_user(*c, admin.who(), id);
  EXPECT_FALSE(repo::find_user(*c, id).has_value());
  EXPECT_FALSE(repo::user_id_by_username(*c, "lixia").has_value());
  ASSERT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:user:delete");
  EXPECT_EQ(a.object_id, std::to_string(id));
  EXPECT_EQ(a.detail.at("username"), (bj::array{"lixia", nullptr}));
  auto e = api_error([&] { auth::load_principal(*c, id, repo::memberships_of(*c, id).at(0).id); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 401);
  expect_refused([&] { delete_user(*c, admin.who(), id); }, 404, "org.user_not_found");
}

TEST_F(OrgTest, DistrictStaffCannotDeleteUsers) {
  auto lixia = as("lixia");
  expect_refused([&] { delete_user(*c, lixia.who(), uid("sch0013")); }, 404, "org.user_not_found");
}

TEST_F(OrgTest, SetMembershipsRules) {
  auto lixia = as("lixia");
  long long sch = uid("sch0013");
  long long school = unit("370102S0001"), social = unit("370102C001");
  // above own level, out of scope, empty: refused
  expect_refused([&] { set_memberships(*c, lixia.who(), sch, {{school, "", {role("district_staff")}}}); }, 403, "org.role_above_own");
  expect_refused([&] { set_memberships(*c, lixia.who(), sch, {{unit("370103"), "", {role("unit_staff")}}}); }, 403,
                 "access.out_of_scope");
  expect_refused([&] { set_memberships(*c, lixia.who(), sch, {}); }, 422, "org.membership_required", "memberships");
  // a second membership inside the district
  auto audits = audit_count();
  auto u = set_memberships(*c, lixia.who(), sch, {{school, "德育处", {role("school_admin")}}, {social, "联络员", {role("unit_staff")}}});
  ASSERT_EQ(u.memberships.size(), 2u);
  EXPECT_EQ(audit_count(), audits + 1);
  auto a = last_audit();
  EXPECT_EQ(a.action, "org:user:grant");
  EXPECT_EQ(keys(a.detail), (std::set<std::string>{"memberships"}));
}

TEST_F(OrgTest, CannotRevokeAMembershipOutsideOwnScope) {
  // A user with memberships in two districts: lixia may not drop the shizhong one.
  auto admin = as("admin");
  auto u = create_user(*c, admin.who(),
                       user_input("two.districts", {{unit("370102S0001"), "", {role("unit_staff")}}, {unit("370103S0001"), "", {role("unit_staff")}}}),
                       policy);
  auto lixia = as("lixia");
  expect_refused([&] { set_memberships(*c, lixia.who(), u.id, {{unit("370102S0001"), "", {role("school_admin")}}}); }, 403,
                 "access.out_of_scope");
}

// Bad input is a clear error, never a database exception (which the pipeline turns into a 500).
TEST_F(OrgTest, DuplicateRoleInAMembershipIsAClearError) {
  auto admin = as("admin");
  long long staff = role("unit_staff");
  expect_refused([&] { create_user(*c, admin.who(), user_input("dup.role", {{unit("3701"), "", {staff, staff}}}), policy); }, 422,
                 "org.role_duplicate", "memberships[0].role_ids");
  auto lixia = as("lixia");
  expect_refused([&] {
    set_memberships(*c, lixia.who(), uid("sch0013"), {{unit("370102S0001"), "", {role("school_admin")}}, {unit("370102C001"), "", {staff, staff}}});
  }, 422, "org.role_duplicate", "memberships[1].role_ids");
}

// ---------------- roles ----------------

TEST_F(OrgTest, RoleRules) {
  auto sec = as("secadmin");
  auto make = [](const std::string& key, int level, std::vector<Grant> g) {
    Role r;
    r.key = key;
    r.name = "测试角色";
    r.level = level;
    r.permissions = std::move(g);
    return r;
  };
  expect_refused([&] { create_role(*c, sec.who(), make("Bad Key", 10, {})); }, 422, "org.role_key_invalid", "key");
  expect_refused([&] { create_role(*c, sec.who(), make("too_high", 100, {})); }, 422, "org.role_level_invalid", "level");
  expect_refused([&] { create_role(*c, sec.who(), make("zero", 0, {})); }, 422, "org.role_level_invalid", "level");
  expect_refused([&] { create_role(*c, sec.who(), make("unknown_perm", 10, {{"org:nothing:here", "all"}})); }, 422,
                 "org.permission_unknown", "permissions");
  expect_refused([&] { create_role(*c, sec.who(), make("bad_scope", 10, {{"org:unit:list", "galaxy"}})); }, 422, "org.scope_unknown",
                 "permissions");
  expect_refused([&] { create_role(*c, sec.who(), make("dup_perm", 10, {{"org:unit:list", "all"}, {"org:unit:list", "subtree"}})); }, 422,
                 "org.permission_duplicate", "permissions");
  expect_refused([&] { create_role(*c, sec.who(), make("custom_none", 10, {{"org:unit:list", "custom"}})); }, 422,
                 "org.custom_units_required", "custom_unit_ids");
  expect_refused([&] { create_role(*c, sec.who(), make("sys_admin", 10, {})); }, 409, "org.role_key_taken", "key");
  expect_refused([&] { delete_role(*c, sec.who(), role("unit_staff")); }, 409, "org.role_builtin");
  expect_refused([&] { update_role(*c, sec.who(), role("audit_admin"), make("audit_admin", 10, {})); }, 403, "org.role_builtin_admin");

  auto audits = audit_count();
  auto r = create_role(*c, sec.who(), make("viewer", 20, {{"org:unit:list", "subtree"}}));
  EXPECT_EQ(audit_count(), audits + 1);
  EXPECT_EQ(last_audit().action, "org:role:create");
  EXPECT_EQ(r.category, "business");
  // in use: cannot be deleted
  auto admin = as("admin");
  create_user(*c, admin.who(), user_input("viewer.one", {{unit("3701"), "", {r.id}}}), policy);
  expect_refused([&] { delete_role(*c, sec.who(), r.id); }, 409, "org.role_in_use");
}

TEST_F(OrgTest, DuplicateCustomUnitInARoleIsAClearError) {
  auto sec = as("secadmin");
  Role r;
  r.key = "dup_units";
  r.name = "重复单位";
  r.level = 10;
  r.permissions = {{"org:unit:list", "custom"}};
  r.custom_unit_ids = {unit("370102"), unit("370103"), unit("370102")};
  expect_refused([&] { create_role(*c, sec.who(), r); }, 422, "org.custom_unit_duplicate", "custom_unit_ids");
  r.custom_unit_ids = {unit("370102"), unit("370103")};
  auto created = create_role(*c, sec.who(), r);
  EXPECT_EQ(created.custom_unit_ids.size(), 2u);
}

// scope_filter() in the unit list and authorize() in the unit detail must agree on the same row.
// directory::list() asks for the visible units with {"u.id", "u.creator_id"}, so a "self" grant lists the units the
// principal created; get_unit() authorizes Record{id, creator 0, ...}, so "self" never allows one.
TEST_F(OrgTest, UnitListAndUnitDetailAgreeOnSelfScope) {
  auto admin = as("admin");
  access::Principal p = admin.p;
  p.grants = {{"org:unit:list", {access::ScopeGrant{"self", {}}}}, {"org:unit:create", {access::ScopeGrant{"all", {}}}}};
  As me{p, admin.actor};
  auto u = create_unit(*c, me.who(), unit_input(unit("3701"), "T-SELF-1", "本人创建"));
  app::Page pg;
  pg.sort = "code";
  auto listed = directory::list(*c, me.p, UnitFilter{}, pg).units();
  bool in_list = false;
  for (auto& x : listed) in_list |= x.id == u.id;
  bool in_detail = !api_error([&] { get_unit(*c, me.p, u.id); }).has_value();
  EXPECT_TRUE(in_list);
  EXPECT_EQ(in_list, in_detail) << "list shows it: " << in_list << ", detail allows it: " << in_detail;
  // a unit someone else created is in neither
  long long city = unit("3701");
  for (auto& x : listed) EXPECT_NE(x.id, city);
  EXPECT_EQ(api_error([&] { get_unit(*c, me.p, city); }).value_or(ApiError(0, "", "")).code, "org.unit_not_found");
  // with "self" on update too, the creator may edit their own unit and nobody else's
  p.grants["org:unit:update"] = {access::ScopeGrant{"self", {}}};
  As editor{p, admin.actor};
  EXPECT_EQ(update_unit(*c, editor.who(), u.id, unit_input(u.parent_id, "T-SELF-1", "本人改名")).name, "本人改名");
  auto other = create_unit(*c, admin.who(), unit_input(city, "T-OTHER-1", "他人创建"));
  p.grants["org:unit:list"] = {access::ScopeGrant{"all", {}}};
  As viewer{p, admin.actor};
  viewer.p.user_id = admin.p.user_id + 100000;  // not the creator of anything
  expect_refused([&] { update_unit(*c, viewer.who(), other.id, unit_input(city, "T-OTHER-1", "改名")); }, 403, "access.out_of_scope");
}
}  // namespace
}  // namespace xt::org
