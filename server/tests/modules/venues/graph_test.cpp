// Walking times from the bounded search against a plain Dijkstra over the whole graph.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <queue>
#include <random>

#include "modules/venues/walk/graph.hpp"

using namespace xt::venues;
using walk::Graph;

namespace {
// A street grid with jitter, some missing blocks and some diagonals, about 150 m blocks.
Graph grid(int w, int h, std::mt19937& rng, std::vector<Graph::Edge>& edges) {
  std::vector<geo::LonLat> nodes;
  std::uniform_real_distribution<double> jitter(-0.0003, 0.0003);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) nodes.push_back({117.0 + x * 0.0017 + jitter(rng), 36.65 + y * 0.00135 + jitter(rng)});
  auto id = [w](int x, int y) { return (uint32_t)(y * w + x); };
  auto add = [&](uint32_t a, uint32_t b) { edges.push_back({a, b, (float)geo::distance_m(nodes[a], nodes[b])}); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (x + 1 < w && rng() % 10) add(id(x, y), id(x + 1, y));
      if (y + 1 < h && rng() % 10) add(id(x, y), id(x, y + 1));
      if (x + 1 < w && y + 1 < h && rng() % 7 == 0) add(id(x, y), id(x + 1, y + 1));
    }
  return Graph(nodes, edges);
}

std::vector<double> plain_dijkstra(const Graph& g, uint32_t origin) {
  std::vector<double> d(g.nodes(), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  d[origin] = 0;
  q.push({0, origin});
  while (!q.empty()) {
    auto [dv, v] = q.top();
    q.pop();
    if (dv > d[v]) continue;
    for (uint32_t i = g.first()[v]; i < g.first()[v + 1]; ++i) {
      double nd = dv + g.lengths()[i];
      if (nd < d[g.targets()[i]]) {
        d[g.targets()[i]] = nd;
        q.push({nd, g.targets()[i]});
      }
    }
  }
  return d;
}
}  // namespace

TEST(WalkGraph, BoundedTimesEqualAPlainDijkstra) {
  std::mt19937 rng(15);
  std::vector<Graph::Edge> edges;
  auto g = grid(60, 60, rng, edges);
  EXPECT_EQ(g.edges(), edges.size());
  const double speed = 1.1, limit = 15 * 60;  // a child's pace, 15 minutes
  for (int q = 0; q < 40; ++q) {
    uint32_t origin = rng() % g.nodes();
    auto all = plain_dijkstra(g, origin);
    auto got = g.reach(origin, speed, limit);
    std::map<uint32_t, float> seconds(got.begin(), got.end());
    size_t expected = 0;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      bool in = all[n] <= speed * limit;
      expected += in;
      if (in) {
        ASSERT_TRUE(seconds.count(n)) << "node " << n << " at " << all[n] << " m";
        EXPECT_NEAR(seconds[n], all[n] / speed, 0.5);
      }
    }
    EXPECT_EQ(seconds.size(), expected) << "nothing beyond the budget";
  }
}

TEST(WalkGraph, OriginOnlyAndBadInput) {
  Graph g({{117.0, 36.65}, {117.01, 36.65}}, {{0, 1, 900.0f}});
  auto r = g.reach(0, 1.1, 60);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].first, 0u);
  EXPECT_TRUE(g.reach(5, 1.1, 60).empty());
  EXPECT_TRUE(g.reach(0, 0, 60).empty());
  EXPECT_EQ(g.reach(0, 1.0, 900).size(), 2u);
  EXPECT_GT(g.bytes(), 0u);
}
