// Expert assignment at the two sizes, on a generated review shaped like a city's:
// cases and experts spread over 12 districts (an expert never reviews a case of their own
// district), a few partner and declared conflicts, fields matching topics. Prints the time of
// the optimal assignment and of the greedy baseline, and the total match of each.
#include <cstdio>
#include <random>

#include "modules/review/assign/assign.hpp"
#include "timing.hpp"

using namespace xt::review;

namespace {
AssignProblem city_review(int cases, int experts, unsigned seed) {
  std::mt19937 rng(seed);
  const int districts = 12, topics = 8;
  AssignProblem p;
  p.cases = cases;
  p.experts = experts;
  p.k = 3;
  p.match.resize((size_t)cases * experts);
  std::vector<int> e_district(experts), e_fields(experts);
  for (int e = 0; e < experts; ++e) {
    e_district[e] = rng() % (districts + 4);  // some experts from the city's own units (no district)
    e_fields[e] = (1 << (rng() % topics)) | (1 << (rng() % topics));
  }
  for (int c = 0; c < cases; ++c) {
    int d = rng() % districts;
    int t = (1 << (rng() % topics)) | (1 << (rng() % topics)) | (1 << (rng() % topics));
    for (int e = 0; e < experts; ++e) {
      bool conflict = e_district[e] == d || rng() % 100 == 0;
      p.match[(size_t)c * experts + e] = conflict ? -1 : (int8_t)__builtin_popcount(t & e_fields[e]);
    }
  }
  return p;
}

void run(int cases, int experts) {
  auto p = city_review(cases, experts, 2026);
  AssignResult opt, greedy;
  auto t_opt = xt::bench::sorted_runs(5, [&] { opt = assign_optimal(p); });
  auto t_greedy = xt::bench::sorted_runs(5, [&] { greedy = assign_greedy(p); });
  int short_opt = 0, short_greedy = 0;
  for (int s : opt.short_by) short_opt += s;
  for (int s : greedy.short_by) short_greedy += s;
  auto spread = [](const AssignResult& r) {
    int lo = 1 << 30, hi = 0;
    for (int l : r.load) lo = std::min(lo, l), hi = std::max(hi, l);
    return std::make_pair(lo, hi);
  };
  auto [olo, ohi] = spread(opt);
  auto [glo, ghi] = spread(greedy);
  std::printf("%5d cases x 3 among %3d experts: optimal median %7.1f ms (worst %7.1f, %d phases), match %lld, loads %d-%d, short %d\n",
              cases, experts, t_opt[2], t_opt.back(), opt.phases, opt.total_match, olo, ohi, short_opt);
  std::printf("%45s greedy  median %7.1f ms, match %lld, loads %d-%d, short %d; optimal/greedy match %.3f\n", "", t_greedy[2],
              greedy.total_match, glo, ghi, short_greedy, greedy.total_match ? (double)opt.total_match / greedy.total_match : 0.0);
}
}  // namespace

int main() {
  run(300, 60);
  run(3000, 300);
  return 0;
}
