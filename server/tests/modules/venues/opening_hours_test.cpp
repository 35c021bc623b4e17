// Our opening_hours evaluator: hand-checked cases, every refusal of the documented subset,
// PH / SH from tables, and a differential run against the npm package opening_hours (node)
// over every minute of 2026 for a corpus of values.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include "modules/venues/hours/opening_hours.hpp"

using namespace xt::venues::hours;

namespace {
constexpr long long kDay = 24 * 60;
long long at(int y, int m, int d, int hh = 0, int mm = 0) { return day_number(y, m, d) * kDay + hh * 60 + mm; }

std::string show(const std::vector<Interval>& v) {
  std::string s;
  for (auto& i : v) {
    int y, m, d;
    civil_of(i.from / kDay, y, m, d);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%02d-%02d %02lld:%02lld+%lldm%s%s ", m, d, (i.from % kDay) / 60, i.from % 60, i.to - i.from,
                  i.state == State::Unknown ? "?" : "", i.comment.empty() ? "" : ("\"" + i.comment + "\"").c_str());
    s += buf;
  }
  return s;
}

std::vector<Interval> merged(std::vector<Interval> v) {
  std::vector<Interval> out;
  for (auto& i : v) {
    if (!out.empty() && out.back().to == i.from && out.back().state == i.state && out.back().comment == i.comment) out.back().to = i.to;
    else out.push_back(i);
  }
  return out;
}
}  // namespace

TEST(OpeningHours, WeekdaysSpansAndMidnight) {
  Calendar cal;
  // 2026-12-21 is a Monday.
  auto s = parse("Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00");
  auto v = intervals(s, at(2026, 12, 21), at(2026, 12, 28), cal);
  ASSERT_EQ(v.size(), 11u) << show(v);
  EXPECT_EQ(v[0].from, at(2026, 12, 21, 8));
  EXPECT_EQ(v[1].to, at(2026, 12, 21, 18));
  EXPECT_EQ(v[10].from, at(2026, 12, 26, 9));
  EXPECT_EQ(state_at(s, at(2026, 12, 27, 10), cal), State::Closed);  // Sunday
  auto night = parse("Fr 22:00-02:00; Sa 01:00-03:00");
  EXPECT_EQ(show(intervals(night, at(2026, 12, 25), at(2026, 12, 27), cal)), "12-25 22:00+120m 12-26 01:00+120m ");
}

TEST(OpeningHours, OffClosesTheDayOrSomeHours) {
  Calendar cal;
  auto lunch = parse("Mo-Fr 08:00-18:00; We 12:00-14:00 off");
  EXPECT_EQ(state_at(lunch, at(2026, 12, 23, 13), cal), State::Closed);
  EXPECT_EQ(state_at(lunch, at(2026, 12, 23, 9), cal), State::Open);
  auto wed = parse("Mo-Fr 08:00-18:00; We off");
  EXPECT_EQ(state_at(wed, at(2026, 12, 23, 9), cal), State::Closed);
  auto xmas = parse("Mo-Su 09:00-17:00; Dec 25 off");
  EXPECT_EQ(state_at(xmas, at(2026, 12, 25, 10), cal), State::Closed);
  EXPECT_EQ(state_at(xmas, at(2026, 12, 24, 10), cal), State::Open);
}

TEST(OpeningHours, PublicAndSchoolHolidaysFromTables) {
  // 2026-10-01..07 国庆; 2026-10-10 a make-up workday (a Saturday that works like a weekday);
  // summer holidays 2026-07-11..08-31.
  Calendar cal;
  cal.public_holiday = [](long long d) { return d >= day_number(2026, 10, 1) && d <= day_number(2026, 10, 7); };
  cal.school_holiday = [](long long d) { return d >= day_number(2026, 7, 11) && d <= day_number(2026, 8, 31); };
  auto s = parse("Mo-Fr 16:30-18:00; Sa,Su,SH 09:00-18:00; PH off");
  EXPECT_EQ(state_at(s, at(2026, 10, 2, 10), cal), State::Closed);   // a holiday Friday
  EXPECT_EQ(state_at(s, at(2026, 10, 9, 10), cal), State::Closed);   // an ordinary Friday morning
  EXPECT_EQ(state_at(s, at(2026, 10, 9, 17), cal), State::Open);
  EXPECT_EQ(state_at(s, at(2026, 7, 15, 10), cal), State::Open);     // a Wednesday in the summer holidays
  EXPECT_EQ(state_at(s, at(2026, 9, 16, 10), cal), State::Closed);   // a term-time Wednesday
}

TEST(OpeningHours, CommentsAndUnknown) {
  Calendar cal;
  auto v = intervals(parse("Mo 10:00-12:00 \"请先电话预约\""), at(2026, 12, 21), at(2026, 12, 22), cal);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].state, State::Unknown);
  EXPECT_EQ(v[0].comment, "请先电话预约");
  auto o = intervals(parse("Mo 10:00-12:00 open \"请先电话预约\""), at(2026, 12, 21), at(2026, 12, 22), cal);
  EXPECT_EQ(o[0].state, State::Open);
}

TEST(OpeningHours, RefusesWhatTheSubsetDoesNotHoldNamingThePart) {
  struct Bad { const char* value; const char* says; };
  for (auto b : std::vector<Bad>{{"", "不能为空"},
                                 {"Mo-Fr sunrise-sunset", "sunrise"},
                                 {"Mo-Fr 08:00+", "“+”"},
                                 {"Mo-Fr 08:00-12:00 || PH off", "||"},
                                 {"week 01-10 Mo 08:00-12:00", "week"},
                                 {"2026 Mo 08:00-12:00", "年份"},
                                 {"Su[1] 10:00-12:00", "第几个"},
                                 {"Mo-Fr 8-12", "HH:MM"},
                                 {"Mo-Fr 08:60-12:00", "分钟"},
                                 {"Mo-Fr 25:00-26:00", "24:00"},
                                 {"Mo-Fr 08:00-08:00", "相同"},
                                 {"Mo-Fr 08:00-12:00;", "缺少规则"},
                                 {"Mo-Xx 08:00-12:00", "Mo–Su"},
                                 {"Jan 32 off", "1–31"},
                                 {"Mo-Fr 08:00-12:00 \"未完", "引号"},
                                 {"每天八点到十二点", "无法识别"}}) {
    SCOPED_TRACE(b.value);
    try {
      parse(b.value);
      ADD_FAILURE() << "accepted";
    } catch (const HoursError& e) {
      EXPECT_NE(std::string(e.what()).find(b.says), std::string::npos) << e.what();
    }
  }
}

TEST(OpeningHours, CivilDates) {
  int y, m, d;
  civil_of(day_number(2026, 2, 28) + 1, y, m, d);
  EXPECT_EQ(std::make_tuple(y, m, d), std::make_tuple(2026, 3, 1));
  civil_of(day_number(2028, 2, 28) + 1, y, m, d);
  EXPECT_EQ(std::make_tuple(y, m, d), std::make_tuple(2028, 2, 29));
  EXPECT_EQ(day_number(1970, 1, 1), 0);
}

// The npm package opening_hours (installed by ./test into web/node_modules) as the oracle.
TEST(OpeningHours, AgreesWithTheNpmPackageOverAYear) {
  std::string corpus = std::string(XIETONG_VECTORS_DIR) + "/opening_hours/corpus.txt";
  std::string script = std::string(XIETONG_WEB_DIR) + "/tests/oracle/opening_hours.mjs";
  std::string cmd = "cd '" + std::string(XIETONG_WEB_DIR) + "' && TZ=Asia/Shanghai node '" + script + "' '" + corpus + "' 2026-01-01 2027-01-01 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  ASSERT_TRUE(pipe) << cmd;
  std::string out;
  char buf[65536];
  while (size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  int rc = pclose(pipe.release());
  ASSERT_EQ(rc, 0) << "the oracle did not run (node and web/node_modules/opening_hours are installed by ./test): " << out.substr(0, 500);
  Calendar cal;
  long long from = at(2026, 1, 1), to = at(2027, 1, 1);
  int values = 0;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    auto line = out.substr(pos, nl - pos);
    pos = nl == std::string::npos ? out.size() : nl + 1;
    if (line.empty()) continue;
    auto j = boost::json::parse(line).as_object();
    std::string value(j.at("value").as_string());
    SCOPED_TRACE(value);
    ASSERT_FALSE(j.contains("error")) << j.at("error");
    std::vector<Interval> want;
    for (auto& iv : j.at("intervals").as_array()) {
      auto& a = iv.as_array();
      want.push_back({a[0].as_int64(), a[1].as_int64(), a[2].as_bool() ? State::Unknown : State::Open, std::string(a[3].as_string())});
    }
    auto got = intervals(parse(value), from, to, cal);
    auto w = merged(want), g = merged(got);
    EXPECT_EQ(g.size(), w.size());
    bool same = g == w;
    EXPECT_TRUE(same) << "ours:  " << show(std::vector<Interval>(g.begin(), g.begin() + std::min<size_t>(g.size(), 12)))
                      << "\nnpm:   " << show(std::vector<Interval>(w.begin(), w.begin() + std::min<size_t>(w.size(), 12)));
    ++values;
  }
  EXPECT_GE(values, 50);
}

TEST(OpeningHours, DayOfADate) {
  EXPECT_EQ(day_of_date("1970-01-01"), 0);
  EXPECT_EQ(day_of_date("2026-12-03"), day_number(2026, 12, 3));
}

TEST(OpeningHours, MakeUpWorkdaysCountAsTheWeekdayTheCalendarGives) {
  // 2026-02-14 is a Saturday worked as a Monday (调休).
  Calendar cal;
  cal.weekday_as = [](long long day) { return day == day_number(2026, 2, 14) ? 0 : -1; };
  auto s = parse("Mo-Fr 16:00-18:00; Sa 09:00-11:00");
  EXPECT_EQ(state_at(s, at(2026, 2, 14, 17), cal), State::Open);
  EXPECT_EQ(state_at(s, at(2026, 2, 14, 10), cal), State::Closed);
  EXPECT_EQ(state_at(s, at(2026, 2, 21, 10), cal), State::Open);  // an ordinary Saturday
  EXPECT_EQ(state_at(s, at(2026, 2, 21, 17), cal), State::Closed);
}

TEST(OpeningHours, StateAtOneMinuteAgreesWithTheIntervals) {
  // state_at reads one day's rules; intervals paint the days. Both over two weeks of minutes.
  Calendar cal;
  cal.public_holiday = [](long long day) { return day == day_number(2026, 10, 1); };
  for (auto* value : {"Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00", "22:00-02:00; We off", "Mo-Su 10:00-26:00; Tu 12:00-14:00 off",
                      "24/7; PH off", "Mo-Fr 09:00-17:00 \"预约\"; Sa,Su unknown", "Sa-Mo 06:00-09:00, Fr 20:00-30:00"}) {
    auto s = parse(value);
    long long from = at(2026, 9, 27), to = at(2026, 10, 11);
    std::vector<State> painted(to - from, State::Closed);
    for (auto& i : intervals(s, from, to, cal))
      for (long long m = i.from; m < i.to; ++m) painted[m - from] = i.state;
    int wrong = 0;
    for (long long m = from; m < to; ++m) wrong += state_at(s, m, cal) != painted[m - from];
    EXPECT_EQ(wrong, 0) << value;
  }
}
