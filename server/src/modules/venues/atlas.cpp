#include "modules/venues/atlas.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "core/db/versioned_cache.hpp"
#include "modules/org/facts.hpp"
#include "modules/venues/walk/network_file.hpp"

namespace xt::venues {

size_t NetworkData::bytes() const {
  size_t roads = 0;
  for (auto& r : net.roads) roads += r.points.capacity() * sizeof(geo::LonLat) + sizeof r;
  // The node R-tree holds a box and an id per node, about 40 bytes with its inner nodes.
  return net.graph.bytes() + roads + net.graph.nodes() * 40;
}

bool AreaShape::contains(geo::LonLat p) const {
  bool in = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    auto& a = ring[i];
    auto& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) in = !in;
  }
  return in;
}

std::optional<long long> View::district_at(geo::LonLat p) const {
  for (auto& a : areas)
    if (a.ring.size() >= 3 && a.contains(p)) return a.unit_id;
  return std::nullopt;
}

const hours::Calendar& CalendarData::calendar() const {
  std::call_once(made_, [this] { cal_ = build(); });
  return cal_;
}

hours::Calendar CalendarData::build() const {
  hours::Calendar c;
  c.public_holiday = [this](long long d) { return ph.count(d) > 0; };
  c.school_holiday = [this](long long d) { return sh.count(d) > 0; };
  c.weekday_as = [this](long long d) {
    auto it = workday.find(d);
    return it == workday.end() ? -1 : it->second;
  };
  return c;
}

Snap snap(const NetworkData& n, geo::LonLat p) {
  auto hit = n.nodes->nearest_one(p, kSnapLimitM);
  if (!hit) return {};
  return {(uint32_t)hit->id, (float)hit->metres};
}

std::shared_ptr<NetworkData> network_from(walk::Network net) {
  auto n = std::make_shared<NetworkData>();
  n->net = std::move(net);
  std::vector<geo::Point> pts(n->net.graph.nodes());
  double lon = 0, lat = 0;
  n->box = {180, 90, -180, -90};
  for (uint32_t i = 0; i < pts.size(); ++i) {
    pts[i] = {(long long)i, n->net.graph.at(i)};
    lon += pts[i].at.lon;
    lat += pts[i].at.lat;
    n->box = {std::min(n->box[0], pts[i].at.lon), std::min(n->box[1], pts[i].at.lat), std::max(n->box[2], pts[i].at.lon),
              std::max(n->box[3], pts[i].at.lat)};
  }
  geo::LonLat centre = pts.empty() ? geo::LonLat{} : geo::LonLat{lon / pts.size(), lat / pts.size()};
  n->nodes = std::make_unique<geo::Index>(std::move(pts), centre);
  return n;
}

namespace {
std::shared_ptr<const Entry> entry_of(Venue v, std::vector<Closure> closures) {
  auto e = std::make_shared<Entry>();
  for (int i = 0; i < 3; ++i)
    if (v.hours[i]) {
      try {
        e->sched[i] = hours::parse(*v.hours[i]);
      } catch (const hours::HoursError& err) {  // checked on the way in; an older rule set may differ
        spdlog::warn("场馆 {} 的营业时间无法解析：{}", v.id, err.what());
      }
    }
  e->v = std::move(v);
  e->closures = std::move(closures);
  return e;
}

std::shared_ptr<const CalendarData> load_calendar(db::Conn& c) {
  auto cal = std::make_shared<CalendarData>();
  for (auto& e : repo::calendar(c)) {
    long long a = hours::day_of_date(e.starts_on), b = hours::day_of_date(e.ends_on);
    for (long long d = a; d <= b && d - a < 400; ++d) {
      if (e.kind == "ph") cal->ph.insert(d);
      else if (e.kind == "sh") cal->sh.insert(d);
      else if (e.kind == "workday") cal->workday[d] = e.as_weekday;
    }
  }
  return cal;
}

std::vector<AreaShape> load_areas(db::Conn& c) {
  std::vector<AreaShape> out;
  for (auto& a : repo::areas(c)) {
    AreaShape s{a.unit_id, a.name, {}};
    auto v = boost::json::parse(a.ring);
    for (auto& p : v.as_array()) s.ring.push_back({p.as_array().at(0).to_number<double>(), p.as_array().at(1).to_number<double>()});
    out.push_back(std::move(s));
  }
  return out;
}

std::shared_ptr<const NetworkData> load_network(db::Conn& c, files::Store& store, const std::shared_ptr<const NetworkData>& old) {
  auto row = repo::active_network(c);
  if (!row) return nullptr;
  if (old && old->row.file_sha256 == row->file_sha256) return old;
  auto t0 = std::chrono::steady_clock::now();
  auto n = network_from(walk::deserialize(store.read(row->file_sha256)));
  n->row = *row;
  n->load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  spdlog::info("步行网络已载入：{} 个节点，{} 条边，{:.2f} 秒，约 {} MiB", n->net.graph.nodes(), n->net.graph.edges(), n->load_s, n->bytes() >> 20);
  return n;
}

void load_schools(db::Conn& c, View& v) {
  auto places = repo::school_places(c);
  std::vector<long long> ids;
  for (auto& p : places) ids.push_back(p.unit_id);
  auto units = org::facts::units(c, ids);
  std::vector<long long> parents;
  for (auto& [id, u] : units)
    if (u.parent_id) parents.push_back(*u.parent_id);
  auto parent_units = org::facts::units(c, parents);
  v.schools.clear();
  for (auto& p : places) {
    auto it = units.find(p.unit_id);
    if (it == units.end() || it->second.status != "active" || it->second.type != "school") continue;
    School s{p.unit_id, it->second.name, "", p.address, std::nullopt, {p.lon, p.lat}};
    if (auto pid = it->second.parent_id) {
      auto pu = parent_units.find(*pid);
      if (pu != parent_units.end() && pu->second.type == "district_bureau") {
        s.district_id = *pid;
        s.district = pu->second.name;
      }
    }
    v.schools.push_back(std::move(s));
  }
}

void index_view(View& v) {
  std::vector<geo::Point> pts(v.entries.size());
  double lon = 0, lat = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    pts[i] = {(long long)i, {v.entries[i]->v.lon, v.entries[i]->v.lat}};
    lon += pts[i].at.lon;
    lat += pts[i].at.lat;
  }
  if (!pts.empty()) v.centre = {lon / pts.size(), lat / pts.size()};
  else if (!v.schools.empty()) v.centre = v.schools.front().at;
  v.index = std::make_unique<geo::Index>(std::move(pts), v.centre);
}

struct Versions {
  long long venues = 0, calendar = 0, network = 0;
};
Versions read_versions(db::Conn& c) {
  Versions out;
  for (auto& r : c.rows(db::Query("SELECT name, version FROM data_versions WHERE name IN ('venues', 'venue_calendar', 'venue_network')"))) {
    auto n = r.str(0);
    (n == "venues" ? out.venues : n == "venue_calendar" ? out.calendar : out.network) = r.i64(1);
  }
  return out;
}

// Replaces, adds or removes the changed venues (rev order); the positions whose snap must be
// recomputed.
std::vector<size_t> apply(View& v, std::vector<Venue> rows, std::map<long long, std::vector<Closure>>& closures) {
  std::vector<size_t> changed;
  for (auto& r : rows) {
    v.rev = std::max(v.rev, r.rev);
    auto it = v.by_id.find(r.id);
    if (r.status != "active") {
      if (it == v.by_id.end()) continue;
      size_t at = it->second, last = v.entries.size() - 1;
      if (at != last) {
        v.entries[at] = v.entries[last];
        v.snaps[at] = v.snaps[last];
        v.by_id[v.entries[at]->v.id] = at;
        for (auto& k : changed)
          if (k == last) k = at;
      }
      v.entries.pop_back();
      v.snaps.pop_back();
      v.by_id.erase(r.id);
      continue;
    }
    long long id = r.id;
    auto e = entry_of(std::move(r), std::move(closures[id]));
    if (it == v.by_id.end()) {
      v.by_id[id] = v.entries.size();
      v.entries.push_back(e);
      v.snaps.push_back({});
      changed.push_back(v.entries.size() - 1);
    } else {
      v.entries[it->second] = e;
      changed.push_back(it->second);
    }
  }
  return changed;
}

// Snaps the given venues, and every school, to the network (nothing when none is loaded).
void snap_all(View& v, const std::vector<size_t>& changed) {
  v.snaps.resize(v.entries.size());
  v.school_snaps.assign(v.schools.size(), {});
  if (!v.network) {
    v.snaps.assign(v.entries.size(), {});
    return;
  }
  for (auto i : changed)
    if (i < v.entries.size()) v.snaps[i] = snap(*v.network, {v.entries[i]->v.lon, v.entries[i]->v.lat});
  for (size_t i = 0; i < v.schools.size(); ++i) v.school_snaps[i] = snap(*v.network, v.schools[i].at);
}

// A copy of a view's venues and facts, to change.
std::shared_ptr<View> copy_of(const View& old) {
  auto v = std::make_shared<View>();
  v->entries = old.entries;
  v->by_id = old.by_id;
  v->snaps = old.snaps;
  v->network = old.network;
  v->cal = old.cal;
  v->schools = old.schools;
  v->areas = old.areas;
  v->rev = old.rev;
  v->network_state = old.network_state;
  v->network_row = old.network_row;
  return v;
}

// A new view from the old one and what changed since.
std::shared_ptr<const View> rebuild(db::Conn& c, files::Store& store, const std::shared_ptr<const View>& old, const Versions& ver) {
  bool first = !old;
  auto v = old ? copy_of(*old) : std::make_shared<View>();
  bool network_changed = false;
  if (first || ver.network != old->network_version) {
    try {
      auto n = load_network(c, store, v->network);
      network_changed = n != v->network;
      v->network = n;
      v->network_row = repo::active_network(c).value_or(repo::NetworkRow{});
      v->network_state = n ? "ready" : "none";
    } catch (const std::exception& e) {
      spdlog::error("步行网络无法载入：{}", e.what());
      v->network_state = "failed";
    }
    v->areas = load_areas(c);
  }
  if (first || ver.calendar != old->calendar_version) v->cal = load_calendar(c);
  std::vector<size_t> changed;
  if (first || ver.venues != old->places_version) {
    auto rows = repo::changed_since(c, v->rev);
    // Open closures are few: all of them, kept for the changed venues (an IN list of every id
    // would be 200,000 bound values on the first build).
    std::map<long long, std::vector<Closure>> closures;
    if (!rows.empty()) {
      std::set<long long> ids;
      for (auto& r : rows) ids.insert(r.id);
      for (auto& x : repo::open_closures(c, {}))
        if (ids.count(x.venue_id)) closures[x.venue_id].push_back(x);
    }
    changed = apply(*v, std::move(rows), closures);
    load_schools(c, *v);
  }
  if (network_changed || first) {
    changed.clear();
    for (size_t i = 0; i < v->entries.size(); ++i) changed.push_back(i);
  }
  snap_all(*v, changed);
  index_view(*v);
  v->places_version = ver.venues;
  v->calendar_version = ver.calendar;
  v->network_version = ver.network;
  return v;
}

struct Held {
  unsigned long long database = 0;
  std::shared_ptr<const View> view;
  std::chrono::steady_clock::time_point checked{};
  bool building = false;
};
std::mutex mu;
std::mutex build_mu;  // one rebuild at a time
Held& held() {
  static Held h;
  return h;
}
constexpr auto kRecheck = std::chrono::seconds(1);

std::shared_ptr<const View> update(db::Conn& c, files::Store& store, bool force) {
  auto now = std::chrono::steady_clock::now();
  std::shared_ptr<const View> current;
  {
    std::lock_guard l(mu);
    auto& h = held();
    if (h.database != c.database()) h = Held{c.database(), nullptr, {}, false};
    current = h.view;
    if (current && !force && now - h.checked < kRecheck) return current;
    // Someone else is rebuilding: read the view we have (a first view is waited for).
    if (current && !force && h.building) return current;
    h.building = true;
  }
  std::lock_guard b(build_mu);
  std::shared_ptr<const View> next;
  try {
    {
      std::lock_guard l(mu);
      current = held().view;  // a rebuild that finished while we waited
    }
    auto ver = read_versions(c);
    if (current && ver.venues == current->places_version && ver.calendar == current->calendar_version && ver.network == current->network_version)
      next = current;
    else
      next = rebuild(c, store, current, ver);
  } catch (...) {
    std::lock_guard l(mu);
    held().building = false;
    throw;
  }
  std::lock_guard l(mu);
  auto& h = held();
  h.view = next;
  h.checked = std::chrono::steady_clock::now();
  h.building = false;
  return next;
}
}  // namespace

std::shared_ptr<const View> view(db::Conn& c, files::Store& generated) { return update(c, generated, false); }

std::shared_ptr<const View> held_view() {
  std::lock_guard l(mu);
  return held().view;
}

std::shared_ptr<View> assemble_view(std::vector<Venue> venues, std::shared_ptr<const NetworkData> network, std::shared_ptr<const CalendarData> cal) {
  auto v = std::make_shared<View>();
  v->network = std::move(network);
  v->network_state = v->network ? "ready" : "none";
  v->cal = cal ? std::move(cal) : std::make_shared<CalendarData>();
  std::map<long long, std::vector<Closure>> none;
  snap_all(*v, apply(*v, std::move(venues), none));
  index_view(*v);
  return v;
}

std::shared_ptr<View> with_changes(const View& old, std::vector<Venue> changed) {
  auto v = copy_of(old);
  std::map<long long, std::vector<Closure>> none;
  snap_all(*v, apply(*v, std::move(changed), none));
  index_view(*v);
  return v;
}
void refresh(db::Conn& c, files::Store& generated) { update(c, generated, true); }
}  // namespace xt::venues
