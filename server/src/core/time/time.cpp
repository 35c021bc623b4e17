#include "core/time/time.hpp"

#include <ctime>
#include <regex>

namespace xt::time {
namespace {
constexpr long long kBeijingOffsetS = 8 * 3600;
}

std::optional<Date> parse_date(const std::string& s) {
  static const std::regex re("^(\\d{4})-(\\d{2})-(\\d{2})$");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  Date x{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (x.m < 1 || x.m > 12 || x.d < 1 || x.d > days[x.m - 1]) return std::nullopt;
  bool leap = (x.y % 4 == 0 && x.y % 100 != 0) || x.y % 400 == 0;
  if (x.m == 2 && x.d == 29 && !leap) return std::nullopt;
  return x;
}

long long days_from_civil(int y, int m, int d) {  // Howard Hinnant's algorithm
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long long end_of_day_ms(const Date& d) { return (days_from_civil(d.y, d.m, d.d) * 86400 + 86399 - kBeijingOffsetS) * 1000; }

std::string beijing_time(long long unix_ms, bool seconds) {
  std::time_t t = (std::time_t)(unix_ms / 1000 + kBeijingOffsetS);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string month_day(const std::string& d) {
  auto x = parse_date(d);
  if (!x) return d;
  return std::to_string(x->m) + "月" + std::to_string(x->d) + "日";
}

std::string chinese_date(const std::string& iso) {
  static const std::regex re("^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?$");
  std::smatch m;
  if (!std::regex_match(iso, m, re)) return iso;
  std::string out = m[1].str() + "年";
  if (m[2].matched) out += std::to_string(std::stoi(m[2])) + "月";
  if (m[3].matched) out += std::to_string(std::stoi(m[3])) + "日";
  return out;
}
}  // namespace xt::time
