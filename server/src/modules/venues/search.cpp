// The map's questions, answered from a View: which venues pass a filter, which are within N
// minutes' walk of a point (bounded Dijkstra on the network, or straight line × circuity), and
// which schools have none of each kind within 15 minutes.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "modules/venues/atlas.hpp"

namespace xt::venues {
namespace {
constexpr long long kDayMinutes = 24 * 60;
constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthM = 6371008.8;

long long day_of_minute(long long m) { return m >= 0 ? m / kDayMinutes : (m - kDayMinutes + 1) / kDayMinutes; }

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

geo::LonLat offset(geo::LonLat o, double metres, double bearing) {
  double dy = metres * std::cos(bearing), dx = metres * std::sin(bearing);
  return {o.lon + dx / (kEarthM * std::cos(o.lat * kPi / 180)) * 180 / kPi, o.lat + dy / kEarthM * 180 / kPi};
}

// The walkshed drawn as an outline: in each of 48 directions as far as the farthest node
// reached (plus what is left of the walk there, up to `pad_m`); directions with no node take
// their neighbours' reach, and the outline is smoothed over three directions. For display only.
std::vector<geo::LonLat> outline(geo::LonLat o, const std::vector<std::pair<geo::LonLat, double>>& reached, double pad_m) {
  constexpr int kSectors = 48;
  std::vector<double> far(kSectors, -1);
  for (auto& [p, slack] : reached) {
    double d = geo::distance_m(o, p);
    double dx = (p.lon - o.lon) * std::cos(o.lat * kPi / 180), dy = p.lat - o.lat;
    double a = std::atan2(dx, dy);
    if (a < 0) a += 2 * kPi;
    int s = std::min(kSectors - 1, (int)(a / (2 * kPi) * kSectors));
    far[s] = std::max(far[s], d + std::min(std::max(slack, 0.0), pad_m));
  }
  bool any = false;
  for (double f : far) any |= f >= 0;
  if (!any) return {};
  // Empty directions: the smaller of the nearest reached directions on either side.
  std::vector<double> filled(kSectors);
  for (int s = 0; s < kSectors; ++s) {
    if (far[s] >= 0) { filled[s] = far[s]; continue; }
    double l = -1, r = -1;
    for (int k = 1; k < kSectors && (l < 0 || r < 0); ++k) {
      if (l < 0 && far[(s - k + kSectors) % kSectors] >= 0) l = far[(s - k + kSectors) % kSectors];
      if (r < 0 && far[(s + k) % kSectors] >= 0) r = far[(s + k) % kSectors];
    }
    filled[s] = std::min(l, r);
  }
  std::vector<geo::LonLat> ring;
  for (int s = 0; s < kSectors; ++s) {
    double m = (filled[(s + kSectors - 1) % kSectors] + 2 * filled[s] + filled[(s + 1) % kSectors]) / 4;
    ring.push_back(offset(o, std::max(m, pad_m), (s + 0.5) * 2 * kPi / kSectors));
  }
  ring.push_back(ring.front());
  return ring;
}
}  // namespace

const Entry* View::find(long long id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : entries[it->second].get();
}

const School* View::school(long long id) const {
  for (auto& s : schools)
    if (s.id == id) return &s;
  return nullptr;
}

bool View::closed_on(const Entry& e, long long day) const {
  for (auto& c : e.closures) {
    if (day < hours::day_of_date(c.starts_on)) continue;
    if (!c.ends_on || day <= hours::day_of_date(*c.ends_on)) return true;
  }
  return false;
}

hours::State View::state(const Entry& e, int audience, long long minute) const {
  if (closed_on(e, day_of_minute(minute))) return hours::State::Closed;
  static const hours::Calendar none;
  const auto& calendar = cal ? cal->calendar() : none;
  bool unknown = false;
  for (int a = 0; a < 3; ++a) {
    if (audience >= 0 && a != audience) continue;
    if (!e.sched[a]) continue;
    auto st = hours::state_at(*e.sched[a], minute, calendar);
    if (st == hours::State::Open) return st;
    unknown |= st == hours::State::Unknown;
  }
  return unknown ? hours::State::Unknown : hours::State::Closed;
}

bool View::passes(const Entry& e, const Filter& f) const {
  auto& v = e.v;
  if (!f.kinds.empty() && !has(f.kinds, v.kind)) return false;
  if (!f.sport.empty() && !has(v.sports, f.sport)) return false;
  if (!f.facility.empty() && !has(v.facilities, f.facility)) return false;
  if (f.free_only && !v.free_for_students) return false;
  if (f.age && ((v.min_age && *f.age < *v.min_age) || (v.max_age && *f.age > *v.max_age))) return false;
  if (f.district_id && v.district_id != f.district_id) return false;
  if (f.audience >= 0 && !v.hours[f.audience]) return false;
  if (!f.keyword.empty() && v.name.find(f.keyword) == std::string::npos && v.address.find(f.keyword) == std::string::npos) return false;
  if (f.open_at && state(e, f.audience, *f.open_at) != hours::State::Open) return false;
  return true;
}

std::vector<const Entry*> View::list(const Filter& f, const std::optional<std::array<double, 4>>& box) const {
  std::vector<const Entry*> out;
  for (auto& e : entries) {
    if (box && (e->v.lon < (*box)[0] || e->v.lat < (*box)[1] || e->v.lon > (*box)[2] || e->v.lat > (*box)[3])) continue;
    if (passes(*e, f)) out.push_back(e.get());
  }
  std::sort(out.begin(), out.end(), [](const Entry* a, const Entry* b) { return a->v.name < b->v.name; });
  return out;
}

Reach View::reach(geo::LonLat origin, int minutes, double speed, const Filter& f, size_t limit) const {
  Reach r;
  r.minutes = minutes;
  r.speed = speed;
  const double limit_s = minutes * 60.0, radius = limit_s * speed;
  // The cheap filters first; whether a venue is open is asked only of those the walk reaches.
  Filter cheap = f;
  cheap.open_at.reset();
  auto keep = [&](long long i) { return passes(*entries[(size_t)i], cheap); };
  auto candidates = index->within(origin, radius, keep);
  std::optional<Snap> from;
  if (network) {
    auto s = snap(*network, origin);
    if (s.node != UINT32_MAX) from = s;
    else r.note = "起点500米内没有可步行的道路，按直线距离估算";
  } else {
    r.note = network_state == "failed" ? "步行网络无法载入，按直线距离估算" : "尚未载入步行网络，按直线距离估算";
  }
  if (from) {
    r.mode = "network";
    r.snap_m = from->metres;
    double left = limit_s - from->metres / speed;
    // The candidates by their node: the walk's reached nodes are looked up in this small map.
    std::unordered_multimap<uint32_t, size_t> at_node;
    at_node.reserve(candidates.size() * 2);
    for (size_t k = 0; k < candidates.size(); ++k) {
      auto& s = snaps[(size_t)candidates[k].id];
      if (s.node == UINT32_MAX) {  // a venue away from every walkable way: straight line
        double t = candidates[k].metres * kCircuity / speed;
        if (t <= limit_s) r.hits.push_back({entries[(size_t)candidates[k].id].get(), candidates[k].metres, t});
      } else {
        at_node.emplace(s.node, k);
      }
    }
    std::vector<std::pair<geo::LonLat, double>> reached;
    if (left > 0) {
      auto walk = network->net.graph.reach(from->node, speed, left);
      reached.reserve(walk.size());
      for (auto& [node, t] : walk) {
        double at = t + from->metres / speed;
        reached.push_back({network->net.graph.at(node), (limit_s - at) * speed});
        auto [a, b] = at_node.equal_range(node);
        for (auto it = a; it != b; ++it) {
          auto& h = candidates[it->second];
          double total = at + snaps[(size_t)h.id].metres / speed;
          if (total <= limit_s) r.hits.push_back({entries[(size_t)h.id].get(), h.metres, total});
        }
      }
    }
    r.shed = outline(origin, reached, 60);
  } else {
    r.mode = "straight";
    for (auto& h : candidates) {
      double t = h.metres * kCircuity / speed;
      if (t <= limit_s) r.hits.push_back({entries[(size_t)h.id].get(), h.metres, t});
    }
    for (int i = 0; i <= 72; ++i) r.shed.push_back(offset(origin, radius / kCircuity, (i % 72) * 2 * kPi / 72));
  }
  if (f.open_at) {
    auto closed = [&](const Hit& h) { return state(*h.e, f.audience, *f.open_at) != hours::State::Open; };
    r.hits.erase(std::remove_if(r.hits.begin(), r.hits.end(), closed), r.hits.end());
  }
  std::sort(r.hits.begin(), r.hits.end(), [](const Hit& a, const Hit& b) {
    if (*a.walk_s != *b.walk_s) return *a.walk_s < *b.walk_s;
    return a.e->v.id < b.e->v.id;
  });
  r.total = r.hits.size();
  if (r.hits.size() > limit) r.hits.resize(limit);
  return r;
}

std::shared_ptr<const std::vector<SchoolCover>> View::coverage15() const {
  std::lock_guard l(cover_mu_);
  if (!cover15_) cover15_ = std::make_shared<const std::vector<SchoolCover>>(coverage(15, kDefaultSpeed));
  return cover15_;
}

std::vector<SchoolCover> View::coverage(int minutes, double speed) const {
  std::vector<SchoolCover> out;
  Filter sports_f, study_f;
  for (auto& k : kinds()) (sports_kind(k.code) ? sports_f : study_f).kinds.push_back(k.code);
  study_f.free_only = true;
  for (auto& s : schools) {
    SchoolCover c{&s, std::nullopt, std::nullopt, "", ""};
    // Suitable for pupils: admitted alone or with a guardian.
    Filter f = sports_f;
    for (int a : {0, 1}) {
      f.audience = a;
      auto r = reach(s.at, minutes, speed, f, 1);
      if (!r.hits.empty() && (!c.sports_s || *r.hits[0].walk_s < *c.sports_s)) {
        c.sports_s = r.hits[0].walk_s;
        c.sports_name = r.hits[0].e->v.name;
      }
    }
    auto r = reach(s.at, minutes, speed, study_f, 1);
    if (!r.hits.empty()) {
      c.study_s = r.hits[0].walk_s;
      c.study_name = r.hits[0].e->v.name;
    }
    out.push_back(std::move(c));
  }
  return out;
}
}  // namespace xt::venues
