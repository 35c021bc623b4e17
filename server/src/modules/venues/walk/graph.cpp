#include "modules/venues/walk/graph.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <unordered_map>

namespace xt::venues::walk {

Graph::Graph(std::vector<geo::LonLat> nodes, const std::vector<Edge>& edges) : pos_(std::move(nodes)) {
  first_.assign(pos_.size() + 1, 0);
  for (auto& e : edges) {
    ++first_[e.a + 1];
    ++first_[e.b + 1];
  }
  for (size_t i = 0; i < pos_.size(); ++i) first_[i + 1] += first_[i];
  target_.resize(edges.size() * 2);
  length_.resize(edges.size() * 2);
  auto fill = first_;
  for (auto& e : edges) {
    target_[fill[e.a]] = e.b;
    length_[fill[e.a]++] = e.metres;
    target_[fill[e.b]] = e.a;
    length_[fill[e.b]++] = e.metres;
  }
}

std::vector<std::pair<uint32_t, float>> Graph::reach(uint32_t origin, double speed_mps, double limit_s) const {
  std::vector<std::pair<uint32_t, float>> out;
  if (origin >= pos_.size() || speed_mps <= 0) return out;
  const float limit_m = (float)(speed_mps * limit_s);
  // Distances in an array as long as the graph, kept per thread and reset where touched: a walk
  // touches a few thousand nodes of a million, and a map would cost more than the search.
  thread_local std::vector<float> dist;
  thread_local std::vector<uint32_t> touched;
  thread_local const Graph* sized_for = nullptr;
  if (sized_for != this || dist.size() != pos_.size()) {
    dist.assign(pos_.size(), std::numeric_limits<float>::infinity());
    sized_for = this;
  }
  using Item = std::pair<float, uint32_t>;
  thread_local std::vector<Item> heap;
  heap.clear();
  touched.clear();
  auto push = [&](float d, uint32_t v) {
    heap.push_back({d, v});
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  dist[origin] = 0;
  touched.push_back(origin);
  push(0, origin);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    auto [d, v] = heap.back();
    heap.pop_back();
    if (d > dist[v]) continue;
    out.push_back({v, (float)(d / speed_mps)});
    for (uint32_t i = first_[v]; i < first_[v + 1]; ++i) {
      float nd = d + length_[i];
      uint32_t t = target_[i];
      if (nd > limit_m || nd >= dist[t]) continue;
      if (dist[t] == std::numeric_limits<float>::infinity()) touched.push_back(t);
      dist[t] = nd;
      push(nd, t);
    }
  }
  for (auto t : touched) dist[t] = std::numeric_limits<float>::infinity();
  return out;
}

size_t Graph::bytes() const {
  return pos_.capacity() * sizeof(geo::LonLat) + (first_.capacity() + target_.capacity()) * sizeof(uint32_t) + length_.capacity() * sizeof(float);
}
}  // namespace xt::venues::walk
