// OSM `opening_hours` values for venues, our own evaluator for a documented subset (see
// docs/venues.md), in local (Beijing) time:
//
//   value    = "24/7" | rule { (";" | ",") rule }        ";" a normal rule, "," an additional one
//   rule     = [months] [weekdays] [times] [modifier] [comment]
//   months   = range { "," range }   range = Jan[-Mar] | Jul 01[-Aug 31] | Dec 24-Jan 02 | Oct 01-07
//   weekdays = day { "," day }       day = Mo..Su [ "-" Mo..Su ] | PH | SH
//   times    = span { "," span }     span = HH:MM "-" HH:MM (to 48:00; an end before the start
//                                    runs past midnight)
//   modifier = open | closed | off | unknown
//   comment  = '"' text '"'
//
// A day is decided rule by rule: a normal rule that matches the day replaces what earlier rules
// gave it, an additional rule adds to it; a span past midnight belongs to the day it starts on.
// PH (public holidays, with China's make-up workdays) and SH (school holidays) come from tables
// the city keeps. Anything else (sunrise, open ends "+", week numbers, years, "||", nth weekdays)
// is refused with a Chinese message naming the part not understood.
#pragma once
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace xt::venues::hours {

// 422-style error: `message` in Chinese, `at` the byte offset of the part not understood.
struct HoursError : std::runtime_error {
  size_t at;
  HoursError(const std::string& message, size_t at) : std::runtime_error(message), at(at) {}
};

enum class State { Open, Closed, Unknown };

struct Span {
  int from = 0, to = 24 * 60;  // minutes after the day's midnight; to ≤ 48:00
};

struct MonthDay {
  int month = 1, day = 0;  // day 0: the whole month (as a start: its 1st; as an end: its last day)
};

struct Rule {
  bool additional = false;                        // "," before it
  std::vector<std::pair<MonthDay, MonthDay>> months;  // empty: every day of the year
  std::vector<std::pair<int, int>> weekdays;      // 0 = Mo … 6 = Su, ranges may wrap (Sa-Mo)
  bool ph = false, sh = false;                    // PH / SH among the day selectors
  std::vector<Span> spans;                        // empty: the whole day
  State state = State::Open;
  std::string comment;
};

struct Schedule {
  std::vector<Rule> rules;
  std::string value;  // as given, trimmed
};

// Throws HoursError.
Schedule parse(const std::string& value);

// Days are counted from 1970-01-01 (local). The calendar says which days are PH / SH.
struct Calendar {
  std::function<bool(long long day)> public_holiday = [](long long) { return false; };
  std::function<bool(long long day)> school_holiday = [](long long) { return false; };
  // A make-up workday (调休) is evaluated as the weekday this returns (0 = Mo … 6 = Su); -1 for
  // an ordinary day. Empty: no make-up workdays.
  std::function<int(long long day)> weekday_as = {};
};

struct Interval {
  long long from = 0, to = 0;  // minutes from 1970-01-01 00:00 local, [from, to)
  State state = State::Open;
  std::string comment;
  bool operator==(const Interval& o) const { return from == o.from && to == o.to && state == o.state && comment == o.comment; }
};

// Open and unknown intervals within [from, to) minutes, merged where they touch.
std::vector<Interval> intervals(const Schedule& s, long long from_minute, long long to_minute, const Calendar& cal);
// The state at one minute (Closed when no interval covers it), from that day's rules alone.
State state_at(const Schedule& s, long long minute, const Calendar& cal);

// Local civil date ↔ day number.
long long day_number(int y, int m, int d);
// The day number of "2026-12-03" (a date already checked).
long long day_of_date(const std::string& yyyy_mm_dd);
void civil_of(long long day, int& y, int& m, int& d);
}  // namespace xt::venues::hours
