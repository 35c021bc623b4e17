// The expert assignment against a brute-force oracle on small instances and against the greedy
// baseline on larger ones, over random pools, cases, conflicts and kept pairs.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <functional>
#include <set>

#include "modules/review/assign/assign.hpp"
#include "modules/review/assign/min_cost_flow.hpp"

using namespace xt::review;

namespace {
constexpr int kFullSize = 100;
int pick(int lo, int hi) { return *rc::gen::resize(kFullSize, rc::gen::inRange(lo, hi)); }

AssignProblem gen_problem(int max_cases, int max_experts, int block_pct) {
  AssignProblem p;
  p.cases = pick(1, max_cases + 1);
  p.experts = pick(1, max_experts + 1);
  p.k = pick(1, 4);
  p.match.resize((size_t)p.cases * p.experts);
  for (auto& m : p.match) m = pick(0, 100) < block_pct ? -1 : (int8_t)pick(0, 4);
  int kept = pick(0, 3);
  for (int i = 0; i < kept; ++i) {
    int c = pick(0, p.cases), e = pick(0, p.experts);
    if (p.at(c, e) >= 0 && std::find(p.kept.begin(), p.kept.end(), std::make_pair(c, e)) == p.kept.end()) p.kept.push_back({c, e});
  }
  return p;
}

// Every pair of the result is allowed, new and distinct; returns the experts per case.
std::vector<std::set<int>> check_pairs(const AssignProblem& p, const AssignResult& r) {
  std::vector<std::set<int>> per(p.cases);
  for (auto [c, e] : p.kept) per[c].insert(e);
  for (auto [c, e] : r.added) {
    RC_ASSERT(c >= 0 && c < p.cases && e >= 0 && e < p.experts);
    RC_ASSERT(p.at(c, e) >= 0);              // never a conflict
    RC_ASSERT(per[c].insert(e).second);      // never twice, never over a kept pair
  }
  return per;
}

int free_of(const AssignProblem& p, int c) {
  int n = 0;
  for (int e = 0; e < p.experts; ++e)
    if (p.at(c, e) >= 0 && std::find(p.kept.begin(), p.kept.end(), std::make_pair(c, e)) == p.kept.end()) ++n;
  return n;
}

struct Oracle {
  bool balanced_exists = false;
  long long best_balanced_match = -1;
};

// Every way of giving each case exactly as many new experts as it can take.
Oracle brute_force(const AssignProblem& p) {
  std::vector<int> kept_case(p.cases, 0), load0(p.experts, 0);
  long long kept_match = 0;
  std::vector<std::vector<char>> kept(p.cases, std::vector<char>(p.experts, 0));
  for (auto [c, e] : p.kept) {
    kept[c][e] = 1;
    ++kept_case[c];
    ++load0[e];
    kept_match += p.at(c, e);
  }
  std::vector<std::vector<std::vector<int>>> options(p.cases);
  long long total = p.kept.size();
  for (int c = 0; c < p.cases; ++c) {
    std::vector<int> free;
    for (int e = 0; e < p.experts; ++e)
      if (p.at(c, e) >= 0 && !kept[c][e]) free.push_back(e);
    int need = std::max(0, std::min(p.k - kept_case[c], (int)free.size()));
    total += need;
    for (int mask = 0; mask < (1 << free.size()); ++mask) {
      if (__builtin_popcount(mask) != need) continue;
      std::vector<int> s;
      for (size_t i = 0; i < free.size(); ++i)
        if (mask >> i & 1) s.push_back(free[i]);
      options[c].push_back(s);
    }
  }
  int low = (int)(total / p.experts), high = (int)((total + p.experts - 1) / p.experts);
  Oracle o;
  std::vector<int> load = load0;
  std::function<void(int, long long)> walk = [&](int c, long long match) {
    if (c == p.cases) {
      if (std::all_of(load.begin(), load.end(), [&](int l) { return l >= low && l <= high; })) {
        o.balanced_exists = true;
        o.best_balanced_match = std::max(o.best_balanced_match, match);
      }
      return;
    }
    for (auto& s : options[c]) {
      long long m = match;
      for (int e : s) ++load[e], m += p.at(c, e);
      walk(c + 1, m);
      for (int e : s) --load[e];
    }
  };
  walk(0, kept_match);
  return o;
}
}  // namespace

TEST(ReviewAssign, MatchesTheBruteForceOptimumOnSmallInstances) {
  int balanced = 0, unbalanced = 0;
  bool ok = rc::check("optimal assignment == brute force (coverage, balance, match)", [&] {
    auto p = gen_problem(4, 5, 25);
    auto r = assign_optimal(p);
    auto per = check_pairs(p, r);
    for (int c = 0; c < p.cases; ++c) {
      int kept = 0;
      for (auto [kc, ke] : p.kept) kept += kc == c;
      int want = std::max(0, std::min(p.k - kept, free_of(p, c)));
      RC_ASSERT((int)per[c].size() == kept + want);  // as many as the case can have
      RC_ASSERT(r.short_by[c] == std::max(0, p.k - kept - want));
    }
    auto o = brute_force(p);
    RC_ASSERT(r.balanced == o.balanced_exists);
    if (o.balanced_exists) {
      RC_ASSERT(r.total_match == o.best_balanced_match);
      ++balanced;
    } else {
      ++unbalanced;
    }
  });
  EXPECT_TRUE(ok);
  EXPECT_GT(balanced, 20);  // the generator reaches both kinds of instance
  EXPECT_GT(unbalanced, 0);
}

TEST(ReviewAssign, NeverWorseThanTheGreedyBaseline) {
  bool ok = rc::check("optimal ≥ greedy on match; balanced whenever greedy is", [&] {
    auto p = gen_problem(80, 25, pick(0, 40));
    auto opt = assign_optimal(p);
    auto greedy = assign_greedy(p);
    check_pairs(p, opt);
    check_pairs(p, greedy);
    for (int c = 0; c < p.cases; ++c) RC_ASSERT(opt.short_by[c] <= greedy.short_by[c]);
    bool greedy_full = std::all_of(greedy.short_by.begin(), greedy.short_by.end(), [&](int s) { return s == 0; }) ||
                       greedy.short_by == opt.short_by;
    if (greedy.balanced && greedy_full) {
      RC_ASSERT(opt.balanced);
      RC_ASSERT(opt.total_match >= greedy.total_match);
    }
  });
  EXPECT_TRUE(ok);
}

TEST(ReviewAssign, LoadsWithinOneOfTheMeanWithoutConflicts) {
  // 30 cases × 3 among 12 experts, nothing blocked: 90 / 12 = 7.5 → loads 7 or 8.
  AssignProblem p;
  p.cases = 30;
  p.experts = 12;
  p.k = 3;
  p.match.assign(30 * 12, 0);
  for (int c = 0; c < 30; ++c) p.match[c * 12 + c % 12] = 2;
  auto r = assign_optimal(p);
  EXPECT_EQ(r.added.size(), 90u);
  EXPECT_EQ(r.low, 7);
  EXPECT_EQ(r.high, 8);
  EXPECT_TRUE(r.balanced);
  for (int l : r.load) EXPECT_TRUE(l == 7 || l == 8) << l;
  EXPECT_EQ(r.total_match, 60);  // every case gets the expert whose field it matches
}

TEST(ReviewAssign, KeptPairsStayAndCountInTheLoad) {
  AssignProblem p;
  p.cases = 4;
  p.experts = 4;
  p.k = 2;
  p.match.assign(16, 1);
  p.match[0 * 4 + 3] = -1;  // expert 3 conflicts with case 0
  p.kept = {{0, 0}, {1, 0}};
  auto r = assign_optimal(p);
  EXPECT_EQ(r.load[0], 2);
  EXPECT_TRUE(r.balanced);
  for (auto [c, e] : r.added) {
    EXPECT_FALSE(c == 0 && e == 3);
    EXPECT_FALSE((c == 0 || c == 1) && e == 0);  // kept pairs are not added again
  }
  EXPECT_EQ(r.added.size(), 6u);
}

TEST(ReviewAssign, ACaseWithTooFewFreeExpertsIsShortButOthersAreServed) {
  AssignProblem p;
  p.cases = 2;
  p.experts = 3;
  p.k = 3;
  p.match.assign(6, 0);
  p.match[0] = -1;  // case 0 conflicts with expert 0: two experts at most
  auto r = assign_optimal(p);
  EXPECT_EQ(r.short_by[0], 1);
  EXPECT_EQ(r.short_by[1], 0);
  EXPECT_EQ(r.added.size(), 5u);
}

TEST(MinCostFlow, SmallGraphWithKnownOptimum) {
  // s → a (2, 0), s → b (1, 0), a → t (1, 5), a → b (1, 1), b → t (2, 1): max flow 3 at cost 5 + 1 + 1 + 1 = 8.
  MinCostFlow g(4);
  g.add_edge(0, 1, 2, 0);
  g.add_edge(0, 2, 1, 0);
  g.add_edge(1, 3, 1, 5);
  int ab = g.add_edge(1, 2, 1, 1);
  g.add_edge(2, 3, 2, 1);
  auto r = g.solve(0, 3);
  EXPECT_EQ(r.flow, 3);
  EXPECT_EQ(r.cost, 8);
  EXPECT_EQ(g.flow_on(ab), 1);
}
