// The results rules on fixed vectors worked out by hand.
#include <gtest/gtest.h>

#include "modules/review/model.hpp"
#include "modules/review/results/compute.hpp"

using namespace xt::review;

TEST(ReviewResults, ZScoresWithinEachExpertRescaledToTheReview) {
  // Expert 1 is strict (60, 70, 80), expert 2 lenient (80, 90, 100): the same judgement.
  std::vector<CaseKey> cases{{1, 1, 10}, {2, 2, 20}, {3, 3, 30}};
  std::vector<ScoredSheet> sheets{{1, 1, 60}, {2, 1, 70}, {3, 1, 80}, {1, 2, 80}, {2, 2, 90}, {3, 2, 100}};
  auto r = compute_results(cases, sheets, 15);
  ASSERT_EQ(r.size(), 3u);
  // Overall: mean 80, population sd sqrt(((20²+10²+0)·2)/6) = sqrt(1000/6) = 12.9099.
  // Each expert: z = -1.2247, 0, 1.2247 → normalised 80 ± 15.8114.
  EXPECT_EQ(r[0].case_id, 3);
  EXPECT_DOUBLE_EQ(*r[0].normalised, 95.81);
  EXPECT_DOUBLE_EQ(*r[0].raw_mean, 90);
  EXPECT_DOUBLE_EQ(*r[1].normalised, 80);
  EXPECT_DOUBLE_EQ(*r[2].normalised, 64.19);
  EXPECT_DOUBLE_EQ(*r[2].spread, 20);
  EXPECT_TRUE(r[2].flagged);  // 20 apart > 15
  EXPECT_EQ(r[2].place, 3);
}

TEST(ReviewResults, AnExpertWithOneSheetOrEqualTotalsKeepsRawTotals) {
  std::vector<CaseKey> cases{{1, std::nullopt, 1}, {2, std::nullopt, 2}};
  std::vector<ScoredSheet> sheets{{1, 7, 88}, {1, 8, 75}, {2, 8, 75}};
  auto r = compute_results(cases, sheets, 15);
  // Expert 7 has one sheet, expert 8 two equal totals: nothing normalised.
  EXPECT_EQ(r[0].case_id, 1);
  EXPECT_DOUBLE_EQ(*r[0].normalised, 81.5);
  EXPECT_DOUBLE_EQ(*r[0].raw_mean, 81.5);
  EXPECT_FALSE(r[0].flagged);  // 13 apart
  EXPECT_DOUBLE_EQ(*r[1].normalised, 75);
}

TEST(ReviewResults, TiesBrokenByRawMeanThenDistrictOrderThenSubmissionThenId) {
  // Four cases, every one scored 80 by one expert who gives only 80: equal normalised and raw.
  std::vector<CaseKey> cases{{10, 2, 100}, {11, 1, 300}, {12, std::nullopt, 50}, {13, 1, 200}, {14, std::nullopt, 50}};
  std::vector<ScoredSheet> sheets{{10, 1, 80}, {11, 1, 80}, {12, 1, 80}, {13, 1, 80}, {14, 1, 80}};
  auto r = compute_results(cases, sheets, 15);
  std::vector<long long> order;
  for (auto& x : r) order.push_back(x.case_id);
  // rank 1 (13 submitted before 11), then rank 2, then no rank (equal time: lower id first).
  EXPECT_EQ(order, (std::vector<long long>{13, 11, 10, 12, 14}));
}

TEST(ReviewResults, RawMeanBreaksANormalisedTieAndUnscoredCasesComeLast) {
  // Expert 1: 70 and 90 → z ∓1; expert 2 only case 3 (raw). Case 4 has no sheet.
  std::vector<CaseKey> cases{{1, 1, 1}, {2, 1, 1}, {3, 1, 1}, {4, 1, 1}};
  std::vector<ScoredSheet> sheets{{1, 1, 70}, {2, 1, 90}, {3, 2, 80}};
  auto r = compute_results(cases, sheets, 15);
  EXPECT_EQ(r.back().case_id, 4);
  EXPECT_FALSE(r.back().normalised.has_value());
  EXPECT_EQ(r.back().place, 4);
  // overall mean 80, sd 8.165: case 2 → 88.16, case 3 raw 80, case 1 → 71.84.
  EXPECT_EQ(r[0].case_id, 2);
  EXPECT_DOUBLE_EQ(*r[0].normalised, 88.16);
  EXPECT_EQ(r[1].case_id, 3);
}

TEST(ReviewSheet, TotalIsWeightedShareOfEachRange) {
  Sheet s;
  s.criteria = {{"a", "代表性", "", 60, 0, 10}, {"b", "创新性", "", 40, 1, 5}};
  EXPECT_DOUBLE_EQ(sheet_total(s, {{"a", 10}, {"b", 5}}), 100);
  EXPECT_DOUBLE_EQ(sheet_total(s, {{"a", 5}, {"b", 3}}), 50);
  EXPECT_DOUBLE_EQ(sheet_total(s, {{"a", 5}}), 30);  // b not scored counts 0
}
