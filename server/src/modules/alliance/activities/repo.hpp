// SQL of activities, their dates, partners, the type catalog and the monthly rollup.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/activities/model.hpp"

namespace xt::alliance::activity_repo {

// Every type with the measures it serves, in catalog order.
std::vector<ActivityType> types(db::Conn& c);
std::optional<ActivityType> type_by_code(db::Conn& c, const std::string& code);

// Without partners.
std::optional<Activity> find(db::Conn& c, long long id);
std::vector<Partner> partners(db::Conn& c, long long id);
std::map<std::string, std::string> titles(db::Conn& c, const std::vector<long long>& ids);

long long insert(db::Conn& c, const Activity& a);
// Only when the stored version is `version`; false otherwise.
bool update(db::Conn& c, long long id, int version, const Activity& a);
void replace_dates(db::Conn& c, long long id, const std::vector<std::string>& dates);
void insert_dates(db::Conn& c, long long id, const std::vector<std::string>& dates);  // a new record's
void insert_partners(db::Conn& c, long long id, const std::vector<Partner>& ps);  // a new record's
// Keeps the confirmations of partners that stay.
void replace_partners(db::Conn& c, long long id, const std::vector<Partner>& ps);
bool confirm(db::Conn& c, long long id, long long unit_id, long long user_id, long long now);

// Adds `sign` (+1 or −1) times the activity to the rollup rows of its month and type for each
// key (0 the city, −1 directly under the city, or a district).
void roll(db::Conn& c, const std::string& month, long long type_id, const std::vector<long long>& keys, int sign, long long reached);
// Adds to one rollup row (a bulk import adds its sums once per row).
void add_rollup(db::Conn& c, const std::string& month, long long key, long long type_id, long long activities, long long reached);

// Recomputes the whole rollup from the activities (after a bulk load, or to check it).
void rebuild_rollup(db::Conn& c);

struct RollupRow {
  std::string month;
  long long district_id = 0, type_id = 0, activities = 0, reached = 0;
};
// Rows of one key (0 the city or a district), or of every district (key < −1 → all but 0).
std::vector<RollupRow> rollup(db::Conn& c, std::optional<long long> key);

// A page of what the principal sees: activities organised in its scope of `perm` or with a
// partner in it, and those its own unit organised or takes part in. Latest first.
struct Page {
  std::vector<Activity> items;
  long long total = 0;
};
Page list(db::Conn& c, const access::Principal& p, const std::string& perm, const ActivityFilter& f, int page, int size);
// Partners of a page of activities, by activity.
std::map<long long, std::vector<Partner>> partners_of(db::Conn& c, const std::vector<long long>& ids);

// Completed activities of open-day types a unit organised or took part in, by first date.
std::vector<std::string> open_day_dates(db::Conn& c, long long unit_id, const std::string& from, const std::string& to);
// Completed activities a unit organised or took part in, per type.
std::map<long long, long long> done_by_type(db::Conn& c, long long unit_id);
}  // namespace xt::alliance::activity_repo
