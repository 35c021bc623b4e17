#include "modules/venues/repo.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/db/versioned_cache.hpp"

namespace xt::venues::repo {
using db::Query;
namespace bj = boost::json;

long long to_e7(double deg) { return std::llround(deg * 1e7); }
double from_e7(long long v) { return (double)v / 1e7; }

namespace {
std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}
std::string safety_json(const Safety& s) {
  bj::object o{{"water_depth", s.water_depth}, {"surface", s.surface}, {"tips", s.tips}};
  if (s.lit) o["lit"] = *s.lit;
  if (s.coach_on_duty) o["coach_on_duty"] = *s.coach_on_duty;
  if (s.lifeguard_on_duty) o["lifeguard_on_duty"] = *s.lifeguard_on_duty;
  return bj::serialize(o);
}
Safety safety_from(const std::string& json) {
  Safety s;
  auto v = bj::parse(json.empty() ? "{}" : json);
  auto& o = v.as_object();
  auto str = [&](const char* k) { auto* p = o.if_contains(k); return p && p->is_string() ? std::string(p->as_string()) : std::string(); };
  auto flag = [&](const char* k) -> std::optional<bool> { auto* p = o.if_contains(k); if (p && p->is_bool()) return p->as_bool(); return std::nullopt; };
  s.water_depth = str("water_depth"); s.surface = str("surface"); s.tips = str("tips");
  s.lit = flag("lit"); s.coach_on_duty = flag("coach_on_duty"); s.lifeguard_on_duty = flag("lifeguard_on_duty");
  return s;
}

const char* kCols =
    "SELECT v.id, v.name, v.kind, v.address, v.lon_e7, v.lat_e7, v.source_crs, v.district_id, v.manager_unit_id, v.supervisor_unit_id, "
    "v.manager_name, v.sports, v.facilities, v.hours_pupil, v.hours_guardian, v.hours_group, v.hours_note, v.fee, v.free_for_students, "
    "v.min_age, v.max_age, v.booking, v.safety, v.phone, v.description, v.source, v.external_ref, v.verified_on, v.status, v.version, "
    "v.rev, v.creator_id, v.created_at, v.changed_at FROM venues v";
Venue venue_from(const db::Row& r) {
  Venue v;
  v.id = r.i64(0); v.name = r.str(1); v.kind = r.str(2); v.address = r.str(3);
  v.lon = from_e7(r.i64(4)); v.lat = from_e7(r.i64(5)); v.source_crs = r.str(6);
  v.district_id = r.opt_i64(7); v.manager_unit_id = r.opt_i64(8); v.supervisor_unit_id = r.opt_i64(9);
  v.manager_name = r.str(10); v.sports = split_codes(r.str(11)); v.facilities = split_codes(r.str(12));
  for (int i = 0; i < 3; ++i) v.hours[i] = r.opt_str(13 + i);
  v.hours_note = r.str(16); v.fee = r.str(17); v.free_for_students = r.flag(18);
  if (auto a = r.opt_i64(19)) v.min_age = (int)*a;
  if (auto a = r.opt_i64(20)) v.max_age = (int)*a;
  v.booking = r.str(21); v.safety = safety_from(r.str(22)); v.phone = r.str(23); v.description = r.str(24);
  v.source = r.str(25); v.external_ref = r.str(26); v.verified_on = r.opt_str(27); v.status = r.str(28);
  v.version = r.i64(29); v.rev = r.i64(30); v.creator_id = r.opt_i64(31).value_or(0); v.created_at = r.i64(32); v.changed_at = r.i64(33);
  return v;
}
std::optional<long long> opt_int(const std::optional<int>& v) { return v ? std::optional<long long>(*v) : std::nullopt; }

long long next_rev(db::Conn& c) {
  db::bump_version(c, "venues");
  return db::data_version(c, "venues");
}

void bind_fields(Query& q, const Venue& v) {
  q << q.bind(v.name) << ", " << q.bind(v.kind) << ", " << q.bind(v.address) << ", " << q.bind(to_e7(v.lon)) << ", " << q.bind(to_e7(v.lat)) << ", "
    << q.bind(v.source_crs) << ", " << q.bind(v.district_id) << ", " << q.bind(v.manager_unit_id) << ", " << q.bind(v.supervisor_unit_id) << ", "
    << q.bind(v.manager_name) << ", " << q.bind(join(v.sports)) << ", " << q.bind(join(v.facilities)) << ", " << q.bind(v.hours[0]) << ", "
    << q.bind(v.hours[1]) << ", " << q.bind(v.hours[2]) << ", " << q.bind(v.hours_note) << ", " << q.bind(v.fee) << ", "
    << q.bind((long long)v.free_for_students) << ", " << q.bind(opt_int(v.min_age)) << ", " << q.bind(opt_int(v.max_age)) << ", "
    << q.bind(v.booking) << ", " << q.bind(safety_json(v.safety)) << ", " << q.bind(v.phone) << ", " << q.bind(v.description) << ", "
    << q.bind(v.source) << ", " << q.bind(v.external_ref) << ", " << q.bind(v.verified_on);
}

void scope(Query& q, const access::Principal& p, const std::string& perm) {
  access::Columns cols{"v.manager_unit_id", "v.creator_id", "v.id", {{"district", "v.district_id"}, {"supervisor", "v.supervisor_unit_id"}}};
  access::scope_filter(q, p, perm, cols);
}
}  // namespace

long long insert_venue(db::Conn& c, const Venue& v) {
  long long now = db::now_ms(), rev = next_rev(c);
  Query q("INSERT INTO venues (name, kind, address, lon_e7, lat_e7, source_crs, district_id, manager_unit_id, supervisor_unit_id, manager_name, "
          "sports, facilities, hours_pupil, hours_guardian, hours_group, hours_note, fee, free_for_students, min_age, max_age, booking, safety, "
          "phone, description, source, external_ref, verified_on, status, version, rev, creator_id, created_at, changed_at) VALUES (");
  bind_fields(q, v);
  q << ", 'active', 1, " << q.bind(rev) << ", " << q.bind(v.creator_id) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  return c.scalar(q);
}

bool update_venue(db::Conn& c, const Venue& v, long long expected_version) {
  long long rev = next_rev(c);
  Query q("UPDATE venues SET (name, kind, address, lon_e7, lat_e7, source_crs, district_id, manager_unit_id, supervisor_unit_id, manager_name, "
          "sports, facilities, hours_pupil, hours_guardian, hours_group, hours_note, fee, free_for_students, min_age, max_age, booking, safety, "
          "phone, description, source, external_ref, verified_on) = (");
  bind_fields(q, v);
  q << "), status = " << q.bind(v.status) << ", version = version + 1, rev = " << q.bind(rev) << ", changed_at = " << q.bind(db::now_ms())
    << " WHERE id = " << q.bind(v.id) << " AND version = " << q.bind(expected_version) << " AND status <> 'deleted'";
  return c.exec(q) == 1;
}

void touch_venue(db::Conn& c, long long id) {
  long long rev = next_rev(c);
  Query q("UPDATE venues SET rev = ");
  q << q.bind(rev) << ", changed_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id);
  c.exec(q);
}

std::optional<Venue> find_venue(db::Conn& c, long long id) {
  Query q(kCols);
  q << " WHERE v.id = " << q.bind(id) << " AND v.status <> 'deleted'";
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return venue_from(*r);
}

std::vector<Venue> changed_since(db::Conn& c, long long rev) {
  Query q(kCols);
  q << " WHERE v.rev > " << q.bind(rev) << " ORDER BY v.rev";
  std::vector<Venue> out;
  for (auto& r : c.rows(q)) out.push_back(venue_from(r));
  return out;
}

ListPage list_venues(db::Conn& c, const ListFilter& f, const access::Principal& p, const std::string& perm) {
  Query where(" WHERE v.status = 'active' AND ");
  scope(where, p, perm);
  if (!f.keyword.empty()) {
    auto like = db::like_contains(f.keyword);
    where << " AND (v.name LIKE " << where.bind(like) << " ESCAPE '\\' OR v.address LIKE " << where.bind(like) << " ESCAPE '\\')";
  }
  if (!f.kind.empty()) where << " AND v.kind = " << where.bind(f.kind);
  if (f.district_id) where << " AND v.district_id = " << where.bind(*f.district_id);
  if (f.closed_only) where << " AND v.id IN (SELECT venue_id FROM venue_closures WHERE lifted_at IS NULL)";
  ListPage out;
  Query count("SELECT COUNT(*) FROM venues v");
  count.append(where);
  out.total = c.scalar(count);
  Query q(kCols);
  q.append(where);
  q << " ORDER BY v.id DESC LIMIT " << q.bind((long long)f.size) << " OFFSET " << q.bind((long long)(f.page - 1) * f.size);
  for (auto& r : c.rows(q)) out.items.push_back(venue_from(r));
  return out;
}

std::vector<Venue> all_venues(db::Conn& c, const access::Principal& p, const std::string& perm) {
  Query q(kCols);
  q << " WHERE v.status = 'active' AND ";
  scope(q, p, perm);
  q << " ORDER BY v.id";
  std::vector<Venue> out;
  for (auto& r : c.rows(q)) out.push_back(venue_from(r));
  return out;
}

namespace {
const char* kClosureCols = "SELECT id, venue_id, starts_on, ends_on, reason, lifted_at, created_at FROM venue_closures";
Closure closure_from(const db::Row& r) {
  Closure x;
  x.id = r.i64(0); x.venue_id = r.i64(1); x.starts_on = r.str(2); x.ends_on = r.opt_str(3); x.reason = r.str(4);
  x.lifted_at = r.opt_i64(5); x.created_at = r.i64(6);
  return x;
}
}  // namespace

long long insert_closure(db::Conn& c, const Closure& x, long long by) {
  Query q("INSERT INTO venue_closures (venue_id, starts_on, ends_on, reason, created_by, created_at) VALUES (");
  q << q.bind(x.venue_id) << ", " << q.bind(x.starts_on) << ", " << q.bind(x.ends_on) << ", " << q.bind(x.reason) << ", " << q.bind(by) << ", "
    << q.bind(db::now_ms()) << ") RETURNING id";
  long long id = c.scalar(q);
  touch_venue(c, x.venue_id);
  return id;
}

bool lift_closure(db::Conn& c, long long venue_id, long long closure_id, long long by) {
  Query q("UPDATE venue_closures SET lifted_at = ");
  q << q.bind(db::now_ms()) << ", lifted_by = " << q.bind(by) << " WHERE id = " << q.bind(closure_id) << " AND venue_id = " << q.bind(venue_id)
    << " AND lifted_at IS NULL";
  if (c.exec(q) != 1) return false;
  touch_venue(c, venue_id);
  return true;
}

std::vector<Closure> closures_of(db::Conn& c, long long venue_id) {
  Query q(kClosureCols);
  q << " WHERE venue_id = " << q.bind(venue_id) << " ORDER BY id DESC";
  std::vector<Closure> out;
  for (auto& r : c.rows(q)) out.push_back(closure_from(r));
  return out;
}

std::vector<Closure> open_closures(db::Conn& c, const std::vector<long long>& venue_ids) {
  Query q(kClosureCols);
  q << " WHERE lifted_at IS NULL";
  if (!venue_ids.empty()) q << " AND venue_id IN (" << q.bind_list(venue_ids) << ")";
  q << " ORDER BY id";
  std::vector<Closure> out;
  for (auto& r : c.rows(q)) out.push_back(closure_from(r));
  return out;
}

std::vector<CalendarEntry> calendar(db::Conn& c) {
  std::vector<CalendarEntry> out;
  for (auto& r : c.rows(Query("SELECT id, kind, starts_on, ends_on, name, as_weekday FROM venue_calendar ORDER BY starts_on, id"))) {
    CalendarEntry e;
    e.id = r.i64(0); e.kind = r.str(1); e.starts_on = r.str(2); e.ends_on = r.str(3); e.name = r.str(4); e.as_weekday = (int)r.i64(5);
    out.push_back(e);
  }
  return out;
}

long long insert_calendar(db::Conn& c, const CalendarEntry& e, long long by) {
  Query q("INSERT INTO venue_calendar (kind, starts_on, ends_on, name, as_weekday, updated_by, updated_at) VALUES (");
  q << q.bind(e.kind) << ", " << q.bind(e.starts_on) << ", " << q.bind(e.ends_on) << ", " << q.bind(e.name) << ", " << q.bind(e.as_weekday) << ", "
    << q.bind(by) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  long long id = c.scalar(q);
  db::bump_version(c, "venue_calendar");
  return id;
}

bool update_calendar(db::Conn& c, const CalendarEntry& e, long long by) {
  Query q("UPDATE venue_calendar SET kind = ");
  q << q.bind(e.kind) << ", starts_on = " << q.bind(e.starts_on) << ", ends_on = " << q.bind(e.ends_on) << ", name = " << q.bind(e.name)
    << ", as_weekday = " << q.bind(e.as_weekday) << ", updated_by = " << q.bind(by) << ", updated_at = " << q.bind(db::now_ms())
    << " WHERE id = " << q.bind(e.id);
  if (c.exec(q) != 1) return false;
  db::bump_version(c, "venue_calendar");
  return true;
}

bool delete_calendar(db::Conn& c, long long id) {
  Query q("DELETE FROM venue_calendar WHERE id = ");
  q << q.bind(id);
  if (c.exec(q) != 1) return false;
  db::bump_version(c, "venue_calendar");
  return true;
}

long long insert_network(db::Conn& c, const NetworkRow& n) {
  c.exec(Query("UPDATE venue_networks SET active = 0 WHERE active = 1"));
  Query q("INSERT INTO venue_networks (file_sha256, source_name, nodes, edges, ways, loaded_at, active) VALUES (");
  q << q.bind(n.file_sha256) << ", " << q.bind(n.source_name) << ", " << q.bind(n.nodes) << ", " << q.bind(n.edges) << ", " << q.bind(n.ways) << ", "
    << q.bind(db::now_ms()) << ", 1) RETURNING id";
  long long id = c.scalar(q);
  db::bump_version(c, "venue_network");
  return id;
}

std::optional<NetworkRow> active_network(db::Conn& c) {
  auto r = c.row(Query("SELECT id, file_sha256, source_name, nodes, edges, ways, loaded_at FROM venue_networks WHERE active = 1 ORDER BY id DESC LIMIT 1"));
  if (!r) return std::nullopt;
  return NetworkRow{r->i64(0), r->str(1), r->str(2), r->i64(3), r->i64(4), r->i64(5), r->i64(6)};
}

void upsert_area(db::Conn& c, const Area& a) {
  Query d("DELETE FROM venue_areas WHERE unit_id = ");
  d << d.bind(a.unit_id);
  c.exec(d);
  Query q("INSERT INTO venue_areas (unit_id, name, ring, updated_at) VALUES (");
  q << q.bind(a.unit_id) << ", " << q.bind(a.name) << ", " << q.bind(a.ring) << ", " << q.bind(db::now_ms()) << ")";
  c.exec(q);
  db::bump_version(c, "venue_network");
}

std::vector<Area> areas(db::Conn& c) {
  std::vector<Area> out;
  for (auto& r : c.rows(Query("SELECT unit_id, name, ring FROM venue_areas ORDER BY unit_id"))) out.push_back({r.i64(0), r.str(1), r.str(2)});
  return out;
}

void upsert_school_place(db::Conn& c, const SchoolPlace& p, long long by) {
  Query d("DELETE FROM venue_school_places WHERE unit_id = ");
  d << d.bind(p.unit_id);
  c.exec(d);
  Query q("INSERT INTO venue_school_places (unit_id, address, lon_e7, lat_e7, source_crs, updated_by, updated_at) VALUES (");
  q << q.bind(p.unit_id) << ", " << q.bind(p.address) << ", " << q.bind(to_e7(p.lon)) << ", " << q.bind(to_e7(p.lat)) << ", " << q.bind(p.source_crs)
    << ", " << q.bind(by) << ", " << q.bind(db::now_ms()) << ")";
  c.exec(q);
  db::bump_version(c, "venues");
}

bool delete_school_place(db::Conn& c, long long unit_id) {
  Query d("DELETE FROM venue_school_places WHERE unit_id = ");
  d << d.bind(unit_id);
  if (c.exec(d) != 1) return false;
  db::bump_version(c, "venues");
  return true;
}

std::vector<SchoolPlace> school_places(db::Conn& c) {
  std::vector<SchoolPlace> out;
  for (auto& r : c.rows(Query("SELECT unit_id, address, lon_e7, lat_e7, source_crs, updated_at FROM venue_school_places ORDER BY unit_id"))) {
    SchoolPlace p;
    p.unit_id = r.i64(0); p.address = r.str(1); p.lon = from_e7(r.i64(2)); p.lat = from_e7(r.i64(3)); p.source_crs = r.str(4); p.updated_at = r.i64(5);
    out.push_back(p);
  }
  return out;
}
}  // namespace xt::venues::repo
