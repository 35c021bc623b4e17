// Minimum-cost maximum flow by the primal-dual method: Dijkstra on reduced costs finds the
// length of the shortest augmenting path, then a blocking flow (Dinic) saturates every path of
// that length at once. The number of phases is the number of distinct path lengths, which is
// small when costs take few values (the expert assignment's case), so large bipartite graphs
// solve in a few dozen Dijkstra passes instead of one per unit of flow.
#pragma once
#include <cstdint>
#include <vector>

namespace xt::review {

class MinCostFlow {
 public:
  explicit MinCostFlow(int nodes);
  // Returns the edge's index (for flow_on). Costs may be negative; the graph must hold no
  // negative cycle.
  int add_edge(int from, int to, int cap, long long cost);
  struct Result {
    long long flow = 0, cost = 0;
    int phases = 0;
  };
  Result solve(int source, int sink);
  int flow_on(int edge) const { return flow_[edge]; }

 private:
  struct Arc {
    int to, cap;
    long long cost;
  };
  void build();
  bool initial_potentials(int source);
  bool dijkstra(int source, int sink);
  long long blocking_flow(int source, int sink);
  int dfs(int v, int sink, int pushed);
  bool admissible(int v, int a) const { return arcs_[a].cap > 0 && arcs_[a].cost + pot_[v] - pot_[arcs_[a].to] == 0; }

  int n_;
  std::vector<Arc> arcs_;       // arc 2i is edge i, 2i+1 its residual reverse
  std::vector<int> from_;       // tail of each arc
  std::vector<int> flow_;       // per edge, filled at the end
  std::vector<int> start_, adj_, cur_, level_;  // CSR adjacency, current arc, BFS level
  std::vector<long long> pot_, dist_;
};
}  // namespace xt::review
