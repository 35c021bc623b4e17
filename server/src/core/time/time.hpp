// Dates and times as the bureau reads them: every time shown is Beijing time (UTC+8, no
// daylight saving), whatever zone the server runs in; a date's deadline is 23:59:59 that day.
#pragma once
#include <optional>
#include <string>

namespace xt::time {

struct Date {
  int y = 0, m = 0, d = 0;
};

// "2024-05-13" → a valid calendar date (leap years checked), or nothing.
std::optional<Date> parse_date(const std::string& yyyy_mm_dd);
// Days since 1970-01-01 of a civil date.
long long days_from_civil(int y, int m, int d);
// 23:59:59 Beijing time on that day, as Unix milliseconds.
long long end_of_day_ms(const Date& d);

// "2026-12-02 16:05:09" (seconds) or "2026-12-02 16:05", Beijing time.
std::string beijing_time(long long unix_ms, bool seconds = true);
// "12月20日" from "2026-12-20"; the input as it is when it is not a date.
std::string month_day(const std::string& yyyy_mm_dd);
// "2024年3月5日", "2024年3月", "2024年" from "2024-03-05", "2024-03", "2024".
std::string chinese_date(const std::string& iso);
}  // namespace xt::time
