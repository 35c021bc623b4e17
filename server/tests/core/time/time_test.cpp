#include "core/time/time.hpp"

#include <gtest/gtest.h>

namespace xt::time {
TEST(Time, DatesAreCheckedOnTheCalendar) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_FALSE(parse_date("2024-4-1"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
}
TEST(Time, ADeadlineIsTheLastSecondOfTheDayInBeijing) {
  // 2024-05-13 23:59:59 +08:00 = 2024-05-13 15:59:59 UTC
  EXPECT_EQ(end_of_day_ms(*parse_date("2024-05-13")), 1715615999000LL);
  EXPECT_EQ(beijing_time(1715615999000LL), "2024-05-13 23:59:59");
  EXPECT_EQ(beijing_time(1715615999000LL, false), "2024-05-13 23:59");
  EXPECT_EQ(beijing_time(1715616000000LL), "2024-05-14 00:00:00") << "the next Beijing day starts at 16:00 UTC";
}
TEST(Time, ChineseDates) {
  EXPECT_EQ(month_day("2026-12-20"), "12月20日");
  EXPECT_EQ(month_day("2026-01-05"), "1月5日");
  EXPECT_EQ(month_day("not a date"), "not a date");
  EXPECT_EQ(chinese_date("2024-03-05"), "2024年3月5日");
  EXPECT_EQ(chinese_date("2024-11"), "2024年11月");
  EXPECT_EQ(chinese_date("2024"), "2024年");
  EXPECT_EQ(chinese_date(""), "");
  EXPECT_EQ(chinese_date("2024-xx"), "2024-xx");
}
}  // namespace xt::time
