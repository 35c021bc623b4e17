// Login, sessions, CSRF, lockout, first-login password change, demo mode, switching units.
#include "integration/harness.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "core/db/db.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;

TEST(Auth, LoginSetsAStrictHttpOnlyCookieAndMeShowsMenusByPermission) {
  Client c(shared_port());
  auto r = c.login("admin");
  ASSERT_EQ(r.status, 200) << r.body;
  auto sc = r.header("Set-Cookie");
  EXPECT_NE(sc.find("HttpOnly"), std::string::npos);
  EXPECT_NE(sc.find("SameSite=Strict"), std::string::npos);
  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  auto body = me.body;
  EXPECT_NE(body.find("单位管理"), std::string::npos);
  EXPECT_EQ(body.find("审计日志"), std::string::npos) << "system admin must not see the audit log (三员)";
  Client a(shared_port());
  a.login("auditor");
  auto am = a.get("/api/v1/auth/me");
  EXPECT_NE(am.body.find("审计日志"), std::string::npos);
  EXPECT_EQ(am.body.find("用户管理"), std::string::npos);
}

TEST(Auth, WrongPasswordIs401WithEnvelopeAndNoCookie) {
  Client c(shared_port());
  auto r = c.login("city", "wrong-password");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "auth.bad_credentials");
  EXPECT_EQ(r.header("Set-Cookie"), "");
  auto unknown = c.login("no-such-user", "whatever");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.code(), "auth.bad_credentials");
}

TEST(Auth, NoCookieBadCookieAndLogoutGive401) {
  Client c(shared_port());
  EXPECT_EQ(c.get("/api/v1/units").status, 401);
  c.set_cookie("xt_session=not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaa");
  auto r = c.get("/api/v1/units");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "auth.session_expired");
  c.login("city");
  auto cookie = c.cookie();
  EXPECT_EQ(c.get("/api/v1/units").status, 200);
  EXPECT_EQ(c.post("/api/v1/auth/logout", "").status, 204);
  Client again(shared_port());
  again.set_cookie(cookie);
  EXPECT_EQ(again.get("/api/v1/units").status, 401) << "a session must die at logout";
}

TEST(Auth, StateChangeWithoutCsrfTokenOrFromAForeignOriginIs403) {
  Client c(shared_port());
  c.login("admin");
  Client nocsrf(shared_port());
  nocsrf.set_cookie(c.cookie());
  auto r = nocsrf.post("/api/v1/units", R"({"name":"甲","code":"CSRF1","type":"community"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "auth.csrf");
  auto foreign = c.post("/api/v1/units", R"({"name":"甲","code":"CSRF2","type":"community"})", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(foreign.code(), "auth.bad_origin");
  EXPECT_EQ(c.get("/api/v1/units?keyword=CSRF").json.at("total").as_int64(), 0);
}

TEST(Auth, FiveFailuresLockTheAccountUntilUnlocked) {
  Client admin(shared_port());
  admin.login("admin");
  auto created = admin.post("/api/v1/users", R"({"username":"locktest","display_name":"锁定测试","password":"Lock#Test2026","memberships":[{"unit_id":1,"post":"","role_ids":[]}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json.at("id").as_int64();
  Client c(shared_port());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("locktest", "bad").status, 401);
  auto fifth = c.login("locktest", "bad");
  EXPECT_EQ(fifth.status, 423);
  EXPECT_EQ(fifth.code(), "auth.locked");
  auto right = c.login("locktest", "Lock#Test2026");
  EXPECT_EQ(right.status, 423) << "the right password must fail while locked";
  auto list = admin.get("/api/v1/users?keyword=locktest");
  EXPECT_TRUE(list.json.at("items").as_array()[0].at("locked").as_bool());
  EXPECT_EQ(admin.post("/api/v1/users/" + std::to_string(id) + "/unlock", "").status, 204);
  EXPECT_EQ(c.login("locktest", "Lock#Test2026").status, 200);
}

TEST(Auth, NewUserMustChangeThePasswordFirst) {
  Client admin(shared_port());
  admin.login("admin");
  auto created = admin.post("/api/v1/users", R"({"username":"firstlogin","display_name":"首次登录","password":"First#Login1","memberships":[{"unit_id":1,"post":"","role_ids":[]}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  Client u(shared_port());
  auto r = u.login("firstlogin", "First#Login1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json.at("user").at("must_change_password").as_bool());
  auto blocked = u.get("/api/v1/units");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.code(), "auth.password_change_required");
  auto weak = u.post("/api/v1/auth/password", R"({"old_password":"First#Login1","new_password":"abcdefgh"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.code(), "auth.password_weak");
  auto same = u.post("/api/v1/auth/password", R"({"old_password":"First#Login1","new_password":"First#Login1"})");
  EXPECT_EQ(same.status, 422);
  EXPECT_EQ(same.code(), "auth.password_reused");
  auto wrong_old = u.post("/api/v1/auth/password", R"({"old_password":"nope","new_password":"Second#Login2"})");
  EXPECT_EQ(wrong_old.code(), "auth.old_password_wrong");
  EXPECT_EQ(u.post("/api/v1/auth/password", R"({"old_password":"First#Login1","new_password":"Second#Login2"})").status, 204);
  EXPECT_EQ(u.get("/api/v1/auth/me").json.at("user").at("must_change_password").as_bool(), false);
  EXPECT_EQ(u.get("/api/v1/units").status, 403);  // no roles: still denied by default, but no longer for the password
  EXPECT_EQ(u.get("/api/v1/units").code(), "access.denied");
}

TEST(Auth, DemoAccountsAreRefusedWithoutDemoMode) {
  Server s;
  s.start(db_url(), {}, /*demo=*/false);
  Client c(s.port());
  auto r = c.login("admin");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "auth.demo_disabled");
}

TEST(Auth, SwitchingTheActiveMembershipChangesTheDataScope) {
  Client c(shared_port());
  ASSERT_EQ(c.login("multi").status, 200);
  auto me = c.get("/api/v1/auth/me");
  auto& ms = me.json.at("memberships").as_array();
  ASSERT_EQ(ms.size(), 2u);
  auto district_total = c.get("/api/v1/units?page_size=1").json.at("total").as_int64();
  auto school_mid = ms[1].at("id").as_int64();
  auto sw = c.post("/api/v1/auth/switch", bj::serialize(bj::object{{"membership_id", school_mid}}));
  ASSERT_EQ(sw.status, 200) << sw.body;
  EXPECT_EQ(sw.json.at("active_membership").at("id").as_int64(), school_mid);
  auto school_total = c.get("/api/v1/units?page_size=1").json.at("total").as_int64();
  EXPECT_GT(district_total, 10);
  EXPECT_EQ(school_total, 1);
  auto bad = c.post("/api/v1/auth/switch", R"({"membership_id":1})");  // someone else's membership
  EXPECT_EQ(bad.status, 404);
}

// One session used through two servers: a unit switch, a role change and a logout made on one
// hold on the other at the next request (no cache outlives them).
TEST(Auth, ASessionChangedOnOneServerChangesOnTheOtherAtOnce) {
  Server a, b;
  shared_port();  // the demo city is in the database
  a.start(db_url());
  b.start(db_url());
  Client on_a(a.port()), on_b(b.port());
  ASSERT_EQ(on_a.login("multi").status, 200);
  on_b.set_cookie(on_a.cookie());
  on_b.set_csrf(on_a.csrf());
  auto me = on_b.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  auto& ms = me.json.at("memberships").as_array();
  ASSERT_EQ(ms.size(), 2u);
  auto district_total = on_b.get("/api/v1/units?page_size=1").json.at("total").as_int64();
  EXPECT_GT(district_total, 10) << "server b has the district membership cached";

  auto school_mid = ms[1].at("id").as_int64();
  ASSERT_EQ(on_a.post("/api/v1/auth/switch", bj::serialize(bj::object{{"membership_id", school_mid}})).status, 200);
  EXPECT_EQ(on_b.get("/api/v1/units?page_size=1").json.at("total").as_int64(), 1) << "the switch holds on server b at once";
  EXPECT_EQ(on_b.get("/api/v1/auth/me").json.at("active_membership").at("id").as_int64(), school_mid);

  // an administrator on server a takes the school membership's roles away
  Client admin(a.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  auto users = admin.get("/api/v1/users?keyword=multi");
  auto uid = users.json.at("items").as_array()[0].at("id").as_int64();
  bj::array keep, before;
  for (auto& m : users.json.at("items").as_array()[0].at("memberships").as_array()) {
    keep.push_back(bj::object{{"unit_id", m.at("unit_id")}, {"post", m.at("post")}, {"role_ids", bj::array{}}});
    bj::array roles;
    for (auto& r : m.at("roles").as_array()) roles.push_back(r.at("id"));
    before.push_back(bj::object{{"unit_id", m.at("unit_id")}, {"post", m.at("post")}, {"role_ids", roles}});
  }
  ASSERT_EQ(admin.put("/api/v1/users/" + std::to_string(uid) + "/memberships", bj::serialize(bj::object{{"memberships", keep}})).status, 200);
  auto after = on_b.get("/api/v1/units?page_size=1");
  EXPECT_TRUE(after.status == 403 || after.status == 401) << "the role change holds on server b at once: " << after.body;
  ASSERT_EQ(admin.put("/api/v1/users/" + std::to_string(uid) + "/memberships", bj::serialize(bj::object{{"memberships", before}})).status, 200)
      << "the demo account as it was, for the other tests";

  ASSERT_EQ(on_a.login("multi").status, 200);
  on_b.set_cookie(on_a.cookie());
  on_b.set_csrf(on_a.csrf());
  ASSERT_EQ(on_b.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(on_a.post("/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(on_b.get("/api/v1/auth/me").status, 401) << "the logout holds on server b at once";
}

// A first password changed through one server frees the session on the other at once, and a
// name changed by an administrator shows there too.
TEST(Auth, APasswordChangedOnOneServerIsSeenOnTheOther) {
  Server a, b;
  shared_port();  // the demo city is in the database
  a.start(db_url());
  b.start(db_url());
  Client admin(a.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  auto created = admin.post("/api/v1/users", R"({"username":"twoserver","display_name":"两台服务器","password":"Two#Server2026","memberships":[{"unit_id":1,"post":"","role_ids":[]}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  Client on_a(a.port()), on_b(b.port());
  ASSERT_EQ(on_a.login("twoserver", "Two#Server2026").status, 200);
  on_b.set_cookie(on_a.cookie());
  on_b.set_csrf(on_a.csrf());
  EXPECT_TRUE(on_b.get("/api/v1/auth/me").json.at("user").at("must_change_password").as_bool());
  ASSERT_EQ(on_a.post("/api/v1/auth/password", R"({"old_password":"Two#Server2026","new_password":"Two#Server2027"})").status, 204);
  EXPECT_FALSE(on_b.get("/api/v1/auth/me").json.at("user").at("must_change_password").as_bool()) << "server b sees the change at once";
  auto id = created.json.at("id").as_int64();
  ASSERT_EQ(admin.put("/api/v1/users/" + std::to_string(id), R"({"display_name":"改了名字","status":"active"})").status, 200);
  EXPECT_EQ(on_b.get("/api/v1/auth/me").json.at("user").at("display_name").as_string(), "改了名字");
}

// Wrong passwords sent at once all count: the fifth locks the account, whichever request it is.
TEST(Auth, ParallelWrongPasswordsAllCountAndLockTheAccount) {
  Server s;
  shared_port();  // the demo city is in the database
  s.start(db_url(), {"--ip-failures", "1000"});
  Client admin(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  auto created = admin.post("/api/v1/users", R"({"username":"parlock","display_name":"并发锁定","password":"Par#Lock2026","memberships":[{"unit_id":1,"post":"","role_ids":[]}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::vector<int> statuses(12);
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&, i] {
      Client c(s.port());
      statuses[i] = c.login("parlock", "wrong").status;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 4) << "four failures are counted before the fifth locks";
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 423), 8);
  Client c(s.port());
  EXPECT_EQ(c.login("parlock", "Par#Lock2026").status, 423) << "locked: the right password fails too";
  auto list = admin.get("/api/v1/users?keyword=parlock");
  EXPECT_TRUE(list.json.at("items").as_array()[0].at("locked").as_bool());
}

// Behind a trusted proxy each client is throttled by its own address; from an untrusted peer
// the forwarding headers are ignored (anyone could send them).
TEST(Auth, TheThrottleCountsTheClientBehindATrustedProxyOnly) {
  Server trusting;
  shared_port();  // the demo city is in the database
  trusting.start(db_url(), {"--ip-failures", "3", "--trusted-proxies", "127.0.0.1"});
  Client c(trusting.port());
  auto fail_as = [&](const std::string& ip) {
    return c.post("/api/v1/auth/login", R"({"username":"nobody","password":"x"})", {{"X-Forwarded-For", ip}}).status;
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(fail_as("198.51.100.1"), 401);
  EXPECT_EQ(fail_as("198.51.100.1"), 429) << "that client is throttled";
  EXPECT_EQ(fail_as("198.51.100.2"), 401) << "another client behind the same proxy is not";

  Server plain;
  plain.start(db_url(), {"--ip-failures", "3"});
  Client d(plain.port());
  {  // the loopback address starts with no failures (other tests failed logins from it)
    db::Database db(db_url(), 1);
    auto l = db.lease();
    l->conn.exec(db::Query("DELETE FROM login_failures WHERE ip = '127.0.0.1'"));
  }
  for (int i = 0; i < 3; ++i)
    d.post("/api/v1/auth/login", R"({"username":"nobody","password":"x"})", {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}});
  EXPECT_EQ(d.post("/api/v1/auth/login", R"({"username":"nobody","password":"x"})", {{"X-Forwarded-For", "203.0.113.99"}}).status, 429)
      << "a forged header from an untrusted peer changes nothing";
}

TEST(Auth, IpThrottleAnswers429) {
  Server s;
  shared_port();  // the demo city is in the database
  s.start(db_url(), {"--ip-failures", "3", "--trusted-proxies", "127.0.0.1"});
  Client c(s.port());
  auto as = [&](const std::string& user, const std::string& pw) {
    return c.post("/api/v1/auth/login", R"({"username":")" + user + R"(","password":")" + pw + R"("})",
                  {{"X-Real-IP", "192.0.2.77"}});
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(as("nobody", "x").status, 401);
  auto r = as("city", "Demo@2026");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code(), "auth.throttled");
}

// The failures sent to one server count on the others: a client cannot spread its guesses
// over the servers behind the proxy.
TEST(Auth, FailuresSentToOneServerThrottleTheAddressOnAnother) {
  shared_port();
  Server one, two;
  one.start(db_url(), {"--ip-failures", "4", "--trusted-proxies", "127.0.0.1"});
  two.start(db_url(), {"--ip-failures", "4", "--trusted-proxies", "127.0.0.1"});
  Client a(one.port()), b(two.port());
  auto fail = [](Client& c) {
    return c.post("/api/v1/auth/login", R"({"username":"nobody","password":"x"})", {{"X-Real-IP", "192.0.2.88"}}).status;
  };
  EXPECT_EQ(fail(a), 401);
  EXPECT_EQ(fail(b), 401);
  EXPECT_EQ(fail(a), 401);
  EXPECT_EQ(fail(b), 401);
  EXPECT_EQ(fail(a), 429) << "four failures in all, two on each server";
  EXPECT_EQ(fail(b), 429);
  EXPECT_EQ(b.post("/api/v1/auth/login", R"({"username":"city","password":"Demo@2026"})", {{"X-Real-IP", "192.0.2.89"}}).status, 200)
      << "another address is not throttled";
}
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
TEST(Auth, AnIdleSessionExpiresAndIsRemoved) {
  Client c(shared_port());
  ASSERT_EQ(c.login("city").status, 200);
  ASSERT_EQ(c.get("/api/v1/units?page_size=1").status, 200);
  {
    // Age the session in the database by 31 minutes, as if the user had walked away.
    db::Database d(db_url(), 1);
    auto l = d.lease();
    db::Query q("UPDATE sessions SET last_seen_at = last_seen_at - 1860000 WHERE user_id = (SELECT id FROM users WHERE username = 'city')");
    l->conn.exec(q);
  }
  auto r = c.get("/api/v1/units?page_size=1");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code(), "auth.session_expired");
}
}  // namespace
}  // namespace xt::itest
