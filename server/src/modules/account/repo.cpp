#include "modules/account/repo.hpp"

namespace xt::account::repo {
using db::Query;

std::optional<LoginRow> find_login(db::Conn& c, const std::string& username) {
  Query q("SELECT id, password_hash, status, failed_count, locked_until, is_demo, must_change_password, valid_until FROM users WHERE deleted_at IS NULL AND username = ");
  q << q.bind(username);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return LoginRow{r->i64(0), r->str(1), r->str(2), (int)r->i64(3), r->opt_i64(4), r->flag(5), r->flag(6), r->opt_i64(7)};
}

std::optional<long long> record_failure(db::Conn& c, long long user_id, int lock_after, long long lock_until, long long now) {
  // Both SET expressions read the row as it was before this update.
  Query u("UPDATE users SET failed_count = CASE WHEN locked_until IS NOT NULL AND locked_until > ");
  u << u.bind(now) << " THEN failed_count WHEN failed_count + 1 >= " << u.bind((long long)lock_after)
    << " THEN 0 ELSE failed_count + 1 END, locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until > " << u.bind(now)
    << " THEN locked_until WHEN failed_count + 1 >= " << u.bind((long long)lock_after) << " THEN " << u.bind(lock_until)
    << " ELSE locked_until END WHERE id = " << u.bind(user_id) << " RETURNING locked_until";
  auto r = c.row(u);
  return r ? r->opt_i64(0) : std::nullopt;
}

void record_login(db::Conn& c, long long user_id, long long now) {
  Query u("UPDATE users SET failed_count = 0, locked_until = NULL, last_login_at = ");
  u << u.bind(now) << " WHERE id = " << u.bind(user_id);
  c.exec(u);
}

std::optional<FirstMembership> first_membership(db::Conn& c, long long user_id) {
  Query q("SELECT m.id, un.id, un.name FROM memberships m JOIN units un ON un.id = m.unit_id WHERE un.deleted_at IS NULL AND m.user_id = ");
  q << q.bind(user_id) << " ORDER BY m.sort, m.id LIMIT 1";
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return FirstMembership{r->i64(0), r->i64(1), r->str(2)};
}

bool holds_membership(db::Conn& c, long long user_id, long long membership_id) {
  Query q("SELECT m.unit_id FROM memberships m JOIN units un ON un.id = m.unit_id WHERE un.deleted_at IS NULL AND m.id = ");
  q << q.bind(membership_id) << " AND m.user_id = " << q.bind(user_id);
  return c.row(q).has_value();
}

std::optional<std::string> password_hash(db::Conn& c, long long user_id) {
  Query q("SELECT password_hash FROM users WHERE id = ");
  q << q.bind(user_id);
  if (auto r = c.row(q)) return r->str(0);
  return std::nullopt;
}

std::string phone_of(db::Conn& c, long long user_id) {
  Query q("SELECT phone FROM users WHERE id = ");
  q << q.bind(user_id);
  auto r = c.row(q);
  return r ? r->str(0) : "";
}
}  // namespace xt::account::repo
