// Coverage of the plan's targets, computed from facts alone (no database), so that the rules
// are tested on a hand-computed city.
//
// A school counts (普通中小学) when its stage is 小学, 初级中学, 九年一贯制, 高级中学, 完全中学 or
// 十二年一贯制, public or private, district or city-affiliated; kindergartens, special-education
// and vocational schools do not. It is covered on a date when a school-level alliance anchored
// at it was 已组建 on that date (read from the dated status history), the school is its 牵头
// unit, and at least one member is outside the education system (not a school, not a bureau).
// A district has its district-level alliance on a date when one anchored at its bureau was
// 已组建 on that date.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::alliance::coverage {

bool counted_stage(const std::optional<std::string>& stage);
// A member outside the education system (not a school, not a bureau): what makes a school's
// alliance count.
bool outside_education(const std::string& unit_type);

struct Change {
  std::string status, on;  // in the order they were made; dates never go back
};

struct AllianceFacts {
  long long id = 0, anchor = 0;
  std::string level;             // city | district | school
  std::vector<Change> history;
  bool anchor_leads = true;      // the anchor is a 牵头 member
  bool has_external = false;     // a member outside the education system
};

// The status an alliance had at the end of `date`, or "" before its first change.
std::string status_on(const AllianceFacts& a, const std::string& date);
// Formed on `date`, and (for a school's) led by the school with an outside member.
bool counts_on(const AllianceFacts& a, const std::string& date);
// The date since which it counts without a break up to `date`, if it counts on `date`.
std::optional<std::string> counting_since(const AllianceFacts& a, const std::string& date);

// Month ends from `first` (YYYY-MM) to the month of `today`, the last one being `today` itself.
std::vector<std::string> month_ends(const std::string& first, const std::string& today);
// Whole months from the month of `from` to the month of `to` (0 when the same or later).
int months_between(const std::string& from, const std::string& to);

// ⌈share% · n⌉: "50%以上" includes the number itself.
long long target_count(long long n, int share_pct);

// Ordinary least squares slope of ys over 0,1,2,… (per step); none with fewer than 3 points.
std::optional<double> slope(const std::vector<double>& ys);

struct Projection {
  std::string due;
  int share_pct = 0;
  long long total = 0, covered = 0, target = 0;
  int months_left = 0;
  bool reached = false;
  std::optional<double> pace6, pace12;      // schools per month, over the last 6 / 12 months
  std::optional<double> projected;          // at `due`, at the 12-month pace (6 when shorter), capped at total
  std::optional<double> required;           // schools per month still needed
};
// trend: covered counts at consecutive month ends, the last being today's.
Projection project(const std::vector<long long>& trend, long long total, int share_pct, const std::string& due, const std::string& today);
}  // namespace xt::alliance::coverage
