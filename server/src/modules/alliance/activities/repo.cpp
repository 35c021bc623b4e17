#include "modules/alliance/activities/repo.hpp"

#include <boost/json.hpp>

namespace xt::alliance::activity_repo {
using db::Query;
namespace bj = boost::json;

namespace {
constexpr const char* kColumns =
    "a.id, a.type_id, a.organiser_unit_id, a.organiser_district_id, a.title, a.held_on, a.ends_on, a.sessions, a.place, a.audience, "
    "a.reached_students, a.reached_parents, a.reached_teachers, a.reached_others, a.description, a.state, a.created_by, a.created_at, "
    "a.updated_at, a.version";

std::string audience_json(const std::vector<std::string>& v) {
  bj::array a;
  for (auto& s : v) a.emplace_back(s);
  return bj::serialize(a);
}

Activity from_row(const db::Row& r) {
  Activity a;
  a.id = r.i64(0);
  a.type_id = r.i64(1);
  a.organiser_unit_id = r.i64(2);
  a.organiser_district_id = r.i64(3);
  a.title = r.str(4);
  a.held_on = r.str(5);
  a.ends_on = r.str(6);
  a.sessions = (int)r.i64(7);
  a.place = r.str(8);
  try {
    auto v = bj::parse(r.str(9));  // kept: a range-for over a temporary's array dangles
    for (auto& x : v.as_array()) a.audience.emplace_back(x.as_string());
  } catch (...) {
  }
  a.reached = {r.i64(10), r.i64(11), r.i64(12), r.i64(13)};
  a.description = r.str(14);
  a.state = r.str(15);
  a.created_by = r.opt_i64(16);
  a.created_at = r.i64(17);
  a.updated_at = r.i64(18);
  a.version = (int)r.i64(19);
  return a;
}

bool sees_all(const access::Principal& p, const std::string& perm) {
  auto it = p.grants.find(perm);
  if (it == p.grants.end()) return false;
  for (auto& g : it->second)
    if (g.kind == "all") return true;
  return false;
}

// Activities a unit organised or takes part in, as an IN list both indexes answer.
void of_unit(Query& q, long long unit) {
  q << "a.id IN (SELECT id FROM alliance_activities WHERE organiser_unit_id = " << q.bind(unit)
    << " UNION SELECT activity_id FROM alliance_activity_partners WHERE unit_id = " << q.bind(unit) << ")";
}

// "FROM <the activities a unit organised or takes part in> JOIN alliance_activities a": the
// small set drives, each row found by its key, whatever the planner knows of the table.
void from_unit(Query& q, long long unit) {
  q << " FROM (SELECT id FROM alliance_activities WHERE organiser_unit_id = " << q.bind(unit)
    << " UNION SELECT activity_id FROM alliance_activity_partners WHERE unit_id = " << q.bind(unit)
    << ") mine JOIN alliance_activities a ON a.id = mine.id";
}

// " FROM … WHERE …" of the activities the principal sees: everything (city staff); else what
// its unit organised or takes part in, and what is organised in its scope or has a partner
// there. The seen set is a UNION each part of which uses its index (an OR would scan every
// activity); as an IN list, the planner may walk the newest activities and stop at a page's
// worth when the set is large, or start from the set when it is small.
void filter(Query& q, const access::Principal& p, const std::string& perm, const ActivityFilter& f) {
  if (sees_all(p, perm)) {
    q << " FROM alliance_activities a WHERE 1=1";
  } else {
    q << " FROM alliance_activities a WHERE a.id IN (SELECT id FROM alliance_activities WHERE organiser_unit_id = " << q.bind(p.unit_id)
      << " UNION SELECT activity_id FROM alliance_activity_partners WHERE unit_id = " << q.bind(p.unit_id)
      << " UNION SELECT o.id FROM alliance_activities o WHERE ";
    access::scope_filter(q, p, perm, {"o.organiser_unit_id", "o.created_by"});
    q << " UNION SELECT x.activity_id FROM alliance_activity_partners x WHERE ";
    access::scope_filter(q, p, perm, {"x.unit_id", ""});
    q << ")";
  }
  if (f.type_code) q << " AND a.type_id IN (SELECT id FROM alliance_activity_types WHERE code = " << q.bind(*f.type_code) << ")";
  if (f.measure)
    q << " AND a.type_id IN (SELECT type_id FROM alliance_activity_type_measures WHERE measure_code = " << q.bind(*f.measure) << ")";
  if (f.state) q << " AND a.state = " << q.bind(*f.state);
  if (f.from) q << " AND a.held_on >= " << q.bind(*f.from);
  if (f.to) q << " AND a.held_on <= " << q.bind(*f.to);
  if (f.keyword) q << " AND (a.title LIKE " << q.bind(db::like_contains(*f.keyword)) << " ESCAPE '\\' OR a.place LIKE " << q.bind(db::like_contains(*f.keyword)) << " ESCAPE '\\')";
  if (f.unit) {
    q << " AND ";
    of_unit(q, *f.unit);
  }
  if (f.awaiting_me)
    q << " AND EXISTS (SELECT 1 FROM alliance_activity_partners z WHERE z.activity_id = a.id AND z.unit_id = " << q.bind(p.unit_id)
      << " AND z.confirmed_at IS NULL) AND a.state <> 'cancelled'";
}
}  // namespace

std::vector<ActivityType> types(db::Conn& c) {
  std::vector<ActivityType> out;
  std::map<long long, size_t> at;
  for (auto& r : c.rows(Query("SELECT id, code, name, hint, open_day, status, sort FROM alliance_activity_types ORDER BY sort, id"))) {
    ActivityType t;
    t.id = r.i64(0);
    t.code = r.str(1);
    t.name = r.str(2);
    t.hint = r.str(3);
    t.open_day = r.flag(4);
    t.status = r.str(5);
    t.sort = (int)r.i64(6);
    at[t.id] = out.size();
    out.push_back(std::move(t));
  }
  for (auto& r : c.rows(Query("SELECT type_id, measure_code FROM alliance_activity_type_measures ORDER BY measure_code"))) {
    auto it = at.find(r.i64(0));
    if (it != at.end()) out[it->second].measures.push_back((int)r.i64(1));
  }
  return out;
}

std::optional<ActivityType> type_by_code(db::Conn& c, const std::string& code) {
  for (auto& t : types(c))
    if (t.code == code) return t;
  return std::nullopt;
}

std::optional<Activity> find(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kColumns << " FROM alliance_activities a WHERE a.id = " << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  auto a = from_row(*r);
  Query d("SELECT held_on FROM alliance_activity_dates WHERE activity_id = ");
  d << d.bind(id) << " ORDER BY held_on";
  for (auto& x : c.rows(d)) a.dates.push_back(x.str(0));
  return a;
}

std::vector<Partner> partners(db::Conn& c, long long id) { return partners_of(c, {id})[id]; }

std::map<long long, std::vector<Partner>> partners_of(db::Conn& c, const std::vector<long long>& ids) {
  std::map<long long, std::vector<Partner>> out;
  if (ids.empty()) return out;
  Query q("SELECT activity_id, unit_id, district_id, confirmed_at, confirmed_by FROM alliance_activity_partners WHERE activity_id IN (");
  q << q.bind_list(ids) << ") ORDER BY activity_id, unit_id";
  for (auto& r : c.rows(q)) out[r.i64(0)].push_back({r.i64(1), r.i64(2), r.opt_i64(3), r.opt_i64(4), ""});
  return out;
}

std::map<std::string, std::string> titles(db::Conn& c, const std::vector<long long>& ids) {
  Query q("SELECT id, title FROM alliance_activities WHERE id IN (");
  q << q.bind_list(ids) << ")";
  std::map<std::string, std::string> out;
  for (auto& r : c.rows(q)) out[std::to_string(r.i64(0))] = r.str(1);
  return out;
}

long long insert(db::Conn& c, const Activity& a) {
  Query q("INSERT INTO alliance_activities (type_id, organiser_unit_id, organiser_district_id, title, held_on, ends_on, sessions, place, audience, "
          "reached_students, reached_parents, reached_teachers, reached_others, description, state, created_by, created_at, updated_at) VALUES (");
  q << q.bind(a.type_id) << ", " << q.bind(a.organiser_unit_id) << ", " << q.bind(a.organiser_district_id) << ", " << q.bind(a.title) << ", "
    << q.bind(a.held_on) << ", " << q.bind(a.ends_on) << ", " << q.bind((long long)a.sessions) << ", " << q.bind(a.place) << ", "
    << q.bind(audience_json(a.audience)) << ", " << q.bind(a.reached.students) << ", " << q.bind(a.reached.parents) << ", "
    << q.bind(a.reached.teachers) << ", " << q.bind(a.reached.others) << ", " << q.bind(a.description) << ", " << q.bind(a.state) << ", "
    << q.bind(a.created_by) << ", " << q.bind(a.created_at) << ", " << q.bind(a.updated_at) << ") RETURNING id";
  return c.scalar(q);
}

bool update(db::Conn& c, long long id, int version, const Activity& a) {
  Query q("UPDATE alliance_activities SET type_id = ");
  q << q.bind(a.type_id) << ", title = " << q.bind(a.title) << ", held_on = " << q.bind(a.held_on) << ", ends_on = " << q.bind(a.ends_on)
    << ", sessions = " << q.bind((long long)a.sessions) << ", place = " << q.bind(a.place) << ", audience = " << q.bind(audience_json(a.audience))
    << ", reached_students = " << q.bind(a.reached.students) << ", reached_parents = " << q.bind(a.reached.parents)
    << ", reached_teachers = " << q.bind(a.reached.teachers) << ", reached_others = " << q.bind(a.reached.others)
    << ", description = " << q.bind(a.description) << ", state = " << q.bind(a.state) << ", updated_at = " << q.bind(a.updated_at)
    << ", version = version + 1 WHERE id = " << q.bind(id) << " AND version = " << q.bind(version);
  return c.exec(q) == 1;
}

void replace_dates(db::Conn& c, long long id, const std::vector<std::string>& dates) {
  Query del("DELETE FROM alliance_activity_dates WHERE activity_id = ");
  del << del.bind(id);
  c.exec(del);
  insert_dates(c, id, dates);
}

void insert_dates(db::Conn& c, long long id, const std::vector<std::string>& dates) {
  for (auto& d : dates) {
    Query q("INSERT INTO alliance_activity_dates (activity_id, held_on) VALUES (");
    q << q.bind(id) << ", " << q.bind(d) << ")";
    c.exec(q);
  }
}

void insert_partners(db::Conn& c, long long id, const std::vector<Partner>& ps) {
  for (auto& p : ps) {
    Query q("INSERT INTO alliance_activity_partners (activity_id, unit_id, district_id) VALUES (");
    q << q.bind(id) << ", " << q.bind(p.unit_id) << ", " << q.bind(p.district_id) << ")";
    c.exec(q);
  }
}

void replace_partners(db::Conn& c, long long id, const std::vector<Partner>& ps) {
  std::vector<long long> keep;
  for (auto& p : ps) keep.push_back(p.unit_id);
  Query del("DELETE FROM alliance_activity_partners WHERE activity_id = ");
  del << del.bind(id);
  if (!keep.empty()) del << " AND unit_id NOT IN (" << del.bind_list(keep) << ")";
  c.exec(del);
  for (auto& p : ps) {
    Query q("INSERT INTO alliance_activity_partners (activity_id, unit_id, district_id) VALUES (");
    q << q.bind(id) << ", " << q.bind(p.unit_id) << ", " << q.bind(p.district_id) << ") ON CONFLICT (activity_id, unit_id) DO NOTHING";
    c.exec(q);
  }
}

bool confirm(db::Conn& c, long long id, long long unit_id, long long user_id, long long now) {
  Query q("UPDATE alliance_activity_partners SET confirmed_at = ");
  q << q.bind(now) << ", confirmed_by = " << q.bind(user_id) << " WHERE activity_id = " << q.bind(id) << " AND unit_id = " << q.bind(unit_id)
    << " AND confirmed_at IS NULL";
  return c.exec(q) == 1;
}

void roll(db::Conn& c, const std::string& month, long long type_id, const std::vector<long long>& keys, int sign, long long reached) {
  for (auto key : keys) add_rollup(c, month, key, type_id, sign, sign * reached);
}

void add_rollup(db::Conn& c, const std::string& month, long long key, long long type_id, long long activities, long long reached) {
  Query q("INSERT INTO alliance_activity_rollup (month, district_id, type_id, activities, reached) VALUES (");
  q << q.bind(month) << ", " << q.bind(key) << ", " << q.bind(type_id) << ", " << q.bind(activities) << ", " << q.bind(reached)
    << ") ON CONFLICT (month, district_id, type_id) DO UPDATE SET activities = alliance_activity_rollup.activities + excluded.activities, "
       "reached = alliance_activity_rollup.reached + excluded.reached";
  c.exec(q);
}

void rebuild_rollup(db::Conn& c) {
  c.exec(Query("DELETE FROM alliance_activity_rollup"));
  const char* reached = "a.reached_students + a.reached_parents + a.reached_teachers + a.reached_others";
  // the whole city: each completed activity once
  c.exec(Query(std::string("INSERT INTO alliance_activity_rollup (month, district_id, type_id, activities, reached) SELECT substr(a.held_on, 1, 7), 0, "
                           "a.type_id, COUNT(*), SUM(") + reached + ") FROM alliance_activities a WHERE a.state = 'done' GROUP BY substr(a.held_on, 1, 7), a.type_id"));
  // each district taking part once
  c.exec(Query(std::string("INSERT INTO alliance_activity_rollup (month, district_id, type_id, activities, reached) SELECT substr(a.held_on, 1, 7), k.d, "
                           "a.type_id, COUNT(*), SUM(") + reached + ") FROM alliance_activities a JOIN (SELECT id AS aid, organiser_district_id AS d FROM "
               "alliance_activities WHERE organiser_district_id <> 0 UNION SELECT activity_id, district_id FROM alliance_activity_partners WHERE "
               "district_id <> 0) k ON k.aid = a.id WHERE a.state = 'done' GROUP BY substr(a.held_on, 1, 7), k.d, a.type_id"));
  // directly under the city when no district takes part
  c.exec(Query(std::string("INSERT INTO alliance_activity_rollup (month, district_id, type_id, activities, reached) SELECT substr(a.held_on, 1, 7), -1, "
                           "a.type_id, COUNT(*), SUM(") + reached + ") FROM alliance_activities a WHERE a.state = 'done' AND a.organiser_district_id = 0 AND "
               "NOT EXISTS (SELECT 1 FROM alliance_activity_partners p WHERE p.activity_id = a.id AND p.district_id <> 0) GROUP BY substr(a.held_on, 1, 7), a.type_id"));
}

std::vector<RollupRow> rollup(db::Conn& c, std::optional<long long> key) {
  Query q("SELECT month, district_id, type_id, activities, reached FROM alliance_activity_rollup WHERE activities <> 0");
  if (key && *key >= -1) q << " AND district_id = " << q.bind(*key);
  else if (key) q << " AND district_id <> 0";
  std::vector<RollupRow> out;
  for (auto& r : c.rows(q)) out.push_back({r.str(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4)});
  return out;
}

Page list(db::Conn& c, const access::Principal& p, const std::string& perm, const ActivityFilter& f, int page, int size) {
  Page out;
  Query count("SELECT COUNT(*)");
  filter(count, p, perm, f);
  out.total = c.scalar(count);
  Query q("SELECT ");
  q << kColumns;
  filter(q, p, perm, f);
  q << " ORDER BY a.held_on DESC, a.id DESC LIMIT " << q.bind(size) << " OFFSET " << q.bind((long long)(page - 1) * size);
  for (auto& r : c.rows(q)) out.items.push_back(from_row(r));
  return out;
}

std::vector<std::string> open_day_dates(db::Conn& c, long long unit_id, const std::string& from, const std::string& to) {
  Query q("SELECT a.held_on");
  from_unit(q, unit_id);
  q << " WHERE a.state = 'done' AND a.held_on >= " << q.bind(from) << " AND a.held_on <= " << q.bind(to)
    << " AND a.type_id IN (SELECT id FROM alliance_activity_types WHERE open_day = 1) ORDER BY a.held_on";
  std::vector<std::string> out;
  for (auto& r : c.rows(q)) out.push_back(r.str(0));
  return out;
}

std::map<long long, long long> done_by_type(db::Conn& c, long long unit_id) {
  Query q("SELECT a.type_id, COUNT(*)");
  from_unit(q, unit_id);
  q << " WHERE a.state = 'done' GROUP BY a.type_id";
  std::map<long long, long long> out;
  for (auto& r : c.rows(q)) out[r.i64(0)] = r.i64(1);
  return out;
}
}  // namespace xt::alliance::activity_repo
