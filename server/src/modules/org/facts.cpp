#include "modules/org/facts.hpp"

#include <algorithm>

#include "core/audit/names.hpp"

namespace xt::org::facts {
using db::Query;

namespace {
const char* kFactCols = "SELECT id, parent_id, code, name, type, status, school_stage, city_affiliated FROM units WHERE id";
UnitFacts facts_from(const db::Row* r) {
  UnitFacts u;
  u.id = r->i64(0);
  u.parent_id = r->opt_i64(1);
  u.code = r->str(2);
  u.name = r->str(3);
  u.type = r->str(4);
  u.status = r->str(5);
  u.school_stage = r->opt_str(6);
  u.city_affiliated = r->flag(7);
  return u;
}

}  // namespace

std::optional<UnitFacts> unit(db::Conn& c, long long id) {
  Query q(std::string(kFactCols) + " = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return facts_from(&*r);
}

std::map<long long, UnitFacts> units(db::Conn& c, const std::vector<long long>& ids) {
  std::map<long long, UnitFacts> out;
  for (size_t at = 0; at < ids.size(); at += 500) {  // bounded IN lists
    std::vector<long long> part(ids.begin() + (long)at, ids.begin() + (long)std::min(ids.size(), at + 500));
    Query q(std::string(kFactCols) + " IN (");
    q << q.bind_list(part) << ")";
    for (auto& r : c.rows(q)) out[r.i64(0)] = facts_from(&r);
  }
  return out;
}

std::vector<long long> units_named(db::Conn& c, const std::string& keyword, int limit) {
  Query q("SELECT id FROM units WHERE name LIKE ");
  q << q.bind(db::like_contains(keyword)) << " ESCAPE '\\' ORDER BY id LIMIT " << q.bind((long long)limit);
  std::vector<long long> out;
  for (auto& r : c.rows(q)) out.push_back(r.i64(0));
  return out;
}

std::map<long long, std::string> person_names(db::Conn& c, const std::vector<long long>& ids) {
  std::map<long long, std::string> out;
  for (auto& [id, name] : audit::names_by_id(c, "SELECT id, display_name FROM users WHERE id", ids)) out[std::stoll(id)] = name;
  return out;
}

std::map<long long, std::string> names(db::Conn& c, const std::vector<long long>& ids) {
  std::map<long long, std::string> out;
  for (auto& [id, name] : audit::names_by_id(c, "SELECT id, name FROM units WHERE id", ids)) out[std::stoll(id)] = name;
  return out;
}

bool is_bureau(const std::string& type) { return type == "city_bureau" || type == "district_bureau"; }

bool is_city_affiliated_school(const UnitFacts& u) { return u.type == "school" && u.city_affiliated; }

bool is_ordinary_school(const UnitFacts& u) {
  static const std::vector<std::string> stages = {"primary", "middle", "nine_year", "high", "complete_middle", "twelve_year"};
  return u.type == "school" && !u.city_affiliated && u.school_stage &&
         std::find(stages.begin(), stages.end(), *u.school_stage) != stages.end();
}

bool reviews(const UnitFacts& u) { return is_bureau(u.type) || is_city_affiliated_school(u); }
bool reviews(db::Conn& c, long long id) {
  auto u = unit(c, id);
  return u && reviews(*u);
}

namespace {
// The bureaus above a unit (itself included when it is one), nearest first.
std::vector<std::pair<long long, std::string>> bureaus_above(db::Conn& c, long long unit) {
  Query q("SELECT a.id, a.type FROM unit_closure cl JOIN units a ON a.id = cl.ancestor_id WHERE cl.descendant_id = ");
  q << q.bind(unit) << " AND a.type IN ('district_bureau', 'city_bureau') ORDER BY cl.depth";
  std::vector<std::pair<long long, std::string>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.str(1));
  return out;
}
}  // namespace

std::optional<long long> district_of(db::Conn& c, long long unit) {
  for (auto& [id, type] : bureaus_above(c, unit))
    if (type == "district_bureau") return id;
  return std::nullopt;
}

std::optional<long long> reviewing_bureau_of(db::Conn& c, long long id) {
  auto u = unit(c, id);
  if (!u) return std::nullopt;
  if (is_city_affiliated_school(*u)) return id;
  std::vector<std::pair<long long, std::string>> above;
  for (auto& b : bureaus_above(c, id))
    if (b.first != id) above.push_back(b);
  for (auto& [b, type] : above)
    if (type == "district_bureau") return b;
  if (!above.empty()) return above.front().first;
  return std::nullopt;
}

std::vector<std::pair<long long, std::string>> reviewing_units_under(db::Conn& c, long long root) {
  Query q("SELECT u.id, u.name FROM unit_closure cl JOIN units u ON u.id = cl.descendant_id WHERE cl.ancestor_id = ");
  q << q.bind(root) << " AND u.status = 'active' AND (u.type = 'district_bureau' OR (u.type = 'school' AND u.city_affiliated = 1))"
    << " ORDER BY CASE WHEN u.type = 'district_bureau' THEN 0 ELSE 1 END, u.sort, u.code";
  std::vector<std::pair<long long, std::string>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.str(1));
  return out;
}
std::vector<UnitFacts> schools_in_scope(db::Conn& c, const access::Principal& p, const std::string& perm, const std::string& keyword) {
  Query q(kFactCols);
  q << " IN (SELECT u.id FROM units u WHERE u.type = 'school' AND u.status = 'active' AND u.deleted_at IS NULL AND ";
  access::scope_filter(q, p, perm, access::Columns{"u.id", ""});
  if (!keyword.empty()) q << " AND u.name LIKE " << q.bind(db::like_contains(keyword)) << " ESCAPE '\\'";
  q << ") ORDER BY code";
  std::vector<UnitFacts> out;
  for (auto& r : c.rows(q)) out.push_back(facts_from(&r));
  return out;
}
}  // namespace xt::org::facts
