// The map's view on a hand-made street grid: walking times along the streets (not straight),
// filters by audience and time, closures, the straight-line fallback, and an edit applied.
#include <gtest/gtest.h>

#include <cmath>

#include "modules/venues/atlas.hpp"

using namespace xt::venues;

namespace {
// A 5 × 5 grid, 100 m apart, around 117.0°E 36.6°N, with the middle column cut between rows
// 0 and 4 except at the ends: to cross it you walk round.
walk::Network grid() {
  const double dlat = 100 / 111320.0, dlon = 100 / (111320.0 * std::cos(36.6 * 3.14159265358979 / 180));
  std::vector<geo::LonLat> pos;
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 5; ++c) pos.push_back({117.0 + c * dlon, 36.6 + r * dlat});
  std::vector<walk::Graph::Edge> edges;
  auto id = [](int c, int r) { return (uint32_t)(r * 5 + c); };
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 5; ++c) {
      bool wall = (c == 1 || c == 2) && r > 0;  // no way from column 1 to 2 except on row 0
      if (c + 1 < 5 && !wall) edges.push_back({id(c, r), id(c + 1, r), 100});
      if (r + 1 < 5) edges.push_back({id(c, r), id(c, r + 1), 100});
    }
  walk::Network n;
  n.graph = walk::Graph(pos, edges);
  return n;
}

Venue venue(long long id, geo::LonLat at, const char* pupil) {
  Venue v;
  v.id = id;
  v.name = "场馆" + std::to_string(id);
  v.kind = "community_ground";
  v.lon = at.lon;
  v.lat = at.lat;
  if (pupil) v.hours[0] = pupil;
  v.hours[1] = "24/7";
  v.status = "active";
  return v;
}
}  // namespace

TEST(VenueView, WalkingTimesFollowTheStreetsAndFiltersApply) {
  auto net = network_from(grid());
  auto at = [&](int c, int r) { return net->net.graph.at((uint32_t)(r * 5 + c)); };
  std::vector<Venue> vs = {venue(1, at(2, 4), "24/7"), venue(2, at(1, 3), "Mo-Fr 16:00-18:00"), venue(3, at(4, 4), nullptr)};
  auto v = assemble_view(vs, net, nullptr);
  Filter any;
  // From (1,4): venue 2 is 100 m down the street; venue 1 is 100 m away in a straight line,
  // but the wall sends the walk down to row 0 and back: 4 + 1 + 4 blocks = 900 m.
  auto r = v->reach(at(1, 4), 15, 1.0, any, 20);
  ASSERT_EQ(r.mode, "network");
  ASSERT_EQ(r.hits.size(), 2u) << "venue 3 is 300 m away but 1,100 m to walk";
  EXPECT_EQ(v->reach(at(1, 4), 20, 1.0, any, 20).hits.size(), 3u);
  EXPECT_EQ(r.hits[0].e->v.id, 2);
  EXPECT_NEAR(*r.hits[0].walk_s, 100, 0.5);
  EXPECT_EQ(r.hits[1].e->v.id, 1);
  EXPECT_NEAR(*r.hits[1].walk_s, 900, 0.5);
  EXPECT_NEAR(r.hits[1].metres, 100, 1);
  // Ten minutes at 1 m/s: 600 m reaches only venue 2.
  EXPECT_EQ(v->reach(at(1, 4), 10, 1.0, any, 20).hits.size(), 1u);
  // For a pupil alone on a Wednesday at 17:00 (2026-12-02): venue 2 and 1, not 3 (no pupil hours).
  Filter pupil;
  pupil.audience = 0;
  pupil.open_at = xt::venues::hours::day_number(2026, 12, 2) * 1440 + 17 * 60;
  auto p = v->reach(at(1, 4), 30, 1.0, pupil, 20);
  ASSERT_EQ(p.hits.size(), 2u);
  pupil.open_at = *pupil.open_at + 2 * 60;  // 19:00: venue 2 has closed
  EXPECT_EQ(v->reach(at(1, 4), 30, 1.0, pupil, 20).hits.size(), 1u);
  // Without a network: straight line × 1.2.
  auto flat = assemble_view(vs, nullptr, nullptr);
  auto s = flat->reach(at(1, 4), 15, 1.0, any, 20);
  EXPECT_EQ(s.mode, "straight");
  EXPECT_FALSE(s.note.empty());
  EXPECT_NEAR(*s.hits[0].walk_s, 100 * kCircuity, 2);
}

TEST(VenueView, AnEditReplacesRemovesAndAddsVenuesAndClosuresClose) {
  auto net = network_from(grid());
  auto at = [&](int c, int r) { return net->net.graph.at((uint32_t)(r * 5 + c)); };
  auto v = assemble_view({venue(1, at(0, 0), "24/7"), venue(2, at(4, 0), "24/7")}, net, nullptr);
  auto moved = venue(1, at(0, 1), "24/7");
  auto gone = venue(2, at(4, 0), "24/7");
  gone.status = "deleted";
  auto v2 = with_changes(*v, {moved, gone, venue(7, at(3, 3), "24/7")});
  EXPECT_EQ(v2->entries.size(), 2u);
  EXPECT_EQ(v2->find(2), nullptr);
  ASSERT_NE(v2->find(7), nullptr);
  EXPECT_EQ(v->entries.size(), 2u) << "the old view is untouched";
  auto r = v2->reach(at(0, 0), 15, 1.0, Filter{}, 20);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_NEAR(*r.hits[0].walk_s, 100, 0.5);
  // A closure without an end closes the venue for every audience from its first day.
  Entry e = *v2->find(7);
  e.closures.push_back({1, 7, "2026-12-01", std::nullopt, "检修", std::nullopt, 0});
  long long noon = xt::venues::hours::day_number(2026, 12, 3) * 1440 + 12 * 60;
  EXPECT_EQ(v2->state(e, -1, noon), xt::venues::hours::State::Closed);
  EXPECT_EQ(v2->state(*v2->find(7), -1, noon), xt::venues::hours::State::Open);
}
