#include "modules/review/assign/assign.hpp"

#include <algorithm>
#include <numeric>

#include "modules/review/assign/min_cost_flow.hpp"

namespace xt::review {
namespace {
// What both solvers share: kept pairs per case and expert, the demand and the mean.
struct Frame {
  std::vector<char> kept;       // per (case, expert)
  std::vector<int> kept_case, kept_expert, need;
  long long total = 0;          // assignments the review will hold
  int low = 0, high = 0, max_match = 0;
};

Frame frame_of(const AssignProblem& p) {
  Frame f;
  f.kept.assign((size_t)p.cases * p.experts, 0);
  f.kept_case.assign(p.cases, 0);
  f.kept_expert.assign(p.experts, 0);
  for (auto [c, e] : p.kept) {
    if (c < 0 || c >= p.cases || e < 0 || e >= p.experts || f.kept[(size_t)c * p.experts + e]) continue;
    f.kept[(size_t)c * p.experts + e] = 1;
    ++f.kept_case[c];
    ++f.kept_expert[e];
    ++f.total;
  }
  f.need.assign(p.cases, 0);
  for (int c = 0; c < p.cases; ++c) {
    int free = 0;
    for (int e = 0; e < p.experts; ++e) {
      int m = p.at(c, e);
      f.max_match = std::max(f.max_match, m);
      if (m >= 0 && !f.kept[(size_t)c * p.experts + e]) ++free;
    }
    f.need[c] = std::max(0, std::min(p.k_of(c) - f.kept_case[c], free));
    f.total += f.need[c];
  }
  if (p.experts > 0) {
    f.low = (int)(f.total / p.experts);
    f.high = (int)((f.total + p.experts - 1) / p.experts);
  }
  return f;
}

void finish(const AssignProblem& p, const Frame& f, AssignResult& r) {
  r.low = f.low;
  r.high = f.high;
  r.load = f.kept_expert;
  r.short_by.assign(p.cases, 0);
  std::vector<int> got = f.kept_case;
  for (auto [c, e] : r.added) {
    ++r.load[e];
    ++got[c];
    r.total_match += p.at(c, e);
  }
  for (auto [c, e] : p.kept)
    if (c >= 0 && c < p.cases && e >= 0 && e < p.experts) r.total_match += std::max(0, p.at(c, e));
  for (int c = 0; c < p.cases; ++c) r.short_by[c] = std::max(0, p.k_of(c) - got[c]);
  r.balanced = std::all_of(r.load.begin(), r.load.end(), [&](int l) { return l >= f.low && l <= f.high; });
  std::sort(r.added.begin(), r.added.end());
}

// A fixed shuffle of the experts per case, so that equally good experts are not always taken
// in the order of the pool (which would make the same trios review case after case).
std::vector<int> expert_order(int experts, int c) {
  std::vector<int> order(experts);
  std::iota(order.begin(), order.end(), 0);
  uint64_t s = 0x9E3779B97F4A7C15ull * (uint64_t)(c + 1);
  for (int i = experts - 1; i > 0; --i) {
    s ^= s >> 33; s *= 0xff51afd7ed558ccdull; s ^= s >> 33;
    std::swap(order[i], order[(int)(s % (uint64_t)(i + 1))]);
  }
  return order;
}
}  // namespace

AssignResult assign_optimal(const AssignProblem& p) {
  Frame f = frame_of(p);
  AssignResult r;
  if (p.cases == 0 || p.experts == 0) {
    finish(p, f, r);
    return r;
  }
  // Costs: a match is worth 1; filling a lower tier is worth more than every match together,
  // and one unit above ⌈mean⌉ costs more than every lower tier together.
  const long long big = (f.total + 1) * (f.max_match + 1) + 1;
  const long long huge = big * (f.total + 1) + 1;
  const int source = 0, sink = 1, case0 = 2, expert0 = 2 + p.cases;
  MinCostFlow g(2 + p.cases + p.experts);
  for (int c = 0; c < p.cases; ++c)
    if (f.need[c] > 0) g.add_edge(source, case0 + c, f.need[c], 0);
  struct Pair { int edge, c, e; };
  std::vector<Pair> pairs;
  for (int c = 0; c < p.cases; ++c) {
    if (f.need[c] == 0) continue;
    for (int e : expert_order(p.experts, c)) {
      int m = p.at(c, e);
      if (m < 0 || f.kept[(size_t)c * p.experts + e]) continue;
      pairs.push_back({g.add_edge(case0 + c, expert0 + e, 1, -m), c, e});
    }
  }
  const int unbounded = 1 << 29;
  for (int e = 0; e < p.experts; ++e) {
    int below = std::max(0, f.low - f.kept_expert[e]);
    if (below > 0) g.add_edge(expert0 + e, sink, below, -big);
    int up_to_high = std::max(0, f.high - std::max(f.low, f.kept_expert[e]));
    if (up_to_high > 0) g.add_edge(expert0 + e, sink, up_to_high, 0);
    g.add_edge(expert0 + e, sink, unbounded, huge);
  }
  auto res = g.solve(source, sink);
  r.phases = res.phases;
  for (auto& x : pairs)
    if (g.flow_on(x.edge) > 0) r.added.push_back({x.c, x.e});
  finish(p, f, r);
  return r;
}

AssignResult assign_greedy(const AssignProblem& p) {
  Frame f = frame_of(p);
  AssignResult r;
  std::vector<int> load = f.kept_expert;
  for (int c = 0; c < p.cases; ++c) {
    int need = f.need[c];
    std::vector<char> taken(p.experts, 0);
    for (int pass = 0; pass < 2 && need > 0; ++pass) {
      std::vector<int> cand;
      for (int e = 0; e < p.experts; ++e)
        if (p.at(c, e) >= 0 && !taken[e] && !f.kept[(size_t)c * p.experts + e] && (pass == 1 || load[e] < f.high)) cand.push_back(e);
      std::stable_sort(cand.begin(), cand.end(), [&](int a, int b) {
        if (p.at(c, a) != p.at(c, b)) return p.at(c, a) > p.at(c, b);
        return load[a] < load[b];
      });
      for (int e : cand) {
        if (need == 0) break;
        taken[e] = 1;
        ++load[e];
        --need;
        r.added.push_back({c, e});
      }
    }
  }
  finish(p, f, r);
  return r;
}
}  // namespace xt::review
