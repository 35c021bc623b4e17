#include "modules/org/accounts_repo.hpp"

#include <map>

namespace xt::org::accounts_repo {
using db::Query;

std::optional<long long> membership_in(db::Conn& c, long long user_id, long long unit_id) {
  Query q("SELECT id FROM memberships WHERE user_id = ");
  q << q.bind(user_id) << " AND unit_id = " << q.bind(unit_id);
  auto r = c.row(q);
  return r ? std::optional<long long>(r->i64(0)) : std::nullopt;
}

long long add_membership(db::Conn& c, long long user_id, long long unit_id, long long now) {
  Query q("INSERT INTO memberships (user_id, unit_id, post, sort, created_at) SELECT ");
  q << q.bind(user_id) << ", " << q.bind(unit_id) << ", '', COALESCE(MAX(sort) + 1, 0), " << q.bind(now)
    << " FROM memberships WHERE user_id = " << q.bind(user_id) << " RETURNING id";
  return c.scalar(q);
}

bool add_role(db::Conn& c, long long membership_id, long long role_id) {
  Query q("INSERT INTO membership_roles (membership_id, role_id) SELECT ");
  q << q.bind(membership_id) << ", " << q.bind(role_id) << " WHERE NOT EXISTS (SELECT 1 FROM membership_roles WHERE membership_id = "
    << q.bind(membership_id) << " AND role_id = " << q.bind(role_id) << ")";
  return c.exec(q) > 0;
}

void set_valid_until(db::Conn& c, long long user_id, std::optional<long long> until, long long now) {
  Query q("UPDATE users SET valid_until = ");
  q << q.bind(until) << ", updated_at = " << q.bind(now) << " WHERE id = " << q.bind(user_id);
  c.exec(q);
}

namespace {
std::vector<accounts::Person> load(db::Conn& c, Query& q) {
  std::vector<accounts::Person> out;
  std::map<long long, size_t> at;
  for (auto& r : c.rows(q)) {
    at[r.i64(0)] = out.size();
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt_i64(5), {}});
  }
  if (out.empty()) return out;
  std::vector<long long> ids;
  for (auto& p : out) ids.push_back(p.id);
  Query m("SELECT m.user_id, m.unit_id FROM memberships m JOIN units u ON u.id = m.unit_id WHERE u.deleted_at IS NULL AND m.user_id IN (");
  m << m.bind_list(ids) << ") ORDER BY m.user_id, m.sort, m.id";
  for (auto& r : c.rows(m)) out[at[r.i64(0)]].unit_ids.push_back(r.i64(1));
  return out;
}
}  // namespace

std::vector<accounts::Person> people(db::Conn& c, const std::vector<long long>& ids) {
  if (ids.empty()) return {};
  Query q("SELECT id, username, display_name, COALESCE(phone, ''), status, valid_until FROM users WHERE deleted_at IS NULL AND id IN (");
  q << q.bind_list(ids) << ") ORDER BY id";
  return load(c, q);
}

std::vector<accounts::Person> find_people(db::Conn& c, const std::string& keyword, int limit) {
  Query q("SELECT id, username, display_name, COALESCE(phone, ''), status, valid_until FROM users WHERE deleted_at IS NULL AND status = 'active' AND is_demo = 0 AND (display_name LIKE ");
  auto pat = db::like_contains(keyword);
  q << q.bind(pat) << " ESCAPE '\\' OR username LIKE " << q.bind(pat) << " ESCAPE '\\') AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id)"
    << " ORDER BY display_name, id LIMIT " << q.bind((long long)limit);
  return load(c, q);
}
}  // namespace xt::org::accounts_repo
