// The coverage rules on hand-computed facts: status as of a date from the dated history, what
// counts (formed, led by the school, with a member outside education), month ends, ⌈50%⌉, the
// OLS pace and the projection to a target date.
#include "modules/alliance/dashboard/coverage.hpp"

#include <gtest/gtest.h>

namespace xt::alliance::coverage {
namespace {

AllianceFacts school(std::vector<Change> h, bool leads = true, bool external = true) {
  AllianceFacts a;
  a.level = "school";
  a.history = std::move(h);
  a.anchor_leads = leads;
  a.has_external = external;
  return a;
}

TEST(Coverage, StatusIsReadAsOfADate) {
  auto a = school({{"preparing", "2025-03-01"}, {"formed", "2025-04-15"}, {"dissolved", "2026-02-01"}});
  EXPECT_EQ(status_on(a, "2025-02-28"), "");
  EXPECT_EQ(status_on(a, "2025-03-01"), "preparing");
  EXPECT_EQ(status_on(a, "2025-04-14"), "preparing");
  EXPECT_EQ(status_on(a, "2025-04-15"), "formed");
  EXPECT_EQ(status_on(a, "2026-01-31"), "formed");
  EXPECT_EQ(status_on(a, "2026-02-01"), "dissolved");
  EXPECT_FALSE(counts_on(a, "2025-04-14"));
  EXPECT_TRUE(counts_on(a, "2025-04-15"));
  EXPECT_FALSE(counts_on(a, "2026-02-01"));
  EXPECT_EQ(counting_since(a, "2025-12-31"), std::optional<std::string>("2025-04-15"));
  EXPECT_FALSE(counting_since(a, "2026-03-01"));
}

TEST(Coverage, ASchoolCountsOnlyAsLeadWithAMemberOutsideEducation) {
  std::vector<Change> formed{{"formed", "2025-05-01"}};
  EXPECT_TRUE(counts_on(school(formed), "2025-06-01"));
  EXPECT_FALSE(counts_on(school(formed, false, true), "2025-06-01")) << "another unit leads";
  EXPECT_FALSE(counts_on(school(formed, true, false), "2025-06-01")) << "schools and bureaus only";
  AllianceFacts district;
  district.level = "district";
  district.history = formed;
  district.has_external = false;
  EXPECT_TRUE(counts_on(district, "2025-06-01")) << "a district's counts when formed";
}

TEST(Coverage, MonthEndsUpToToday) {
  auto m = month_ends("2024-11", "2025-03-09");
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0], "2024-11-30");
  EXPECT_EQ(m[1], "2024-12-31");
  EXPECT_EQ(m[2], "2025-01-31");
  EXPECT_EQ(m[3], "2025-02-28");
  EXPECT_EQ(m[4], "2025-03-09");
  EXPECT_EQ(month_ends("2024-02", "2024-03-01").front(), "2024-02-29") << "leap year";
  EXPECT_EQ(month_ends("2025-03", "2025-03-09"), std::vector<std::string>{"2025-03-09"});
  EXPECT_EQ(months_between("2026-12-03", "2027-12-31"), 12);
  EXPECT_EQ(months_between("2026-12-03", "2026-12-31"), 0);
  EXPECT_EQ(months_between("2031-01-01", "2030-12-31"), 0);
}

TEST(Coverage, FiftyPercentOrMoreIncludesTheNumberItself) {
  EXPECT_EQ(target_count(232, 50), 116);
  EXPECT_EQ(target_count(233, 50), 117);
  EXPECT_EQ(target_count(1, 50), 1);
  EXPECT_EQ(target_count(0, 50), 0);
  EXPECT_EQ(target_count(2000, 100), 2000);
}

TEST(Coverage, PaceIsTheLeastSquaresSlope) {
  EXPECT_FALSE(slope({1, 2}));
  EXPECT_DOUBLE_EQ(*slope({0, 2, 4}), 2.0);
  EXPECT_DOUBLE_EQ(*slope({10, 10, 10, 10}), 0.0);
  // 0, 1, 3, 6: x̄ = 1.5, ȳ = 2.5, Σ(x−x̄)(y−ȳ) = 3.75 + 0.75 + 0.25 + 5.25 = 10, Σ(x−x̄)² = 5 → 2
  EXPECT_NEAR(*slope({0, 1, 3, 6}), 2.0, 1e-12);
  EXPECT_NEAR(*slope({0, 0, 3}), 1.5, 1e-12);
}

TEST(Coverage, ProjectionToATargetDate) {
  // 14 month ends rising by 2 a month from 10 to 36 schools, out of 100; target ⌈50⌉ by
  // 2027-12-31, today 2026-12-03: 12 months left.
  std::vector<long long> trend;
  for (int i = 0; i < 14; ++i) trend.push_back(10 + 2 * i);
  auto p = project(trend, 100, 50, "2027-12-31", "2026-12-03");
  EXPECT_EQ(p.covered, 36);
  EXPECT_EQ(p.target, 50);
  EXPECT_EQ(p.months_left, 12);
  EXPECT_FALSE(p.reached);
  EXPECT_DOUBLE_EQ(*p.pace6, 2.0);
  EXPECT_DOUBLE_EQ(*p.pace12, 2.0);
  EXPECT_DOUBLE_EQ(*p.projected, 60.0);
  EXPECT_NEAR(*p.required, 14.0 / 12, 1e-9);
  // capped at the total
  auto q = project(trend, 40, 100, "2030-12-31", "2026-12-03");
  EXPECT_DOUBLE_EQ(*q.projected, 40.0);
  // fewer than 3 month ends: no pace, no projection
  auto r = project({0, 5}, 100, 50, "2027-12-31", "2026-12-03");
  EXPECT_FALSE(r.pace6);
  EXPECT_FALSE(r.projected);
  EXPECT_NEAR(*r.required, 45.0 / 12, 1e-9);
  // met already: nothing required
  auto s = project({40, 50, 60}, 100, 50, "2027-12-31", "2026-12-03");
  EXPECT_TRUE(s.reached);
  EXPECT_FALSE(s.required);
}

TEST(Coverage, CountedStages) {
  for (auto s : {"primary", "middle", "nine_year", "high", "complete_middle", "twelve_year"}) EXPECT_TRUE(counted_stage(std::string(s))) << s;
  for (auto s : {"kindergarten", "special", "vocational"}) EXPECT_FALSE(counted_stage(std::string(s))) << s;
  EXPECT_FALSE(counted_stage(std::nullopt));
}
}  // namespace
}  // namespace xt::alliance::coverage
