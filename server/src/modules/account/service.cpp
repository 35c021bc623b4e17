#include "modules/account/service.hpp"

#include "core/access/catalog.hpp"
#include "core/auth/password.hpp"
#include "core/auth/throttle.hpp"
#include "modules/account/repo.hpp"
#include "modules/org/repo.hpp"

namespace xt::account {
namespace bj = boost::json;

namespace {
void audit_login(db::Conn& c, audit::Actor actor, long long user_id, const std::string& username, const std::string& result,
                 const std::string& code) {
  db::Tx tx(c, true);
  actor.user_id = user_id ? std::optional<long long>(user_id) : std::nullopt;
  actor.username = username;
  audit::Event e{"auth:login", "user", user_id ? std::to_string(user_id) : ""};
  e.result = result;
  e.error_code = code;
  audit::record(c, actor, e);
  tx.commit();
}
// The same words whether or not the username exists: no count of attempts left.
std::string bad_credentials_message(const Config& cfg) {
  return "用户名或密码错误（连续错误" + std::to_string(cfg.lock_failures) + "次将锁定账号" + std::to_string(cfg.lock_minutes) + "分钟）";
}
}  // namespace

LoginResult login(app::App& a, db::Conn& c, const std::string& username, const std::string& password, const audit::Actor& actor,
                  const std::string& ua) {
  auto& cfg = a.config();
  constexpr long long kWindow = 15 * 60'000;
  if (auth::address_throttled(c, actor.ip, cfg.ip_failures_per_15min, kWindow, db::now_ms())) {
    audit_login(c, actor, 0, username, "failure", "auth.throttled");
    throw ApiError(429, "auth.throttled", "该地址登录失败次数过多，请15分钟后再试");
  }
  auto row = repo::find_login(c, username);
  long long now = db::now_ms();
  if (!row) {
    auth::verify_password("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", password);  // same cost
    auth::address_failed(c, actor.ip, kWindow, db::now_ms());
    audit_login(c, actor, 0, username, "failure", "auth.bad_credentials");
    throw ApiError(401, "auth.bad_credentials", bad_credentials_message(cfg));
  }
  long long id = row->id;
  if (row->locked_until && *row->locked_until > now) {
    long long mins = (*row->locked_until - now + 59'999) / 60'000;
    audit_login(c, actor, id, username, "failure", "auth.locked");
    throw ApiError(423, "auth.locked", "连续登录失败次数过多，账号已锁定，请" + std::to_string(mins) + "分钟后再试或联系管理员解锁");
  }
  bool ok = auth::verify_password(row->password_hash, password);
  if (!ok) {
    auth::address_failed(c, actor.ip, kWindow, db::now_ms());
    long long lock_until = now + (long long)cfg.lock_minutes * 60'000;
    db::Tx tx(c, true);
    auto locked = repo::record_failure(c, id, cfg.lock_failures, lock_until, now);
    tx.commit();
    if (locked && *locked > now) {
      audit_login(c, actor, id, username, "failure", "auth.locked");
      throw ApiError(423, "auth.locked", "密码连续错误" + std::to_string(cfg.lock_failures) + "次，账号已锁定" + std::to_string(cfg.lock_minutes) + "分钟");
    }
    audit_login(c, actor, id, username, "failure", "auth.bad_credentials");
    throw ApiError(401, "auth.bad_credentials", bad_credentials_message(cfg));
  }
  if (row->status != "active") {
    audit_login(c, actor, id, username, "failure", "auth.disabled");
    throw ApiError(403, "auth.disabled", "账号已停用，请联系管理员");
  }
  if (row->valid_until && *row->valid_until <= now) {
    audit_login(c, actor, id, username, "failure", "auth.expired");
    throw ApiError(403, "auth.expired", "账号有效期已过（如评审专家账号在评审结束后失效），如需继续使用请联系管理员");
  }
  bool demo = row->demo;
  if (demo && !cfg.demo) {
    audit_login(c, actor, id, username, "failure", "auth.demo_disabled");
    throw ApiError(403, "auth.demo_disabled", "演示账号仅在演示模式（--demo）下可以登录");
  }
  auto m = repo::first_membership(c, id);
  if (!m) {
    audit_login(c, actor, id, username, "failure", "auth.no_membership");
    throw ApiError(403, "auth.no_membership", "账号没有任何任职单位，请联系管理员");
  }
  db::Tx tx(c, true);
  repo::record_login(c, id, now);
  auto s = a.sessions().create(c, id, m->membership_id, actor.ip, ua, row->valid_until);
  audit::Actor act = actor;
  act.user_id = id;
  act.username = username;
  act.unit_id = m->unit_id;
  act.unit_name = m->unit_name;
  audit::Event e{"auth:login", "user", std::to_string(id)};
  audit::record(c, act, e);
  tx.commit();
  return {id, m->membership_id, s.token, s.csrf, !demo && row->must_change_password};
}

void change_password(app::App& a, db::Conn& c, const access::Principal& p, const audit::Actor& actor, const std::string& old_pw,
                     const std::string& new_pw, const std::string& keep) {
  auto hash_now = repo::password_hash(c, p.user_id);
  if (!hash_now || !auth::verify_password(*hash_now, old_pw))
    throw unprocessable("auth.old_password_wrong", "原密码不正确", "old_password");
  if (auto why = auth::policy_violation(new_pw, a.config().password, p.username)) throw unprocessable("auth.password_weak", *why, "new_password");
  for (auto& h : org::repo::recent_password_hashes(c, p.user_id, a.config().password.history))
    if (auth::verify_password(h, new_pw))
      throw unprocessable("auth.password_reused", "新密码不得与最近" + std::to_string(a.config().password.history) + "次使用过的密码相同", "new_password");
  auto hash = auth::hash_password(new_pw);
  db::Tx tx(c, true);
  org::repo::set_password(c, p.user_id, hash, false);
  a.sessions().destroy_user(c, p.user_id, keep);
  a.sessions().changed(c, keep);  // no longer must change the password, on every server
  audit::Event e{"auth:password", "user", std::to_string(p.user_id)};
  audit::change(e, "must_change_password", p.must_change_password, false);
  audit::record(c, actor, e);
  tx.commit();
  a.sessions().forget(keep);
}

void switch_membership(app::App& a, db::Conn& c, const auth::Resolved& s, const audit::Actor& actor, long long membership_id) {
  db::Tx tx(c, true);
  if (!repo::holds_membership(c, s.principal.user_id, membership_id)) throw not_found("auth.membership_not_found", "没有这个任职，无法切换");
  a.sessions().switch_membership(c, s.token_hash, membership_id);
  audit::Event e{"auth:switch", "membership", std::to_string(membership_id)};
  audit::change(e, "membership_id", s.principal.membership_id, membership_id);
  audit::record(c, actor, e);
  tx.commit();
}

bj::object me_json(db::Conn& c, const access::Principal& p, const std::string& csrf) {
  auto phone = repo::phone_of(c, p.user_id);
  bj::array ms;
  bj::value active = nullptr;
  for (auto& m : org::repo::memberships_of(c, p.user_id)) {
    bj::array roles;
    for (auto& r : m.roles) roles.push_back({{"id", r.id}, {"key", r.key}, {"name", r.name}});
    bj::object o{{"id", m.id}, {"unit_id", m.unit_id}, {"unit_name", m.unit_name}, {"unit_type", m.unit_type}, {"post", m.post}, {"roles", roles}};
    if (m.id == p.membership_id) active = o;
    ms.push_back(std::move(o));
  }
  bj::array perms, city_wide;
  for (auto& [code, grants] : p.grants) {
    perms.push_back(bj::value(code));
    for (auto& g : grants)
      if (g.kind == "all") { city_wide.push_back(bj::value(code)); break; }
  }
  return {{"user", {{"id", p.user_id}, {"username", p.username}, {"display_name", p.display_name}, {"phone", phone},
                    {"must_change_password", p.must_change_password}}},
          {"active_membership", active}, {"memberships", ms}, {"permissions", perms}, {"city_wide_permissions", city_wide}, {"menus", access::menus_for(p)}, {"csrf_token", csrf}};
}
}  // namespace xt::account
