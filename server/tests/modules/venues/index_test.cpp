// The spatial index against a full scan on random venues over the Jinan area: identical sets
// for "within r" and for "the k nearest", with and without a filter.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "modules/venues/geo/index.hpp"

using namespace xt::venues::geo;

namespace {
std::vector<Hit> scan(const std::vector<Point>& pts, LonLat from, double r, const std::function<bool(long long)>& keep) {
  std::vector<Hit> out;
  for (auto& p : pts) {
    double d = distance_m(from, p.at);
    if (d <= r && keep(p.id)) out.push_back({p.id, d});
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.metres != b.metres ? a.metres < b.metres : a.id < b.id; });
  return out;
}
std::vector<long long> ids(const std::vector<Hit>& v) {
  std::vector<long long> out;
  for (auto& h : v) out.push_back(h.id);
  return out;
}
}  // namespace

TEST(VenueIndex, SameSetsAsAFullScan) {
  std::mt19937 rng(2026);
  // Clustered like a city: most venues near a few centres, some spread over the whole area.
  std::uniform_real_distribution<double> lon(116.2, 117.9), lat(36.0, 37.6);
  std::normal_distribution<double> near(0, 0.03);
  std::vector<LonLat> centres;
  for (int i = 0; i < 12; ++i) centres.push_back({lon(rng), lat(rng)});
  std::vector<Point> pts;
  for (long long i = 1; i <= 20000; ++i) {
    LonLat at = i % 5 == 0 ? LonLat{lon(rng), lat(rng)} : LonLat{centres[i % 12].lon + near(rng), centres[i % 12].lat + near(rng)};
    pts.push_back({i * 3, at});
  }
  Index index(pts, {117.0, 36.65});
  ASSERT_EQ(index.size(), pts.size());
  std::uniform_real_distribution<double> radius(50, 3000);
  int nonempty = 0;
  for (int q = 0; q < 400; ++q) {
    LonLat from = q % 2 ? centres[q % 12] : LonLat{lon(rng), lat(rng)};
    from.lon += near(rng) / 3;
    double r = radius(rng);
    int mod = 1 + q % 4;
    auto keep = [mod](long long id) { return id % mod == 0; };
    auto want = scan(pts, from, r, keep);
    ASSERT_EQ(ids(index.within(from, r, keep)), ids(want)) << "query " << q;
    size_t k = 1 + q % 20;
    auto first_k = std::vector<Hit>(want.begin(), want.begin() + std::min(k, want.size()));
    ASSERT_EQ(ids(index.nearest(from, k, r, keep)), ids(first_k)) << "query " << q << " k " << k;
    auto all = scan(pts, from, r, [](long long) { return true; });
    auto one = index.nearest_one(from, r);
    ASSERT_EQ(one.has_value(), !all.empty()) << "query " << q;
    if (one) ASSERT_EQ(one->id, all[0].id) << "query " << q;
    nonempty += !want.empty();
  }
  EXPECT_GT(nonempty, 150);  // the queries meet venues, not only empty ground
}

TEST(VenueIndex, EmptyAndDegenerate) {
  Index empty({}, {117.0, 36.65});
  auto all = [](long long) { return true; };
  EXPECT_TRUE(empty.within({117.0, 36.65}, 1000, all).empty());
  EXPECT_TRUE(empty.nearest({117.0, 36.65}, 5, 1000, all).empty());
  Index one({{7, {117.0, 36.65}}}, {117.0, 36.65});
  EXPECT_EQ(ids(one.nearest({117.0, 36.65}, 0, 1000, all)), std::vector<long long>{});
  EXPECT_EQ(ids(one.within({117.0, 36.65}, 0, all)), std::vector<long long>{7});
  EXPECT_TRUE(one.within({117.1, 36.65}, 1000, all).empty());
}
