#include "modules/alliance/alliances/repo.hpp"

namespace xt::alliance::repo {
using db::Query;

namespace {
constexpr const char* kColumns =
    "a.id, a.level, a.anchor_unit_id, a.name, a.founded_on, a.status, a.note, a.created_by, a.created_at, a.updated_at, a.version";

Alliance from_row(const db::Row& r) {
  Alliance a;
  a.id = r.i64(0);
  a.level = r.str(1);
  a.anchor_unit_id = r.i64(2);
  a.name = r.str(3);
  a.founded_on = r.opt_str(4);
  a.status = r.str(5);
  a.note = r.str(6);
  a.created_by = r.opt_i64(7);
  a.created_at = r.i64(8);
  a.updated_at = r.i64(9);
  a.version = (int)r.i64(10);
  return a;
}

void filter(Query& q, const access::Principal& p, const std::string& perm, const AllianceFilter& f) {
  q << " WHERE (";
  access::scope_filter(q, p, perm, {"a.anchor_unit_id", "a.created_by"});
  q << " OR EXISTS (SELECT 1 FROM alliance_members m WHERE m.alliance_id = a.id AND m.unit_id = " << q.bind(p.unit_id) << "))";
  if (f.level) q << " AND a.level = " << q.bind(*f.level);
  if (f.status) q << " AND a.status = " << q.bind(*f.status);
  if (f.keyword) q << " AND a.name LIKE " << q.bind(db::like_contains(*f.keyword)) << " ESCAPE '\\'";
}
}  // namespace

std::optional<Alliance> find(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kColumns << " FROM alliances a WHERE a.id = " << q.bind(id);
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

std::vector<Member> members(db::Conn& c, long long id) {
  Query q("SELECT unit_id, role, contact_name, contact_phone, contribution FROM alliance_members WHERE alliance_id = ");
  q << q.bind(id) << " ORDER BY CASE WHEN role = 'lead' THEN 0 ELSE 1 END, sort, unit_id";
  std::vector<Member> out;
  for (auto& r : c.rows(q)) out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), ""});
  return out;
}

std::vector<StatusChange> history(db::Conn& c, long long id) {
  Query q("SELECT status, effective_on, note, changed_by, changed_at FROM alliance_status_history WHERE alliance_id = ");
  q << q.bind(id) << " ORDER BY id";
  std::vector<StatusChange> out;
  for (auto& r : c.rows(q)) out.push_back({r.str(0), r.str(1), r.str(2), r.opt_i64(3), r.i64(4)});
  return out;
}

std::optional<long long> active_for(db::Conn& c, long long anchor, const std::string& level) {
  Query q("SELECT id FROM alliances WHERE anchor_unit_id = ");
  q << q.bind(anchor) << " AND level = " << q.bind(level) << " AND status <> 'dissolved'";
  if (auto r = c.row(q)) return r->i64(0);
  return std::nullopt;
}

bool is_member(db::Conn& c, long long alliance_id, long long unit_id) {
  Query q("SELECT COUNT(*) FROM alliance_members WHERE alliance_id = ");
  q << q.bind(alliance_id) << " AND unit_id = " << q.bind(unit_id);
  return c.scalar(q) > 0;
}

std::map<std::string, std::string> names(db::Conn& c, const std::vector<long long>& ids) {
  Query q("SELECT id, name FROM alliances WHERE id IN (");
  q << q.bind_list(ids) << ")";
  std::map<std::string, std::string> out;
  for (auto& r : c.rows(q)) out[std::to_string(r.i64(0))] = r.str(1);
  return out;
}

long long insert(db::Conn& c, const Alliance& a) {
  Query q("INSERT INTO alliances (level, anchor_unit_id, name, founded_on, status, note, created_by, created_at, updated_at) VALUES (");
  q << q.bind(a.level) << ", " << q.bind(a.anchor_unit_id) << ", " << q.bind(a.name) << ", " << q.bind(a.founded_on) << ", "
    << q.bind(a.status) << ", " << q.bind(a.note) << ", " << q.bind(a.created_by) << ", " << q.bind(a.created_at) << ", "
    << q.bind(a.updated_at) << ") RETURNING id";
  return c.scalar(q);
}

bool update(db::Conn& c, long long id, int version, const AllianceInput& in, long long now) {
  Query q("UPDATE alliances SET name = ");
  q << q.bind(in.name) << ", founded_on = " << q.bind(in.founded_on) << ", note = " << q.bind(in.note) << ", updated_at = " << q.bind(now)
    << ", version = version + 1 WHERE id = " << q.bind(id) << " AND version = " << q.bind(version);
  return c.exec(q) == 1;
}

void set_founded_on(db::Conn& c, long long id, const std::string& date) {
  Query q("UPDATE alliances SET founded_on = ");
  q << q.bind(date) << " WHERE id = " << q.bind(id);
  c.exec(q);
}

bool set_status(db::Conn& c, long long id, const std::string& from, const std::string& to, long long now) {
  Query q("UPDATE alliances SET status = ");
  q << q.bind(to) << ", updated_at = " << q.bind(now) << ", version = version + 1 WHERE id = " << q.bind(id) << " AND status = " << q.bind(from);
  return c.exec(q) == 1;
}

void replace_members(db::Conn& c, long long id, const std::vector<Member>& ms) {
  Query del("DELETE FROM alliance_members WHERE alliance_id = ");
  del << del.bind(id);
  c.exec(del);
  int sort = 0;
  for (auto& m : ms) {
    Query q("INSERT INTO alliance_members (alliance_id, unit_id, role, contact_name, contact_phone, contribution, sort) VALUES (");
    q << q.bind(id) << ", " << q.bind(m.unit_id) << ", " << q.bind(m.role) << ", " << q.bind(m.contact_name) << ", " << q.bind(m.contact_phone)
      << ", " << q.bind(m.contribution) << ", " << q.bind(sort++) << ")";
    c.exec(q);
  }
}

void add_history(db::Conn& c, long long id, const StatusChange& s) {
  Query q("INSERT INTO alliance_status_history (alliance_id, status, effective_on, note, changed_by, changed_at) VALUES (");
  q << q.bind(id) << ", " << q.bind(s.status) << ", " << q.bind(s.effective_on) << ", " << q.bind(s.note) << ", " << q.bind(s.changed_by)
    << ", " << q.bind(s.changed_at) << ")";
  c.exec(q);
}

Page list(db::Conn& c, const access::Principal& p, const std::string& perm, const AllianceFilter& f, int page, int size) {
  Page out;
  Query count("SELECT COUNT(*) FROM alliances a");
  filter(count, p, perm, f);
  out.total = c.scalar(count);
  Query q("SELECT ");
  q << kColumns << " FROM alliances a";
  filter(q, p, perm, f);
  q << " ORDER BY a.id DESC LIMIT " << q.bind(size) << " OFFSET " << q.bind((long long)(page - 1) * size);
  for (auto& r : c.rows(q)) out.items.push_back(from_row(r));
  return out;
}

std::vector<std::pair<long long, long long>> member_counts(db::Conn& c, const std::vector<long long>& ids) {
  Query q("SELECT alliance_id, COUNT(*) FROM alliance_members WHERE alliance_id IN (");
  q << q.bind_list(ids) << ") GROUP BY alliance_id";
  std::vector<std::pair<long long, long long>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.i64(1));
  return out;
}
}  // namespace xt::alliance::repo
