#include "modules/alliance/dashboard/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace xt::alliance::coverage {

bool counted_stage(const std::optional<std::string>& stage) {
  static const std::vector<std::string> stages = {"primary", "middle", "nine_year", "high", "complete_middle", "twelve_year"};
  return stage && std::find(stages.begin(), stages.end(), *stage) != stages.end();
}

bool outside_education(const std::string& t) { return t != "school" && t != "city_bureau" && t != "district_bureau"; }

std::string status_on(const AllianceFacts& a, const std::string& date) {
  std::string s;
  for (auto& h : a.history)
    if (h.on <= date) s = h.status;
  return s;
}

bool counts_on(const AllianceFacts& a, const std::string& date) {
  if (status_on(a, date) != "formed") return false;
  return a.level != "school" || (a.anchor_leads && a.has_external);
}

std::optional<std::string> counting_since(const AllianceFacts& a, const std::string& date) {
  if (!counts_on(a, date)) return std::nullopt;
  std::optional<std::string> since;
  for (auto& h : a.history) {
    if (h.on > date) break;
    if (h.status == "formed" && !since) since = h.on;
    if (h.status != "formed") since.reset();
  }
  return since;
}

std::vector<std::string> month_ends(const std::string& first, const std::string& today) {
  std::vector<std::string> out;
  int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(5, 2));
  auto last = today.substr(0, 7);
  for (int guard = 0; guard < 1200; ++guard) {
    char ym[8];
    std::snprintf(ym, sizeof ym, "%04d-%02d", y, m);
    if (std::string(ym) >= last) break;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
    char buf[12];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    out.push_back(buf);
    if (++m == 13) m = 1, ++y;
  }
  out.push_back(today);
  return out;
}

int months_between(const std::string& from, const std::string& to) {
  int a = std::stoi(from.substr(0, 4)) * 12 + std::stoi(from.substr(5, 2));
  int b = std::stoi(to.substr(0, 4)) * 12 + std::stoi(to.substr(5, 2));
  return std::max(0, b - a);
}

long long target_count(long long n, int share_pct) { return (n * share_pct + 99) / 100; }

std::optional<double> slope(const std::vector<double>& ys) {
  size_t n = ys.size();
  if (n < 3) return std::nullopt;
  double mx = (n - 1) / 2.0, my = 0;
  for (auto y : ys) my += y;
  my /= n;
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) * (i - mx);
  }
  return sxy / sxx;
}

Projection project(const std::vector<long long>& trend, long long total, int share_pct, const std::string& due, const std::string& today) {
  Projection p;
  p.due = due;
  p.share_pct = share_pct;
  p.total = total;
  p.covered = trend.empty() ? 0 : trend.back();
  p.target = target_count(total, share_pct);
  p.months_left = months_between(today, due);
  p.reached = p.covered >= p.target;
  auto tail = [&](size_t k) {
    // k months of change need k+1 month-end points
    size_t from = trend.size() > k + 1 ? trend.size() - (k + 1) : 0;
    return std::vector<double>(trend.begin() + from, trend.end());
  };
  p.pace6 = slope(tail(6));
  if (trend.size() >= 13) p.pace12 = slope(tail(12));
  auto pace = p.pace12 ? p.pace12 : p.pace6;
  if (pace) p.projected = std::min<double>((double)total, std::max(0.0, p.covered + *pace * p.months_left));
  if (!p.reached && p.months_left > 0) p.required = double(p.target - p.covered) / p.months_left;
  return p;
}
}  // namespace xt::alliance::coverage
