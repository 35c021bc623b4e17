// What every server holds in memory to answer the map: the active venues with their parsed
// hours and open closures, an R-tree over them, the pedestrian network with every venue and
// school snapped to its nearest node, and the city's calendar. A View is immutable: a change
// builds a new one (the changed venues re-read by their `rev`, the R-tree packed again) and
// swaps it in, while requests keep reading the one they hold.
#pragma once
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/db/db.hpp"
#include "core/files/store.hpp"
#include "modules/venues/geo/index.hpp"
#include "modules/venues/hours/opening_hours.hpp"
#include "modules/venues/model.hpp"
#include "modules/venues/repo.hpp"
#include "modules/venues/walk/osm_xml.hpp"

namespace xt::venues {

inline constexpr double kDefaultSpeed = 1.1;     // m/s, a child's pace
inline constexpr double kCircuity = 1.2;         // walking distance ÷ straight-line distance without a network
inline constexpr double kSnapLimitM = 500;       // farther from any walkable way: straight line to it
inline constexpr int kMaxMinutes = 60;

struct Entry {
  Venue v;
  std::optional<hours::Schedule> sched[3];
  std::vector<Closure> closures;  // not lifted
};

struct Snap {
  uint32_t node = UINT32_MAX;  // none: no walkable way within kSnapLimitM
  float metres = 0;            // from the point to its node, walked straight
};

struct School {
  long long id = 0;
  std::string name, district, address;
  std::optional<long long> district_id;
  geo::LonLat at;
};

struct AreaShape {
  long long unit_id = 0;
  std::string name;
  std::vector<geo::LonLat> ring;
  bool contains(geo::LonLat p) const;
};

struct NetworkData {
  repo::NetworkRow row;  // the load that built it
  walk::Network net;
  std::array<double, 4> box{};  // west, south, east, north of its nodes
  std::unique_ptr<geo::Index> nodes;
  double load_s = 0;
  size_t bytes() const;
};

struct CalendarData {
  std::set<long long> ph, sh;
  std::map<long long, int> workday;  // day → weekday it counts as
  // The evaluator's view of these tables (made once: the map asks it for every candidate).
  const hours::Calendar& calendar() const;

 private:
  hours::Calendar build() const;
  mutable std::once_flag made_;
  mutable hours::Calendar cal_;
};

struct Filter {
  std::vector<std::string> kinds;
  std::string sport, facility, keyword;
  bool free_only = false;
  std::optional<int> age;
  std::optional<long long> open_at;  // local minute
  int audience = -1;                 // -1: any audience
  std::optional<long long> district_id;
  bool include_closed = true;        // false: venues closed for a closure on the day left out
};

struct Hit {
  const Entry* e = nullptr;
  double metres = 0;                // straight line from the origin
  std::optional<double> walk_s;     // walking seconds (network or straight × circuity)
};

struct Reach {
  std::string mode;          // network | straight
  std::string note;          // why straight-line (Chinese), "" on the network
  int minutes = 15;
  double speed = kDefaultSpeed;
  std::vector<Hit> hits;     // by walking time
  size_t total = 0;          // within the time, before the limit
  std::vector<geo::LonLat> shed;  // the walkshed's outline (display only)
  std::optional<double> snap_m;   // origin to its network node
};

struct SchoolCover {
  const School* school = nullptr;
  std::optional<double> sports_s, study_s;  // walking seconds to the nearest of each, within the limit
  std::string sports_name, study_name;
};

class View {
 public:
  std::vector<std::shared_ptr<const Entry>> entries;  // active venues
  std::unordered_map<long long, size_t> by_id;
  std::unique_ptr<geo::Index> index;                  // ids: positions in entries
  std::vector<Snap> snaps;                            // aligned with entries
  std::shared_ptr<const NetworkData> network;         // null: none loaded
  repo::NetworkRow network_row;                       // the active load (a reload of the same file keeps the graph)
  std::shared_ptr<const CalendarData> cal;
  std::vector<School> schools;
  std::vector<Snap> school_snaps;
  std::vector<AreaShape> areas;                       // district outlines, for the plain layer
  std::string network_state = "none";                 // none | loading | ready | failed
  long long rev = 0, calendar_version = -1, network_version = -1, places_version = -1;
  geo::LonLat centre;

  const Entry* find(long long id) const;
  const School* school(long long id) const;
  // The district whose outline holds the point.
  std::optional<long long> district_at(geo::LonLat p) const;
  // The state of a venue for an audience at a local minute, closures included.
  hours::State state(const Entry& e, int audience, long long minute) const;
  bool closed_on(const Entry& e, long long day) const;
  bool passes(const Entry& e, const Filter& f) const;
  // Venues passing the filter, within the box when given (lon/lat min/max), nearest the
  // centre first when a centre is given, else by name.
  std::vector<const Entry*> list(const Filter& f, const std::optional<std::array<double, 4>>& box) const;
  Reach reach(geo::LonLat origin, int minutes, double speed, const Filter& f, size_t limit) const;
  // Every located school: the nearest sports venue and free study place within `minutes`.
  std::vector<SchoolCover> coverage(int minutes, double speed) const;
  // coverage(15, kDefaultSpeed), computed once per view (the bureau's pages and the dashboard).
  std::shared_ptr<const std::vector<SchoolCover>> coverage15() const;

 private:
  mutable std::mutex cover_mu_;
  mutable std::shared_ptr<const std::vector<SchoolCover>> cover15_;

 public:
};

// The view for this database, re-checked against the data versions at most once a second.
std::shared_ptr<const View> view(db::Conn& c, files::Store& generated);
// The view this server holds now, without asking the database (null before the first map
// request built one): for work on the io threads.
std::shared_ptr<const View> held_view();
// After a write on this server: the view rebuilt now, so the writer sees the change.
void refresh(db::Conn& c, files::Store& generated);
// Nearest node of the network within kSnapLimitM.
Snap snap(const NetworkData& n, geo::LonLat p);
// The network with its node index (what a server builds after reading the stored file).
std::shared_ptr<NetworkData> network_from(walk::Network net);
// A view built from venues directly, as rebuild() does from the database (benchmarks, tests).
std::shared_ptr<View> assemble_view(std::vector<Venue> venues, std::shared_ptr<const NetworkData> network, std::shared_ptr<const CalendarData> cal);
// What an edit costs a server: the old view with the changed venues replaced, added or removed
// (a status other than active), those snapped, and the R-tree packed again.
std::shared_ptr<View> with_changes(const View& old, std::vector<Venue> changed);
}  // namespace xt::venues
