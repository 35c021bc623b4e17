#include "modules/review/assign/min_cost_flow.hpp"

#include <algorithm>
#include <limits>
#include <queue>

namespace xt::review {
namespace {
constexpr long long kInf = std::numeric_limits<long long>::max() / 4;
}

MinCostFlow::MinCostFlow(int nodes) : n_(nodes) {}

int MinCostFlow::add_edge(int from, int to, int cap, long long cost) {
  arcs_.push_back({to, cap, cost});
  from_.push_back(from);
  arcs_.push_back({from, 0, -cost});
  from_.push_back(to);
  return (int)arcs_.size() / 2 - 1;
}

void MinCostFlow::build() {
  start_.assign(n_ + 1, 0);
  for (int f : from_) ++start_[f + 1];
  for (int v = 0; v < n_; ++v) start_[v + 1] += start_[v];
  adj_.assign(arcs_.size(), 0);
  auto fill = start_;
  for (int a = 0; a < (int)arcs_.size(); ++a) adj_[fill[from_[a]]++] = a;
}

// Potentials from a virtual source joined to every node at cost 0 (Bellman-Ford in edge order:
// on a layered graph added layer by layer one pass settles it, the second confirms).
bool MinCostFlow::initial_potentials(int) {
  pot_.assign(n_, 0);
  for (int pass = 0; pass < n_; ++pass) {
    bool changed = false;
    for (int a = 0; a < (int)arcs_.size(); ++a) {
      if (arcs_[a].cap <= 0) continue;
      long long d = pot_[from_[a]] + arcs_[a].cost;
      if (d < pot_[arcs_[a].to]) {
        pot_[arcs_[a].to] = d;
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;  // a negative cycle
}

bool MinCostFlow::dijkstra(int source, int sink) {
  dist_.assign(n_, kInf);
  using Item = std::pair<long long, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  dist_[source] = 0;
  q.push({0, source});
  while (!q.empty()) {
    auto [d, v] = q.top();
    q.pop();
    if (d != dist_[v]) continue;
    for (int i = start_[v]; i < start_[v + 1]; ++i) {
      const auto& arc = arcs_[adj_[i]];
      if (arc.cap <= 0) continue;
      long long nd = d + arc.cost + pot_[v] - pot_[arc.to];
      if (nd < dist_[arc.to]) {
        dist_[arc.to] = nd;
        q.push({nd, arc.to});
      }
    }
  }
  if (dist_[sink] >= kInf) return false;
  long long cap = dist_[sink];
  for (int v = 0; v < n_; ++v) pot_[v] += std::min(dist_[v], cap);
  return true;
}

int MinCostFlow::dfs(int v, int sink, int pushed) {
  if (v == sink) return pushed;
  for (int& i = cur_[v]; i < start_[v + 1]; ++i) {
    int a = adj_[i];
    int to = arcs_[a].to;
    if (level_[to] != level_[v] + 1 || !admissible(v, a)) continue;
    int got = dfs(to, sink, std::min(pushed, arcs_[a].cap));
    if (got > 0) {
      arcs_[a].cap -= got;
      arcs_[a ^ 1].cap += got;
      return got;
    }
  }
  return 0;
}

long long MinCostFlow::blocking_flow(int source, int sink) {
  long long total = 0;
  for (;;) {
    level_.assign(n_, -1);
    std::vector<int> queue{source};
    level_[source] = 0;
    for (size_t h = 0; h < queue.size(); ++h) {
      int v = queue[h];
      for (int i = start_[v]; i < start_[v + 1]; ++i) {
        int a = adj_[i];
        int to = arcs_[a].to;
        if (level_[to] < 0 && admissible(v, a)) {
          level_[to] = level_[v] + 1;
          queue.push_back(to);
        }
      }
    }
    if (level_[sink] < 0) return total;
    cur_.assign(start_.begin(), start_.end() - 1);
    while (int f = dfs(source, sink, std::numeric_limits<int>::max())) total += f;
  }
}

MinCostFlow::Result MinCostFlow::solve(int source, int sink) {
  std::vector<int> original;
  original.reserve(arcs_.size() / 2);
  for (size_t a = 0; a < arcs_.size(); a += 2) original.push_back(arcs_[a].cap);
  build();
  Result r;
  if (!initial_potentials(source)) return r;
  while (dijkstra(source, sink)) {
    ++r.phases;
    if (blocking_flow(source, sink) == 0) break;
  }
  flow_.assign(original.size(), 0);
  for (size_t e = 0; e < original.size(); ++e) {
    flow_[e] = original[e] - arcs_[2 * e].cap;
    if (e < original.size() && from_[2 * e] == source) r.flow += flow_[e];
    r.cost += (long long)flow_[e] * arcs_[2 * e].cost;
  }
  return r;
}
}  // namespace xt::review
