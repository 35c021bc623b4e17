// Venues of the students' sports map: sports grounds, community study stations (学习驿站),
// free museums, science centres, libraries, 非遗 bases and 研学 sites; their hours per audience,
// temporary closures, and the city's calendar of public holidays, make-up workdays and school
// holidays that the hours refer to (PH, SH).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::venues {

struct Code { const char* code; const char* label; };

// What a venue is. `sports` kinds count for "a sports venue within 15 minutes"; the others are
// study places (free ones count for "a free study place within 15 minutes").
const std::vector<Code>& kinds();
bool sports_kind(const std::string& kind);
const std::vector<Code>& sports();      // what can be practised there (跳绳, 篮球 …)
const std::vector<Code>& facilities();  // what it offers (更衣室, 饮水 …)
const char* label_of(const std::vector<Code>& list, const std::string& code);  // "" when unknown
// "a,b,,c" → {a, b, c}: codes as stored and as a query string gives them.
std::vector<std::string> split_codes(const std::string& s);

// Who the hours are for: a pupil alone, a pupil with a guardian, a school group.
inline constexpr const char* kAudiences[] = {"pupil", "guardian", "group"};
const char* audience_label(const std::string& a);
int audience_index(const std::string& a);  // -1 when unknown

struct Safety {
  std::string water_depth, surface, tips;
  std::optional<bool> lit, coach_on_duty, lifeguard_on_duty;
};

struct Venue {
  long long id = 0;
  std::string name, kind, address;
  double lon = 0, lat = 0;          // WGS-84
  std::string source_crs = "wgs84";  // the system the coordinates came in
  std::optional<long long> district_id, manager_unit_id, supervisor_unit_id;
  std::string manager_name;          // who runs it, as the public sees it
  std::vector<std::string> sports, facilities;
  std::optional<std::string> hours[3];  // by audience; none: not admitted
  std::string hours_note, fee, booking, phone, description, source, external_ref;
  bool free_for_students = false;
  std::optional<int> min_age, max_age;
  Safety safety;
  std::optional<std::string> verified_on;
  std::string status = "active";  // active | deleted
  long long version = 1, rev = 0, creator_id = 0, created_at = 0, changed_at = 0;
};

struct Closure {
  long long id = 0, venue_id = 0;
  std::string starts_on;
  std::optional<std::string> ends_on;  // none: until lifted
  std::string reason;
  std::optional<long long> lifted_at;
  long long created_at = 0;
};

// One entry of the city's calendar: public holidays (ph), make-up workdays (workday, counted
// as the weekday `as_weekday`, 0 = 周一) and school holidays (sh), each a range of days.
struct CalendarEntry {
  long long id = 0;
  std::string kind, starts_on, ends_on, name;
  int as_weekday = 0;
};
}  // namespace xt::venues
