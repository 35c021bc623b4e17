#include "modules/review/results/compute.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace xt::review {

double round2(double v) { return std::round(v * 100.0) / 100.0; }

namespace {
struct Stats {
  int n = 0;
  double mean = 0, sd = 0;
};
Stats stats_of(const std::vector<double>& v) {
  Stats s;
  s.n = (int)v.size();
  if (v.empty()) return s;
  for (double x : v) s.mean += x;
  s.mean /= v.size();
  double var = 0;
  for (double x : v) var += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(var / v.size());
  return s;
}
}  // namespace

std::vector<CaseResult> compute_results(const std::vector<CaseKey>& cases, const std::vector<ScoredSheet>& sheets, double disagreement) {
  std::map<long long, std::vector<double>> by_expert;
  std::vector<double> all;
  for (auto& s : sheets) {
    by_expert[s.expert_id].push_back(s.total);
    all.push_back(s.total);
  }
  std::map<long long, Stats> expert;
  for (auto& [e, v] : by_expert) expert[e] = stats_of(v);
  Stats overall = stats_of(all);
  auto normalise = [&](const ScoredSheet& s) {
    auto& st = expert[s.expert_id];
    if (st.n < 2 || st.sd < 1e-9) return s.total;
    double z = (s.total - st.mean) / st.sd;
    return overall.mean + z * overall.sd;
  };
  std::map<long long, size_t> at;
  std::vector<CaseResult> out;
  for (auto& k : cases) {
    at[k.case_id] = out.size();
    out.push_back({k.case_id, 0, std::nullopt, std::nullopt, std::nullopt, false, 0, {}});
  }
  for (auto& s : sheets) {
    auto it = at.find(s.case_id);
    if (it == at.end()) continue;
    out[it->second].scores.push_back({s.expert_id, s.total, normalise(s)});
  }
  for (auto& r : out) {
    r.sheets = (int)r.scores.size();
    if (r.scores.empty()) continue;
    double raw = 0, norm = 0, lo = r.scores[0].total, hi = lo;
    for (auto& x : r.scores) {
      raw += x.total;
      norm += x.normalised;
      lo = std::min(lo, x.total);
      hi = std::max(hi, x.total);
    }
    r.raw_mean = round2(raw / r.sheets);
    r.normalised = round2(norm / r.sheets);
    r.spread = round2(hi - lo);
    r.flagged = r.sheets >= 2 && hi - lo > disagreement + 1e-9;
    std::sort(r.scores.begin(), r.scores.end(), [](auto& a, auto& b) { return a.expert_id < b.expert_id; });
  }
  std::map<long long, const CaseKey*> key;
  for (auto& k : cases) key[k.case_id] = &k;
  std::stable_sort(out.begin(), out.end(), [&](const CaseResult& a, const CaseResult& b) {
    if (a.normalised.has_value() != b.normalised.has_value()) return a.normalised.has_value();
    if (a.normalised && *a.normalised != *b.normalised) return *a.normalised > *b.normalised;
    if (a.raw_mean && *a.raw_mean != *b.raw_mean) return *a.raw_mean > *b.raw_mean;
    auto ra = key[a.case_id]->district_rank, rb = key[b.case_id]->district_rank;
    if (ra.has_value() != rb.has_value()) return ra.has_value();
    if (ra && *ra != *rb) return *ra < *rb;
    if (key[a.case_id]->submitted_at != key[b.case_id]->submitted_at) return key[a.case_id]->submitted_at < key[b.case_id]->submitted_at;
    return a.case_id < b.case_id;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].place = (int)i + 1;
  return out;
}
}  // namespace xt::review
