// Assigning experts to cases, as an optimisation over the whole review (not case by case).
//
// Lexicographic goals, in order:
//   1. every case gets k experts whenever it has k experts free of conflict (coverage first);
//   2. no expert above ⌈mean⌉ and none below ⌊mean⌋ whenever that is possible (the mean over
//      every assignment the review will hold, kept ones included);
//   3. the most field matches (expert's fields ∩ the case's topics and form).
// Solved exactly as one minimum-cost flow: source → case (k − kept) → expert (1, −match) →
// sink through tiers per expert: up to ⌊mean⌋ at −BIG, one more at 0, beyond at +HUGE.
// Kept pairs (pins, assignments that already exist) count in the loads and are never moved;
// blocked pairs (conflicts, forbids) are never proposed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace xt::review {

struct AssignProblem {
  int cases = 0, experts = 0, k = 3;
  // match[c * experts + e]: how well expert e fits case c (≥ 0), or -1 when the pair is blocked.
  std::vector<int8_t> match;
  std::vector<std::pair<int, int>> kept;  // (case, expert) pairs that stay
  std::vector<int> case_k;                // per case, when it differs from k (empty: k for all)
  int k_of(int c) const { return case_k.empty() ? k : case_k[c]; }
  int at(int c, int e) const { return match[(std::size_t)c * experts + e]; }
};

struct AssignResult {
  std::vector<std::pair<int, int>> added;  // new (case, expert) pairs, by case
  std::vector<int> load;                   // per expert, kept pairs included
  std::vector<int> short_by;               // per case: how many experts it still lacks
  long long total_match = 0;               // over added and kept pairs
  int low = 0, high = 0;                   // ⌊mean⌋, ⌈mean⌉
  bool balanced = true;                    // every load within [low, high]
  int phases = 0;
};

// The optimal assignment (see above). Deterministic for a given problem.
AssignResult assign_optimal(const AssignProblem& p);
// The baseline a person would do by hand: cases in order, each taking the best-matching free
// experts below ⌈mean⌉ (fewest assigned first on ties), then any free expert if still short.
AssignResult assign_greedy(const AssignProblem& p);
}  // namespace xt::review
