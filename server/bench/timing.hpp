// Wall-clock timing shared by the C++ benchmarks: each run timed, the samples sorted.
#pragma once
#include <algorithm>
#include <chrono>
#include <vector>

namespace xt::bench {
inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
// `runs` timings of f in milliseconds, fastest first (median: [size / 2], worst: back()).
template <class F>
std::vector<double> sorted_runs(int runs, F f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(ms_since(t0));
  }
  std::sort(t.begin(), t.end());
  return t;
}
}  // namespace xt::bench
