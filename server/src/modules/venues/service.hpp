// The rules of venues: what a venue must hold (a name, a kind, coordinates inside the city,
// hours that parse for at least one audience), who may edit which venue, closures, the city's
// calendar and school places. Writes bump the versions every server's map view follows.
#pragma once
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "modules/venues/atlas.hpp"
#include "modules/venues/model.hpp"

namespace xt::venues {

inline constexpr const char* kManagePerm = "venues:venue:manage";
inline constexpr const char* kCalendarPerm = "venues:calendar:manage";
inline constexpr const char* kCoveragePerm = "venues:coverage:view";
inline constexpr const char* kSchoolPlacePerm = "venues:school:place";

// The city's extent for checking coordinates: the district outlines and the loaded network,
// 2 km around; China's extent when neither is loaded.
struct Bounds {
  double west = 73.5, south = 18.0, east = 135.1, north = 53.6;
  bool city = false;
};
Bounds bounds(const View& v);
// A Chinese message naming the problem, "" when inside.
std::string outside(const Bounds& b, double lon, double lat);

// Checks and normalises a venue as given (coordinates already WGS-84). Throws ApiError 422
// naming the field: unknown kind/sport/facility, coordinates outside the city, hours that do
// not parse (with the part), no hours for any audience, ages the wrong way round, a district
// that is not a district bureau. `prefix` names the row of an import in messages ("" for forms).
void check(db::Conn& c, const View& v, Venue& in, const std::string& prefix = "");

long long create(db::Conn& c, const app::Caller& who, const View& v, Venue in);
Venue update(db::Conn& c, const app::Caller& who, const View& v, long long id, Venue in, long long version);
void remove(db::Conn& c, const app::Caller& who, long long id);
// The venue when the caller may manage it, else 404 (another unit's venue is not disclosed).
Venue managed(db::Conn& c, const access::Principal& p, long long id);

long long close(db::Conn& c, const app::Caller& who, long long id, Closure x);
void lift(db::Conn& c, const app::Caller& who, long long id, long long closure_id);

long long add_calendar(db::Conn& c, const app::Caller& who, CalendarEntry e);
void change_calendar(db::Conn& c, const app::Caller& who, CalendarEntry e);
void delete_calendar(db::Conn& c, const app::Caller& who, long long id);

void set_school_place(db::Conn& c, const app::Caller& who, const View& v, repo::SchoolPlace p);
void clear_school_place(db::Conn& c, const app::Caller& who, long long unit_id);

// Days of an hours value from `first_day` (day number): per day its date, weekday, the
// calendar's marks and the open / unknown spans ("08:00-12:00").
struct DayHours {
  std::string date, weekday, marks;
  std::vector<std::string> open, unknown;
};
std::vector<DayHours> preview(const hours::Schedule& s, const CalendarData& cal, long long first_day, int days);
long long today_day(long long now_ms);
long long local_minute(long long now_ms);
}  // namespace xt::venues
