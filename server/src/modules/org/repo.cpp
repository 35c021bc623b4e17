#include "modules/org/repo.hpp"

#include "core/audit/names.hpp"

#include "core/db/versioned_cache.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace xt::org::repo {
using db::Query;

namespace {
const char* kUnitCols =
    "u.id, u.parent_id, u.code, u.name, u.type, u.school_stage, u.city_affiliated, u.sort, u.status, "
    "CASE WHEN EXISTS (SELECT 1 FROM units ch WHERE ch.parent_id = u.id AND ch.deleted_at IS NULL) THEN 1 ELSE 0 END, u.creator_id";

Unit unit_from(const db::Row& r) {
  Unit u;
  u.id = r.i64(0);
  u.parent_id = r.opt_i64(1);
  u.code = r.str(2);
  u.name = r.str(3);
  u.type = r.str(4);
  u.school_stage = r.opt_str(5);
  u.city_affiliated = r.flag(6);
  u.sort = (int)r.i64(7);
  u.status = r.str(8);
  u.has_children = r.flag(9);
  u.creator_id = r.null(10) ? 0 : r.i64(10);
  return u;
}


void fill_paths(db::Conn& c, std::vector<Unit>& units) {
  if (units.empty()) return;
  Query q("SELECT cl.descendant_id, a.name, cl.depth FROM unit_closure cl JOIN units a ON a.id = cl.ancestor_id WHERE cl.descendant_id IN (");
  std::vector<long long> ids;
  for (auto& u : units) ids.push_back(u.id);
  q << q.bind_list(ids);
  q << ")";
  std::map<long long, std::map<long long, std::string, std::greater<>>> parts;  // unit -> depth -> name
  for (auto& r : c.rows(q)) parts[r.i64(0)][r.i64(2)] = r.str(1);
  for (auto& u : units) {
    u.path.clear();
    for (auto& [depth, name] : parts[u.id]) u.path += (u.path.empty() ? "" : " / ") + name;
  }
}

}  // namespace

std::optional<Unit> find_unit(db::Conn& c, long long id) {
  Query q(std::string("SELECT ") + kUnitCols + " FROM units u WHERE u.deleted_at IS NULL AND u.id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<Unit> v{unit_from(*r)};
  fill_paths(c, v);
  return v[0];
}

std::optional<long long> unit_id_by_code(db::Conn& c, const std::string& code) {
  Query q("SELECT id FROM units WHERE deleted_at IS NULL AND code = ");
  q << q.bind(code);
  auto r = c.row(q);
  return r ? std::optional<long long>(r->i64(0)) : std::nullopt;
}

std::vector<std::pair<Unit, bool>> all_units(db::Conn& c) {
  Query q("SELECT u.id, u.parent_id, u.code, u.name, u.type, u.school_stage, u.city_affiliated, u.sort, u.status, 0, u.creator_id, "
          "CASE WHEN u.deleted_at IS NULL THEN 0 ELSE 1 END FROM units u ORDER BY u.id");
  std::vector<std::pair<Unit, bool>> out;
  for (auto& r : c.rows(q)) out.emplace_back(unit_from(r), r.flag(11));
  return out;
}

std::vector<long long> visible_unit_ids(db::Conn& c, const access::Principal& p, const std::string& perm, bool unit_only) {
  Query q("SELECT u.id FROM units u WHERE u.deleted_at IS NULL AND ");
  access::scope_filter(q, p, perm, {"u.id", unit_only ? "" : "u.creator_id"});
  std::vector<long long> out;
  for (auto& r : c.rows(q)) out.push_back(r.i64(0));
  return out;
}

std::vector<DirectoryEntry> directory(db::Conn& c, const std::string& keyword, const std::string& type, int limit) {
  Query q(
      "SELECT u.id, u.name, u.type, (SELECT a.name FROM unit_closure cl JOIN units a ON a.id = cl.ancestor_id WHERE cl.descendant_id = u.id "
      "AND cl.depth > 0 AND a.type = 'district_bureau' AND a.deleted_at IS NULL ORDER BY cl.depth LIMIT 1) "
      "FROM units u WHERE u.deleted_at IS NULL AND u.status = 'active'");
  if (!keyword.empty()) q << " AND u.name LIKE " << q.bind(db::like_contains(keyword)) << " ESCAPE '\\'";
  if (!type.empty()) q << " AND u.type = " << q.bind(type);
  q << " ORDER BY CASE WHEN u.name = " << q.bind(keyword) << " THEN 0 WHEN u.name LIKE " << q.bind(db::like_prefix(keyword))
    << " ESCAPE '\\' THEN 1 ELSE 2 END, u.sort, u.code, u.id LIMIT " << q.bind((long long)limit);
  std::vector<DirectoryEntry> out;
  for (auto& r : c.rows(q)) out.push_back({r.i64(0), r.str(1), r.str(2), r.null(3) ? std::string() : r.str(3)});
  return out;
}

std::vector<Unit> children(db::Conn& c, const access::Principal& p, long long parent_id) {
  Query q(std::string("SELECT ") + kUnitCols + " FROM units u WHERE u.deleted_at IS NULL AND u.parent_id = ");
  q << q.bind(parent_id) << " AND ";
  access::scope_filter(q, p, "org:unit:list", {"u.id", "u.creator_id"});
  q << " ORDER BY u.sort, u.code, u.id LIMIT 2000";
  std::vector<Unit> out;
  for (auto& r : c.rows(q)) out.push_back(unit_from(r));
  return out;
}

long long insert_unit(db::Conn& c, const UnitInput& in, long long creator_id) {
  db::bump_version(c, "units");
  long long now = db::now_ms();
  Query q("INSERT INTO units (parent_id, code, name, type, school_stage, city_affiliated, sort, status, creator_id, created_at, updated_at) VALUES (");
  q << q.bind(in.parent_id) << ", " << q.bind(in.code) << ", " << q.bind(in.name) << ", " << q.bind(in.type) << ", "
    << q.bind(in.school_stage) << ", " << q.bind((long long)in.city_affiliated) << ", " << q.bind((long long)in.sort) << ", "
    << q.bind(in.status) << ", " << q.bind(creator_id) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  long long id = c.scalar(q);
  Query own("UPDATE units SET owner_unit_id = ");
  own << own.bind(id) << " WHERE id = " << own.bind(id);
  c.exec(own);
  if (in.parent_id) {
    Query cl("INSERT INTO unit_closure (ancestor_id, descendant_id, depth) SELECT ancestor_id, ");
    cl << cl.bind(id) << ", depth + 1 FROM unit_closure WHERE descendant_id = " << cl.bind(*in.parent_id);
    c.exec(cl);
  }
  Query self("INSERT INTO unit_closure (ancestor_id, descendant_id, depth) VALUES (");
  self << self.bind(id) << ", " << self.bind(id) << ", 0)";
  c.exec(self);
  return id;
}

void update_unit(db::Conn& c, long long id, const UnitInput& in) {
  db::bump_version(c, "units");
  Query q("UPDATE units SET code = ");
  q << q.bind(in.code) << ", name = " << q.bind(in.name) << ", type = " << q.bind(in.type) << ", school_stage = "
    << q.bind(in.school_stage) << ", city_affiliated = " << q.bind((long long)in.city_affiliated) << ", sort = "
    << q.bind((long long)in.sort) << ", status = " << q.bind(in.status) << ", updated_at = " << q.bind(db::now_ms())
    << " WHERE id = " << q.bind(id);
  c.exec(q);
}

void move_unit(db::Conn& c, long long id, std::optional<long long> new_parent, long long by) {
  db::bump_version(c, "units");
  auto old = find_unit(c, id);
  Query del("DELETE FROM unit_closure WHERE descendant_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ");
  del << del.bind(id) << ") AND ancestor_id NOT IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = " << del.bind(id) << ")";
  c.exec(del);
  if (new_parent) {
    Query ins("INSERT INTO unit_closure (ancestor_id, descendant_id, depth) SELECT sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1 "
              "FROM unit_closure sup CROSS JOIN unit_closure sub WHERE sup.descendant_id = ");
    ins << ins.bind(*new_parent) << " AND sub.ancestor_id = " << ins.bind(id);
    c.exec(ins);
  }
  long long now = db::now_ms();
  Query up("UPDATE units SET parent_id = ");
  up << up.bind(new_parent) << ", updated_at = " << up.bind(now) << " WHERE id = " << up.bind(id);
  c.exec(up);
  Query h("INSERT INTO unit_moves (unit_id, from_parent_id, to_parent_id, moved_at, moved_by) VALUES (");
  h << h.bind(id) << ", " << h.bind(old ? old->parent_id : std::nullopt) << ", " << h.bind(new_parent) << ", " << h.bind(now) << ", " << h.bind(by) << ")";
  c.exec(h);
}

void soft_delete_unit(db::Conn& c, long long id) {
  db::bump_version(c, "units");
  long long now = db::now_ms();
  Query q("UPDATE units SET deleted_at = ");
  q << q.bind(now) << ", updated_at = " << q.bind(now) << " WHERE id = " << q.bind(id);
  c.exec(q);
}

long long count_children(db::Conn& c, long long id) {
  Query q("SELECT COUNT(*) FROM units WHERE deleted_at IS NULL AND parent_id = ");
  q << q.bind(id);
  return c.scalar(q);
}

long long count_unit_members(db::Conn& c, long long id) {
  Query q("SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.deleted_at IS NULL AND m.unit_id = ");
  q << q.bind(id);
  return c.scalar(q);
}

std::string unit_path(db::Conn& c, long long id) {
  std::vector<Unit> v(1);
  v[0].id = id;
  fill_paths(c, v);
  return v[0].path;
}

boost::json::array unit_history(db::Conn& c, long long id) {
  Query q("SELECT h.id, h.moved_at, fp.name, tp.name, us.username FROM unit_moves h LEFT JOIN units fp ON fp.id = h.from_parent_id "
          "LEFT JOIN units tp ON tp.id = h.to_parent_id LEFT JOIN users us ON us.id = h.moved_by WHERE h.unit_id = ");
  q << q.bind(id) << " ORDER BY h.id DESC";
  boost::json::array out;
  for (auto& r : c.rows(q))
    out.push_back({{"id", r.i64(0)}, {"at", r.i64(1)}, {"from_parent_name", r.str(2)}, {"to_parent_name", r.str(3)}, {"by_username", r.str(4)}});
  return out;
}

// ---------- users ----------
namespace {
const char* kUserCols = "u.id, u.username, u.display_name, u.phone, u.status, u.locked_until, u.must_change_password, u.last_login_at, u.created_at, u.is_demo";
User user_from(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.username = r.str(1);
  u.display_name = r.str(2);
  u.phone = r.str(3);
  u.status = r.str(4);
  u.locked = !r.null(5) && r.i64(5) > db::now_ms();
  u.must_change_password = r.flag(6);
  u.last_login_at = r.opt_i64(7);
  u.created_at = r.i64(8);
  u.is_demo = r.flag(9);
  return u;
}

void fill_memberships(db::Conn& c, std::vector<User>& users) {
  if (users.empty()) return;
  std::vector<long long> ids;
  for (auto& u : users) ids.push_back(u.id);
  Query q("SELECT m.id, m.user_id, m.unit_id, un.name, un.type, m.post FROM memberships m JOIN units un ON un.id = m.unit_id WHERE m.user_id IN (");
  q << q.bind_list(ids) << ") ORDER BY m.user_id, m.sort, m.id";
  std::map<long long, std::vector<Membership>> by_user;
  std::vector<long long> mids;
  for (auto& r : c.rows(q)) {
    Membership m{r.i64(0), r.i64(2), r.str(3), r.str(4), r.str(5), {}};
    mids.push_back(m.id);
    by_user[r.i64(1)].push_back(std::move(m));
  }
  std::map<long long, std::vector<RoleRef>> roles;
  if (!mids.empty()) {
    Query rq("SELECT mr.membership_id, r.id, r.role_key, r.name FROM membership_roles mr JOIN roles r ON r.id = mr.role_id WHERE mr.membership_id IN (");
    rq << rq.bind_list(mids) << ") ORDER BY r.level DESC, r.id";
    for (auto& r : c.rows(rq)) roles[r.i64(0)].push_back({r.i64(1), r.str(2), r.str(3)});
  }
  for (auto& u : users) {
    u.memberships = by_user[u.id];
    for (auto& m : u.memberships) m.roles = roles[m.id];
  }
}
}  // namespace

std::optional<User> find_user(db::Conn& c, long long id) {
  Query q(std::string("SELECT ") + kUserCols + " FROM users u WHERE u.deleted_at IS NULL AND u.id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<User> v{user_from(*r)};
  fill_memberships(c, v);
  return v[0];
}

std::optional<long long> user_id_by_username(db::Conn& c, const std::string& username) {
  Query q("SELECT id FROM users WHERE deleted_at IS NULL AND username = ");
  q << q.bind(username);
  auto r = c.row(q);
  return r ? std::optional<long long>(r->i64(0)) : std::nullopt;
}

std::pair<std::vector<User>, long long> list_users(db::Conn& c, const access::Principal& p, const std::string& perm, const UserFilter& f, const app::Page& pg) {
  Query where(" FROM users u WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND ");
  access::scope_filter(where, p, perm, {"m.unit_id", "u.id"});
  where << ")";
  if (!f.keyword.empty()) {
    auto k = db::like_contains(f.keyword);
    where << " AND (lower(u.username) LIKE lower(" << where.bind(k) << ") ESCAPE '\\' OR u.display_name LIKE " << where.bind(k)
          << " ESCAPE '\\' OR u.phone LIKE " << where.bind(k) << " ESCAPE '\\')";
  }
  if (!f.status.empty()) where << " AND u.status = " << where.bind(f.status);
  if (f.unit_id)
    where << " AND EXISTS (SELECT 1 FROM memberships m2 JOIN unit_closure cl ON cl.descendant_id = m2.unit_id WHERE m2.user_id = u.id AND cl.ancestor_id = "
          << where.bind(*f.unit_id) << ")";
  Query count("SELECT COUNT(*)");
  count.append(where);
  long long total = c.scalar(count);
  static const std::map<std::string, std::string> cols = {
      {"username", "u.username"}, {"display_name", "u.display_name"}, {"created_at", "u.created_at"}, {"last_login_at", "u.last_login_at"}};
  Query q(std::string("SELECT ") + kUserCols);
  q.append(where);
  q << " ORDER BY " << cols.at(pg.sort) << (pg.desc ? " DESC" : " ASC") << ", u.id LIMIT " << q.bind((long long)pg.size) << " OFFSET " << q.bind(pg.offset());
  std::vector<User> out;
  for (auto& r : c.rows(q)) out.push_back(user_from(r));
  fill_memberships(c, out);
  return {std::move(out), total};
}

long long insert_user(db::Conn& c, const UserInput& in, const std::string& hash, long long owner_unit, long long creator, bool must_change, bool demo) {
  long long now = db::now_ms();
  Query q("INSERT INTO users (username, display_name, phone, password_hash, must_change_password, status, is_demo, password_changed_at, owner_unit_id, creator_id, created_at, updated_at) VALUES (");
  q << q.bind(in.username) << ", " << q.bind(in.display_name) << ", " << q.bind(in.phone) << ", " << q.bind(hash) << ", "
    << q.bind((long long)must_change) << ", 'active', " << q.bind((long long)demo) << ", " << q.bind(now) << ", " << q.bind(owner_unit)
    << ", " << q.bind(creator) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  long long id = c.scalar(q);
  Query h("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (");
  h << h.bind(id) << ", " << h.bind(hash) << ", " << h.bind(now) << ")";
  c.exec(h);
  return id;
}

void update_user(db::Conn& c, long long id, const std::string& display_name, const std::string& phone, const std::string& status) {
  Query q("UPDATE users SET display_name = ");
  q << q.bind(display_name) << ", phone = " << q.bind(phone) << ", status = " << q.bind(status) << ", updated_at = " << q.bind(db::now_ms())
    << " WHERE id = " << q.bind(id);
  c.exec(q);
}

void set_password(db::Conn& c, long long id, const std::string& hash, bool must_change) {
  long long now = db::now_ms();
  Query q("UPDATE users SET password_hash = ");
  q << q.bind(hash) << ", must_change_password = " << q.bind((long long)must_change) << ", password_changed_at = " << q.bind(now)
    << ", failed_count = 0, locked_until = NULL, updated_at = " << q.bind(now) << " WHERE id = " << q.bind(id);
  c.exec(q);
  Query h("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (");
  h << h.bind(id) << ", " << h.bind(hash) << ", " << h.bind(now) << ")";
  c.exec(h);
}

std::vector<std::string> recent_password_hashes(db::Conn& c, long long id, int n) {
  Query q("SELECT password_hash FROM password_history WHERE user_id = ");
  q << q.bind(id) << " ORDER BY id DESC LIMIT " << q.bind((long long)n);
  std::vector<std::string> out;
  for (auto& r : c.rows(q)) out.push_back(r.str(0));
  return out;
}

void soft_delete_user(db::Conn& c, long long id) {
  long long now = db::now_ms();
  Query q("UPDATE users SET deleted_at = ");
  q << q.bind(now) << ", status = 'disabled', updated_at = " << q.bind(now) << " WHERE id = " << q.bind(id);
  c.exec(q);
  Query s("DELETE FROM sessions WHERE user_id = ");
  s << s.bind(id);
  c.exec(s);
}

void unlock_user(db::Conn& c, long long id) {
  Query q("UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}

void replace_memberships(db::Conn& c, long long user_id, const std::vector<MembershipInput>& ms) {
  // Keep membership rows whose unit stays (sessions point at them); drop the others.
  auto existing = memberships_of(c, user_id);
  std::map<long long, long long> by_unit;
  for (auto& m : existing) by_unit[m.unit_id] = m.id;
  std::vector<long long> keep;
  long long now = db::now_ms();
  int sort = 0;
  for (auto& in : ms) {
    long long mid;
    auto it = by_unit.find(in.unit_id);
    if (it != by_unit.end()) {
      mid = it->second;
      Query u("UPDATE memberships SET post = ");
      u << u.bind(in.post) << ", sort = " << u.bind((long long)sort) << " WHERE id = " << u.bind(mid);
      c.exec(u);
      Query d("DELETE FROM membership_roles WHERE membership_id = ");
      d << d.bind(mid);
      c.exec(d);
    } else {
      Query i("INSERT INTO memberships (user_id, unit_id, post, sort, created_at) VALUES (");
      i << i.bind(user_id) << ", " << i.bind(in.unit_id) << ", " << i.bind(in.post) << ", " << i.bind((long long)sort) << ", " << i.bind(now) << ") RETURNING id";
      mid = c.scalar(i);
    }
    ++sort;
    keep.push_back(mid);
    for (auto rid : in.role_ids) {
      Query r("INSERT INTO membership_roles (membership_id, role_id) VALUES (");
      r << r.bind(mid) << ", " << r.bind(rid) << ")";
      c.exec(r);
    }
  }
  for (auto& m : existing) {
    if (std::find(keep.begin(), keep.end(), m.id) != keep.end()) continue;
    Query s("DELETE FROM sessions WHERE membership_id = ");
    s << s.bind(m.id);
    c.exec(s);
    Query d("DELETE FROM membership_roles WHERE membership_id = ");
    d << d.bind(m.id);
    c.exec(d);
    Query dm("DELETE FROM memberships WHERE id = ");
    dm << dm.bind(m.id);
    c.exec(dm);
  }
}

std::vector<Membership> memberships_of(db::Conn& c, long long user_id) {
  std::vector<User> v(1);
  v[0].id = user_id;
  fill_memberships(c, v);
  return v[0].memberships;
}

int max_role_level_of_user(db::Conn& c, long long user_id) {
  Query q("SELECT MAX(r.level) FROM memberships m JOIN membership_roles mr ON mr.membership_id = m.id JOIN roles r ON r.id = mr.role_id WHERE m.user_id = ");
  q << q.bind(user_id);
  return (int)c.scalar(q);
}

std::vector<long long> member_units(db::Conn& c, long long user_id) {
  Query q("SELECT unit_id FROM memberships WHERE user_id = ");
  q << q.bind(user_id);
  std::vector<long long> out;
  for (auto& r : c.rows(q)) out.push_back(r.i64(0));
  return out;
}

// ---------- roles ----------
namespace {
void fill_role_details(db::Conn& c, std::vector<Role>& roles) {
  for (auto& r : roles) {
    Query p("SELECT perm_code, scope FROM role_permissions WHERE role_id = ");
    p << p.bind(r.id) << " ORDER BY perm_code";
    for (auto& row : c.rows(p)) r.permissions.push_back({row.str(0), row.str(1)});
    Query u("SELECT unit_id FROM role_custom_units WHERE role_id = ");
    u << u.bind(r.id) << " ORDER BY unit_id";
    for (auto& row : c.rows(u)) r.custom_unit_ids.push_back(row.i64(0));
  }
}
const char* kRoleCols = "SELECT id, role_key, name, level, category, builtin, description FROM roles";
Role role_from(const db::Row& r) {
  Role x;
  x.id = r.i64(0); x.key = r.str(1); x.name = r.str(2); x.level = (int)r.i64(3); x.category = r.str(4); x.builtin = r.flag(5); x.description = r.str(6);
  return x;
}

void write_role_details(db::Conn& c, const Role& r) {
  Query d1("DELETE FROM role_permissions WHERE role_id = ");
  d1 << d1.bind(r.id);
  c.exec(d1);
  Query d2("DELETE FROM role_custom_units WHERE role_id = ");
  d2 << d2.bind(r.id);
  c.exec(d2);
  for (auto& g : r.permissions) {
    Query i("INSERT INTO role_permissions (role_id, perm_code, scope) VALUES (");
    i << i.bind(r.id) << ", " << i.bind(g.code) << ", " << i.bind(g.scope) << ")";
    c.exec(i);
  }
  for (auto u : r.custom_unit_ids) {
    Query i("INSERT INTO role_custom_units (role_id, unit_id) VALUES (");
    i << i.bind(r.id) << ", " << i.bind(u) << ")";
    c.exec(i);
  }
}
}  // namespace

std::vector<Role> list_roles(db::Conn& c) {
  std::vector<Role> out;
  for (auto& r : c.rows(Query(std::string(kRoleCols) + " ORDER BY level DESC, id"))) out.push_back(role_from(r));
  fill_role_details(c, out);
  return out;
}

std::optional<Role> find_role(db::Conn& c, long long id) {
  Query q(std::string(kRoleCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<Role> v{role_from(*r)};
  fill_role_details(c, v);
  return v[0];
}

std::optional<Role> find_role_by_key(db::Conn& c, const std::string& key) {
  Query q(std::string(kRoleCols) + " WHERE role_key = ");
  q << q.bind(key);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<Role> v{role_from(*r)};
  fill_role_details(c, v);
  return v[0];
}

long long insert_role(db::Conn& c, const Role& r) {
  long long now = db::now_ms();
  Query q("INSERT INTO roles (role_key, name, level, category, builtin, description, created_at, updated_at) VALUES (");
  q << q.bind(r.key) << ", " << q.bind(r.name) << ", " << q.bind((long long)r.level) << ", " << q.bind(r.category) << ", "
    << q.bind((long long)r.builtin) << ", " << q.bind(r.description) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  Role copy = r;
  copy.id = c.scalar(q);
  write_role_details(c, copy);
  return copy.id;
}

void update_role(db::Conn& c, const Role& r) {
  Query q("UPDATE roles SET name = ");
  q << q.bind(r.name) << ", level = " << q.bind((long long)r.level) << ", description = " << q.bind(r.description)
    << ", updated_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(r.id);
  c.exec(q);
  write_role_details(c, r);
}

void delete_role(db::Conn& c, long long id) {
  Role r;
  r.id = id;
  write_role_details(c, r);
  Query q("DELETE FROM roles WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}

std::vector<long long> user_ids_matching(db::Conn& c, const std::string& keyword, int limit) {
  auto k = db::like_contains(keyword);
  Query q("SELECT id FROM users WHERE lower(username) LIKE lower(");
  q << q.bind(k) << ") ESCAPE '\\' OR display_name LIKE " << q.bind(k) << " ESCAPE '\\' ORDER BY id LIMIT " << q.bind((long long)limit);
  std::vector<long long> out;
  for (auto& r : c.rows(q)) out.push_back(r.i64(0));
  return out;
}


std::map<std::string, std::string> user_names(db::Conn& c, const std::vector<long long>& ids) {
  return audit::names_by_id(c, "SELECT id, display_name || '（' || username || '）' FROM users WHERE id", ids);
}
std::map<std::string, std::string> role_names(db::Conn& c, const std::vector<long long>& ids) {
  return audit::names_by_id(c, "SELECT id, name FROM roles WHERE id", ids);
}
std::map<std::string, std::string> unit_names(db::Conn& c, const std::vector<long long>& ids) {
  return audit::names_by_id(c, "SELECT id, name FROM units WHERE id", ids);
}
std::map<std::string, std::string> membership_names(db::Conn& c, const std::vector<long long>& ids) {
  return audit::names_by_id(c, "SELECT m.id, u.name || CASE WHEN m.post <> '' THEN ' · ' || m.post ELSE '' END FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.id", ids);
}

std::vector<std::string> permission_codes_of_membership(db::Conn& c, long long membership_id) {
  Query q("SELECT DISTINCT rp.perm_code FROM membership_roles mr JOIN role_permissions rp ON rp.role_id = mr.role_id WHERE mr.membership_id = ");
  q << q.bind(membership_id) << " ORDER BY rp.perm_code";
  std::vector<std::string> out;
  for (auto& r : c.rows(q)) out.push_back(r.str(0));
  return out;
}

long long count_role_members(db::Conn& c, long long id) {
  Query q("SELECT COUNT(*) FROM membership_roles WHERE role_id = ");
  q << q.bind(id);
  return c.scalar(q);
}

std::vector<std::pair<long long, std::vector<std::string>>> holders_and_their_other_codes(db::Conn& c, long long role_id) {
  Query q(
      "SELECT m.user_id, rp.perm_code FROM memberships m JOIN membership_roles mr ON mr.membership_id = m.id "
      "JOIN role_permissions rp ON rp.role_id = mr.role_id WHERE m.user_id IN (SELECT m2.user_id FROM memberships m2 "
      "JOIN membership_roles mr2 ON mr2.membership_id = m2.id WHERE mr2.role_id = ");
  q << q.bind(role_id) << ") AND mr.role_id <> " << q.bind(role_id) << " ORDER BY m.user_id";
  std::vector<std::pair<long long, std::vector<std::string>>> out;
  for (auto& r : c.rows(q)) {
    if (out.empty() || out.back().first != r.i64(0)) out.push_back({r.i64(0), {}});
    out.back().second.push_back(r.str(1));
  }
  return out;
}

void delete_sessions_of(db::Conn& c, long long user_id) {
  Query s("DELETE FROM sessions WHERE user_id = ");
  s << s.bind(user_id);
  c.exec(s);
}

bool builtin_grant_applied(db::Conn& c, const std::string& role_key, const std::string& perm) {
  Query q("SELECT COUNT(*) FROM builtin_grants_applied WHERE role_key = ");
  q << q.bind(role_key) << " AND perm_code = " << q.bind(perm);
  return c.scalar(q) > 0;
}

void grant_if_missing(db::Conn& c, long long role_id, const std::string& perm, const std::string& scope) {
  Query has("SELECT COUNT(*) FROM role_permissions WHERE role_id = ");
  has << has.bind(role_id) << " AND perm_code = " << has.bind(perm);
  if (c.scalar(has) > 0) return;
  Query ins("INSERT INTO role_permissions (role_id, perm_code, scope) VALUES (");
  ins << ins.bind(role_id) << ", " << ins.bind(perm) << ", " << ins.bind(scope) << ")";
  c.exec(ins);
}

void mark_builtin_grant_applied(db::Conn& c, const std::string& role_key, const std::string& perm) {
  Query rec("INSERT INTO builtin_grants_applied (role_key, perm_code, applied_at) VALUES (");
  rec << rec.bind(role_key) << ", " << rec.bind(perm) << ", " << rec.bind(db::now_ms()) << ")";
  c.exec(rec);
}
}  // namespace xt::org::repo
