#include "modules/venues/walk/graph.hpp"

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
  // Distances of the nodes touched so far (a map: the walk touches few nodes of the city).
  std::unordered_map<uint32_t, float> dist;
  using Item = std::pair<float, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  dist[origin] = 0;
  q.push({0, origin});
  while (!q.empty()) {
    auto [d, v] = q.top();
    q.pop();
    if (d > dist[v]) continue;
    out.push_back({v, (float)(d / speed_mps)});
    for (uint32_t i = first_[v]; i < first_[v + 1]; ++i) {
      float nd = d + length_[i];
      if (nd > limit_m) continue;
      auto [it, fresh] = dist.try_emplace(target_[i], nd);
      if (!fresh) {
        if (nd >= it->second) continue;
        it->second = nd;
      }
      q.push({nd, target_[i]});
    }
  }
  return out;
}

size_t Graph::bytes() const {
  return pos_.capacity() * sizeof(geo::LonLat) + (first_.capacity() + target_.capacity()) * sizeof(uint32_t) + length_.capacity() * sizeof(float);
}
}  // namespace xt::venues::walk
