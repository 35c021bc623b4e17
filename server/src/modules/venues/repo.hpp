// SQL of the venues module: venues, closures, the city's calendar, the loaded pedestrian
// network, district outlines and school places. Coordinates are kept as integers of 1e-7
// degrees (exact in both databases, about a centimetre).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "modules/venues/model.hpp"

namespace xt::venues::repo {

long long to_e7(double deg);
double from_e7(long long v);

// Writes set `rev` to the 'venues' data version bumped in the same transaction, so a server
// that has seen rev R fetches exactly the rows with rev > R.
long long insert_venue(db::Conn& c, const Venue& v);
bool update_venue(db::Conn& c, const Venue& v, long long expected_version);  // false: version moved on
void touch_venue(db::Conn& c, long long id);  // a closure changed: the venue's rev moves on
std::optional<Venue> find_venue(db::Conn& c, long long id);
// The rows changed after `rev` (deleted ones included), in rev order.
std::vector<Venue> changed_since(db::Conn& c, long long rev);

struct ListFilter {
  std::string keyword, kind;
  std::optional<long long> district_id;
  bool closed_only = false;
  int page = 1, size = 20;
};
struct ListPage {
  std::vector<Venue> items;
  long long total = 0;
};
// The venues the principal may manage (the scope filter appended by the caller's columns).
ListPage list_venues(db::Conn& c, const ListFilter& f, const access::Principal& p, const std::string& perm);
// Every active venue in scope (for exports).
std::vector<Venue> all_venues(db::Conn& c, const access::Principal& p, const std::string& perm);

long long insert_closure(db::Conn& c, const Closure& x, long long by);
bool lift_closure(db::Conn& c, long long venue_id, long long closure_id, long long by);
std::vector<Closure> closures_of(db::Conn& c, long long venue_id);
// Closures not lifted, of the given venues (all when empty).
std::vector<Closure> open_closures(db::Conn& c, const std::vector<long long>& venue_ids);

std::vector<CalendarEntry> calendar(db::Conn& c);
long long insert_calendar(db::Conn& c, const CalendarEntry& e, long long by);
bool update_calendar(db::Conn& c, const CalendarEntry& e, long long by);
bool delete_calendar(db::Conn& c, long long id);

struct NetworkRow {
  long long id = 0;
  std::string file_sha256, source_name;
  long long nodes = 0, edges = 0, ways = 0, loaded_at = 0;
};
long long insert_network(db::Conn& c, const NetworkRow& n);  // the new one becomes the active one
std::optional<NetworkRow> active_network(db::Conn& c);

struct Area {
  long long unit_id = 0;
  std::string name, ring;  // ring: [[lon,lat],…] as JSON
};
void upsert_area(db::Conn& c, const Area& a);
std::vector<Area> areas(db::Conn& c);

struct SchoolPlace {
  long long unit_id = 0;
  std::string address, source_crs = "wgs84";
  double lon = 0, lat = 0;
  long long updated_at = 0;
};
void upsert_school_place(db::Conn& c, const SchoolPlace& p, long long by);
bool delete_school_place(db::Conn& c, long long unit_id);
std::vector<SchoolPlace> school_places(db::Conn& c);
}  // namespace xt::venues::repo
