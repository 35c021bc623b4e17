#include "modules/venues/geo/index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

namespace xt::venues::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using P = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<P>;
using Value = std::pair<P, size_t>;  // plane position, index into points
constexpr double kMetresPerDegree = 111'194.9;  // on the mean sphere
}  // namespace

struct Index::Impl {
  std::vector<Point> points;
  LonLat centre;
  double cos_lat;
  bgi::rtree<Value, bgi::rstar<16>> tree;

  P plane(LonLat p) const { return P((p.lon - centre.lon) * kMetresPerDegree * cos_lat, (p.lat - centre.lat) * kMetresPerDegree); }
  // The plane's scale varies with latitude across a city (±2 % over ±1°); the search box is
  // widened by that much so no point within the radius is left out.
  double slack(double r) const { return r * 1.05 + 50; }
};

Index::Index(std::vector<Point> points, LonLat centre) : impl_(std::make_unique<Impl>()) {
  impl_->points = std::move(points);
  impl_->centre = centre;
  impl_->cos_lat = std::cos(centre.lat * 3.14159265358979324 / 180);
  std::vector<Value> values;
  values.reserve(impl_->points.size());
  for (size_t i = 0; i < impl_->points.size(); ++i) values.push_back({impl_->plane(impl_->points[i].at), i});
  impl_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // packed (bulk loading)
}

Index::~Index() = default;

size_t Index::size() const { return impl_->points.size(); }

std::vector<Hit> Index::within(LonLat from, double radius_m, const std::function<bool(long long)>& keep) const {
  auto c = impl_->plane(from);
  double s = impl_->slack(radius_m);
  Box box(P(bg::get<0>(c) - s, bg::get<1>(c) - s), P(bg::get<0>(c) + s, bg::get<1>(c) + s));
  std::vector<Hit> out;
  for (auto it = impl_->tree.qbegin(bgi::intersects(box)); it != impl_->tree.qend(); ++it) {
    auto& p = impl_->points[it->second];
    double d = distance_m(from, p.at);
    if (d <= radius_m && keep(p.id)) out.push_back({p.id, d});
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.metres != b.metres ? a.metres < b.metres : a.id < b.id; });
  return out;
}

std::vector<Hit> Index::nearest(LonLat from, size_t k, double radius_m, const std::function<bool(long long)>& keep) const {
  std::vector<Hit> out;
  if (k == 0) return out;
  auto c = impl_->plane(from);
  double s = impl_->slack(radius_m);
  // Walk outwards in plane order; stop once the plane distance passes the radius (with slack)
  // and k exact hits are certain: plane and sphere orders differ by at most the slack factor.
  for (auto it = impl_->tree.qbegin(bgi::nearest(c, (unsigned)impl_->points.size())); it != impl_->tree.qend(); ++it) {
    double plane_d = bg::distance(c, it->first);
    if (plane_d > s) break;
    if (out.size() >= k && plane_d > out[k - 1].metres * 1.05 + 50) break;
    auto& p = impl_->points[it->second];
    double d = distance_m(from, p.at);
    if (d > radius_m || !keep(p.id)) continue;
    out.push_back({p.id, d});
    std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.metres != b.metres ? a.metres < b.metres : a.id < b.id; });
  }
  if (out.size() > k) out.resize(k);
  return out;
}
std::optional<Hit> Index::nearest_one(LonLat from, double radius_m) const {
  // The 8 nearest on the plane, decided on the sphere; sure when the 8th is farther on the plane
  // than the best could be (the plane's scale error is under the slack), else the general walk.
  auto c = impl_->plane(from);
  constexpr unsigned kProbe = 8;
  std::vector<Value> near;
  near.reserve(kProbe);
  impl_->tree.query(bgi::nearest(c, kProbe), std::back_inserter(near));
  std::optional<Hit> best;
  double farthest_plane = 0;
  for (auto& v : near) {
    farthest_plane = std::max(farthest_plane, bg::distance(c, v.first));
    auto& p = impl_->points[v.second];
    double d = distance_m(from, p.at);
    if (d <= radius_m && (!best || d < best->metres || (d == best->metres && p.id < best->id))) best = Hit{p.id, d};
  }
  bool sure = near.size() < kProbe || (best && farthest_plane > best->metres * 1.05 + 50) || (!best && farthest_plane > impl_->slack(radius_m));
  if (sure) return best;
  auto h = nearest(from, 1, radius_m, [](long long) { return true; });
  return h.empty() ? std::nullopt : std::optional<Hit>(h[0]);
}
}  // namespace xt::venues::geo
