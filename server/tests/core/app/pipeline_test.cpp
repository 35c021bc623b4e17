// The request pipeline's own duties, on a real App over SQLite: a read under a permission that
// asks for it is audited (refused ones too); masked fields are masked for whoever lacks the
// unmask permission, ?unmask=1 without it is refused and audited, with it the read is audited
// as unmasked; a service that wrote its own audit row gets no generic one.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/auth/password.hpp"
#include "modules/modules.hpp"
#include "modules/org/repo.hpp"

namespace xt {
namespace {
namespace bj = boost::json;
using db::Query;

struct PipelineTest : ::testing::Test {
  std::filesystem::path dir;
  std::unique_ptr<app::App> a;
  std::string cookie;
  http::Route read_route, list_route, write_route;

  void SetUp() override {
    auth::init_crypto();
    dir = std::filesystem::temp_directory_path() / ("xt-pipeline-" + auth::random_token(6));
    std::filesystem::create_directories(dir);
    Config cfg;
    cfg.db_url = "sqlite:" + (dir / "p.db").string();
    cfg.data_dir = dir.string();
    cfg.io_threads = 1;
    a = std::make_unique<app::App>(cfg);
    a->db().migrate();
    modules::ensure_builtin(*a);
    access::PermissionInfo child{"test:child:read", "查看学生档案（测试）", "test", "测试"};
    child.audit_reads = true;
    access::register_permission(child);
    access::register_permission({"test:child:unmask", "查看学生完整联系方式（测试）", "test", "测试"});
  }
  void TearDown() override {
    a.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // A user of a new unit whose role holds `perms`; the session's cookie.
  void sign_in(const std::vector<std::string>& perms) {
    auto lease = a->db().lease();
    auto& c = lease->conn;
    db::Tx tx(c, true);
    org::UnitInput u;
    u.name = "测试学校" + auth::random_token(3);
    u.code = "T" + auth::random_token(4);
    u.type = "school";
    auto unit = org::repo::insert_unit(c, u, 0);
    org::Role r;
    r.key = "t_" + auth::random_token(4);
    for (auto& ch : r.key) ch = (char)std::tolower((unsigned char)ch);
    r.name = "测试角色";
    r.level = 10;
    for (auto& p : perms) r.permissions.push_back({p, "all"});
    auto role = org::repo::insert_role(c, r);
    org::UserInput in;
    in.username = "t" + auth::random_token(5);
    in.display_name = "测试用户";
    auto user = org::repo::insert_user(c, in, auth::hash_password("Xt-test-2026a"), unit, 0, false, false);
    org::repo::replace_memberships(c, user, {{unit, "", {role}}});
    auto m = org::repo::memberships_of(c, user).at(0).id;
    tx.commit();
    cookie = a->cookie_name() + "=" + a->sessions().create(c, user, m, "127.0.0.1", "test").token;
  }

  http::Response call(const http::Route& route, const std::string& target, std::map<std::string, std::string> params = {}) {
    http::Request req;
    req.method = route.method;
    req.target = target;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.headers = {{"cookie", cookie}};
    req.remote_ip = "127.0.0.1";
    req.request_id = "rid-" + auth::random_token(4);
    req.params = std::move(params);
    return a->handle(req, route);
  }

  long long audit_rows(const std::string& action, const std::string& result = "success") {
    auto lease = a->db().lease();
    Query q("SELECT COUNT(*) FROM audit_log WHERE action = ");
    q << q.bind(action) << " AND result = " << q.bind(result);
    return lease->conn.scalar(q);
  }
  std::string last_detail(const std::string& action) {
    auto lease = a->db().lease();
    Query q("SELECT detail FROM audit_log WHERE action = ");
    q << q.bind(action) << " ORDER BY id DESC LIMIT 1";
    return lease->conn.row(q)->str(0);
  }
};

http::Route child_route(const std::string& perm) {
  http::Route r{"GET", "/api/v1/test-children/{id}", perm, "test", "学生档案（测试）", 1024, [](app::Ctx&) {
                  return http::Response::json(R"({"name":"张小明","guardian":{"phone":"13812345678"},"grade":"三年级"})");
                }};
  r.masks = {{"phone", "phone", "test:child:unmask"}, {"name", "name", "test:child:unmask"}};
  return r;
}

TEST_F(PipelineTest, AReadUnderAnAuditedPermissionIsAuditedRefusedOnesToo) {
  sign_in({"test:child:read"});
  auto route = child_route("test:child:read");
  auto res = call(route, "/api/v1/test-children/42", {{"id", "42"}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(audit_rows("test:child:read"), 1);
  EXPECT_NE(last_detail("test:child:read").find("/api/v1/test-children/42"), std::string::npos);

  auto unaudited = child_route("login");
  call(unaudited, "/api/v1/test-children/42", {{"id", "42"}});
  EXPECT_EQ(audit_rows("login"), 0) << "reads under other permissions are not audited";

  sign_in({"test:child:unmask"});  // someone without the read permission
  EXPECT_EQ(call(route, "/api/v1/test-children/42", {{"id", "42"}}).status, 403);
  EXPECT_EQ(audit_rows("test:child:read", "failure"), 1) << "the refused read is on record";
}

TEST_F(PipelineTest, MaskedFieldsNeedTheUnmaskPermission) {
  sign_in({"test:child:read"});
  auto route = child_route("test:child:read");
  auto res = call(route, "/api/v1/test-children/1", {{"id", "1"}});
  auto v = bj::parse(res.body);
  EXPECT_EQ(v.at("name"), "张**");
  EXPECT_EQ(v.at("guardian").at("phone"), "138****5678");
  EXPECT_EQ(v.at("grade"), "三年级");

  auto refused = call(route, "/api/v1/test-children/1?unmask=1", {{"id", "1"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("access.unmask_denied"), std::string::npos) << refused.body;
  EXPECT_EQ(audit_rows("test:child:read", "failure"), 1);
  EXPECT_EQ(call(route, "/api/v1/test-children/1?unmask=yes", {{"id", "1"}}).status, 400);

  sign_in({"test:child:read", "test:child:unmask"});
  auto whole = bj::parse(call(route, "/api/v1/test-children/1", {{"id", "1"}}).body);
  EXPECT_EQ(whole.at("guardian").at("phone"), "13812345678") << "the holder sees it whole";
  auto asked = call(route, "/api/v1/test-children/1?unmask=1", {{"id", "1"}});
  EXPECT_EQ(asked.status, 200);
  EXPECT_NE(last_detail("test:child:read").find("\"unmasked\":true"), std::string::npos);
}

TEST_F(PipelineTest, AServiceThatAuditedItselfGetsNoGenericRow) {
  sign_in({"test:child:read"});
  http::Route own{"POST", "/api/v1/test-children", "test:child:read", "test", "写入（测试）", 1024, [](app::Ctx& ctx) {
                    auto& c = ctx.conn();
                    db::Tx tx(c, true);
                    audit::record(c, ctx.actor(), audit::Event{"test:child:own", "child", "9"});  // not ctx.audit(): no flag set
                    tx.commit();
                    return http::Response::json("{}", 201);
                  }};
  http::Request req;
  auto lease = a->db().lease();
  auto csrf = a->sessions().resolve(lease->conn, cookie.substr(cookie.find('=') + 1))->csrf;
  lease.reset();
  req.method = "POST";
  req.target = req.path = "/api/v1/test-children";
  req.headers = {{"cookie", cookie}, {"x-csrf-token", csrf}};
  req.request_id = "rid-own";
  EXPECT_EQ(a->handle(req, own).status, 201);
  EXPECT_EQ(audit_rows("test:child:own"), 1);
  EXPECT_EQ(audit_rows("test:child:read"), 0) << "no second, generic row for the same request";
}
}  // namespace
}  // namespace xt
