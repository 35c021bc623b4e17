#include "core/auth/session.hpp"

#include <climits>

#include "core/db/versioned_cache.hpp"

#include "core/auth/password.hpp"
#include "core/http/errors.hpp"

namespace xt::auth {

access::Principal load_principal(db::Conn& c, long long user_id, long long membership_id) {
  access::Principal p;
  db::Query qu("SELECT username, display_name, must_change_password FROM users WHERE id = ");
  qu << qu.bind(user_id) << " AND deleted_at IS NULL AND status = 'active'";
  auto u = c.row(qu);
  if (!u) throw ApiError(401, "auth.session_invalid", "账号已停用或不存在，请重新登录");
  p.user_id = user_id;
  p.username = u->str(0);
  p.display_name = u->str(1);
  p.must_change_password = u->flag(2);

  db::Query qm("SELECT m.unit_id, un.name, un.type, un.city_affiliated FROM memberships m JOIN units un ON un.id = m.unit_id WHERE m.id = ");
  qm << qm.bind(membership_id) << " AND m.user_id = " << qm.bind(user_id) << " AND un.deleted_at IS NULL";
  auto m = c.row(qm);
  if (!m) throw ApiError(401, "auth.session_invalid", "任职已变更，请重新登录");
  p.membership_id = membership_id;
  p.unit_id = m->i64(0);
  p.unit_name = m->str(1);
  p.unit_type = m->str(2);
  p.unit_city_affiliated = m->flag(3);

  db::Query qg("SELECT rp.perm_code, rp.scope, r.id, r.level FROM membership_roles mr JOIN roles r ON r.id = mr.role_id "
               "JOIN role_permissions rp ON rp.role_id = r.id WHERE mr.membership_id = ");
  qg << qg.bind(membership_id) << " ORDER BY rp.perm_code, r.id";
  std::map<long long, std::vector<long long>> custom;
  auto grants = c.rows(qg);
  bool need_custom = false;
  for (auto& r : grants) need_custom |= r.str(1) == "custom";
  if (need_custom) {
    db::Query qc("SELECT rcu.role_id, rcu.unit_id FROM role_custom_units rcu JOIN membership_roles mr ON mr.role_id = rcu.role_id WHERE mr.membership_id = ");
    qc << qc.bind(membership_id);
    for (auto& r : c.rows(qc)) custom[r.i64(0)].push_back(r.i64(1));
  }
  for (auto& r : grants) {
    access::ScopeGrant g{r.str(1), {}};
    if (g.kind == "custom") g.units = custom[r.i64(2)];
    p.grants[r.str(0)].push_back(std::move(g));
  }
  db::Query ql("SELECT MAX(r.level) FROM membership_roles mr JOIN roles r ON r.id = mr.role_id WHERE mr.membership_id = ");
  ql << ql.bind(membership_id);
  p.max_level = (int)c.scalar(ql);
  db::Query qa("SELECT DISTINCT r.category FROM memberships m JOIN membership_roles mr ON mr.membership_id = m.id "
               "JOIN roles r ON r.id = mr.role_id WHERE m.user_id = ");
  qa << qa.bind(user_id) << " AND r.category <> 'business'";
  for (auto& r : c.rows(qa)) p.admin_categories.insert(r.str(0));
  return p;
}

Sessions::Created Sessions::create(db::Conn& c, long long user_id, long long membership_id, const std::string& ip, const std::string& ua,
                                   std::optional<long long> valid_until) {
  Created out{random_token(32), random_token(24)};
  long long now = db::now_ms();
  db::Query q("INSERT INTO sessions (token_hash, user_id, membership_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at) VALUES (");
  q << q.bind(sha256_hex(out.token)) << ", " << q.bind(user_id) << ", " << q.bind(membership_id) << ", " << q.bind(out.csrf) << ", "
    << q.bind(ip) << ", " << q.bind(ua.substr(0, 300)) << ", " << q.bind(now) << ", " << q.bind(now) << ", "
    << q.bind(std::min(now + (long long)cfg_.absolute_timeout_h * 3'600'000, valid_until.value_or(LLONG_MAX))) << ")";
  c.exec(q);
  return out;
}

std::shared_ptr<const Resolved> Sessions::resolve(db::Conn& c, const std::string& token, Versions* read) {
  if (token.size() < 20 || token.size() > 100) return nullptr;
  auto h = sha256_hex(token);
  long long now = db::now_ms();
  db::Query q("SELECT s.user_id, s.membership_id, s.csrf_token, s.last_seen_at, s.expires_at, s.version, "
              "(SELECT version FROM data_versions WHERE name = 'grants'), (SELECT version FROM data_versions WHERE name = 'units') "
              "FROM sessions s WHERE s.token_hash = ");
  q << q.bind(h);
  auto row = c.row(q);
  if (!row) {
    forget(h);
    return nullptr;
  }
  if (now > row->i64(4) || now - row->i64(3) > idle_ms()) {
    db::Query d("DELETE FROM sessions WHERE token_hash = ");
    d << d.bind(h);
    c.exec(d);
    forget(h);
    return nullptr;
  }
  long long version = row->i64(5), grants = row->i64(6), units = row->i64(7);
  if (read) *read = {grants, units};
  std::shared_ptr<Resolved> r;
  {
    std::lock_guard l(mu_);
    auto it = cache_.find(h);
    if (it != cache_.end() && it->second.version == version && it->second.grants == grants && it->second.units == units) r = it->second.r;
  }
  if (!r) {
    r = std::make_shared<Resolved>();
    try {
      r->principal = load_principal(c, row->i64(0), row->i64(1));
    } catch (const ApiError&) {
      forget(h);
      return nullptr;
    }
    r->token_hash = h;
    r->csrf = row->str(2);
    std::lock_guard l(mu_);
    if (cache_.size() > 20000) cache_.clear();
    cache_[h] = {r, version, grants, units};
  }
  if (now - row->i64(3) > kTouchMs) {
    db::Query t("UPDATE sessions SET last_seen_at = ");
    t << t.bind(now) << " WHERE token_hash = " << t.bind(h);
    c.exec(t);
  }
  return r;
}

void Sessions::destroy(db::Conn& c, const std::string& h) {
  db::Query d("DELETE FROM sessions WHERE token_hash = ");
  d << d.bind(h);
  c.exec(d);
  forget(h);
}

void Sessions::destroy_user(db::Conn& c, long long user_id, const std::string& except) {
  db::Query d("DELETE FROM sessions WHERE user_id = ");
  d << d.bind(user_id) << " AND token_hash <> " << d.bind(except);
  c.exec(d);
  std::lock_guard l(mu_);
  cache_.clear();  // the rows are gone: other servers find none
}

void Sessions::switch_membership(db::Conn& c, const std::string& h, long long membership_id) {
  db::Query u("UPDATE sessions SET membership_id = ");
  u << u.bind(membership_id) << ", version = version + 1 WHERE token_hash = " << u.bind(h);
  c.exec(u);
  forget(h);
}

void Sessions::changed(db::Conn& c, const std::string& h) {
  db::Query u("UPDATE sessions SET version = version + 1 WHERE token_hash = ");
  u << u.bind(h);
  c.exec(u);
  forget(h);
}

void Sessions::changed_user(db::Conn& c, long long user_id) {
  db::Query u("UPDATE sessions SET version = version + 1 WHERE user_id = ");
  u << u.bind(user_id);
  c.exec(u);
  std::lock_guard l(mu_);
  for (auto it = cache_.begin(); it != cache_.end();)
    it = it->second.r->principal.user_id == user_id ? cache_.erase(it) : std::next(it);
}

void Sessions::forget(const std::string& h) {
  std::lock_guard l(mu_);
  cache_.erase(h);
}
void Sessions::forget_all(db::Conn& c) {
  db::bump_version(c, "grants");
  std::lock_guard l(mu_);
  cache_.clear();
}
}  // namespace xt::auth
