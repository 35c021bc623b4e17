// The results of a review from its submitted score sheets: per case the raw mean, the
// normalised score, the spread between experts and the place, by rules stated in
// docs/review.md:
//   - normalised: each expert's totals become z-scores within that expert (population standard
//     deviation), rescaled to the whole review's mean and standard deviation, so that a strict
//     and a lenient expert weigh alike; an expert with fewer than 2 sheets or all totals equal
//     keeps their raw totals;
//   - a case is flagged for a second look when its totals differ by more than the sheet's
//     disagreement threshold;
//   - places by normalised mean, then raw mean (both to 0.01), then the district's
//     recommendation order (1 first; none last), then the earlier submission, then the case id;
//     cases without a sheet come last.
#pragma once
#include <optional>
#include <vector>

namespace xt::review {

struct ScoredSheet {
  long long case_id = 0, expert_id = 0;
  double total = 0;
};

struct CaseKey {
  long long case_id = 0;
  std::optional<long long> district_rank;
  long long submitted_at = 0;
};

struct ExpertScore {
  long long expert_id = 0;
  double total = 0, normalised = 0;
};

struct CaseResult {
  long long case_id = 0;
  int sheets = 0;
  std::optional<double> raw_mean, normalised, spread;
  bool flagged = false;
  int place = 0;  // 1-based
  std::vector<ExpertScore> scores;
};

double round2(double v);
// In the order of the places.
std::vector<CaseResult> compute_results(const std::vector<CaseKey>& cases, const std::vector<ScoredSheet>& sheets, double disagreement);
}  // namespace xt::review
