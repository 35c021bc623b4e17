// What other modules may ask about units and people: the org module answers from its tables,
// no other module reads them. A list shows names by asking for a page's ids at once (one
// query per page, never one per row).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"

namespace xt::org::facts {

struct UnitFacts {
  long long id = 0;
  std::optional<long long> parent_id;
  std::string code, name, type, status;
  std::optional<std::string> school_stage;
  bool city_affiliated = false;  // 局属 (a school directly under the city bureau)
};

std::optional<UnitFacts> unit(db::Conn& c, long long id);
// Units by id, deleted ones included (unknown ids left out).
std::map<long long, UnitFacts> units(db::Conn& c, const std::vector<long long>& ids);
// Names of units by id (unknown ids left out).
std::map<long long, std::string> names(db::Conn& c, const std::vector<long long>& ids);
// Ids of the units whose name holds `keyword` (deleted ones included: records outlive units),
// at most `limit`.
std::vector<long long> units_named(db::Conn& c, const std::string& keyword, int limit);
// The active schools the principal may act on under `perm` (its data scope over the school
// itself), by code; name holding `keyword` when given.
std::vector<UnitFacts> schools_in_scope(db::Conn& c, const access::Principal& p, const std::string& perm, const std::string& keyword);
// Display names of people by user id (unknown ids left out).
std::map<long long, std::string> person_names(db::Conn& c, const std::vector<long long>& ids);

// An education bureau (city or district).
bool is_bureau(const std::string& type);
// A school under the city bureau directly (局属学校).
bool is_city_affiliated_school(const UnitFacts& u);
// A primary or secondary school (小学, 初中, 九年一贯制, 普通高中, 完全中学, 十二年一贯制) that is
// not city-affiliated: what a district bureau is responsible for.
bool is_ordinary_school(const UnitFacts& u);

// The district bureau a unit is in (itself when it is one), or none for the units directly
// under the city.
std::optional<long long> district_of(db::Conn& c, long long unit);
// The bureau responsible for a unit's material: a city-affiliated school answers for itself,
// other units go to their district bureau, units directly under the city to the city bureau.
std::optional<long long> reviewing_bureau_of(db::Conn& c, long long unit);
// Does a unit review for others (a bureau, or a city-affiliated school for itself)?
bool reviews(const UnitFacts& u);
bool reviews(db::Conn& c, long long unit);
// The active units under `root` (itself included) that review: district bureaus first, then
// city-affiliated schools, each in the tree's order.
std::vector<std::pair<long long, std::string>> reviewing_units_under(db::Conn& c, long long root);
}  // namespace xt::org::facts
