// The pedestrian network: nodes with positions and undirected walkable edges with their
// lengths, in compressed rows; walking times from an origin by Dijkstra bounded by the time
// budget (a 15-minute walk touches a few thousand nodes of a city's million).
#pragma once
#include <cstdint>
#include <vector>

#include "modules/venues/geo/coords.hpp"

namespace xt::venues::walk {

class Graph {
 public:
  struct Edge {
    uint32_t a, b;
    float metres;
  };
  Graph() = default;
  Graph(std::vector<geo::LonLat> nodes, const std::vector<Edge>& edges);
  size_t nodes() const { return pos_.size(); }
  size_t edges() const { return target_.size() / 2; }
  const geo::LonLat& at(uint32_t n) const { return pos_[n]; }
  // Walking seconds from `origin` to every node reachable within `limit_s` at `speed_mps`
  // (node, seconds), unordered.
  std::vector<std::pair<uint32_t, float>> reach(uint32_t origin, double speed_mps, double limit_s) const;
  // Bytes held (for the operator: the network's resident size).
  size_t bytes() const;

  // Row of node n: targets_[first_[n] .. first_[n+1]).
  const std::vector<uint32_t>& first() const { return first_; }
  const std::vector<uint32_t>& targets() const { return target_; }
  const std::vector<float>& lengths() const { return length_; }

 private:
  std::vector<geo::LonLat> pos_;
  std::vector<uint32_t> first_, target_;
  std::vector<float> length_;
};
}  // namespace xt::venues::walk
