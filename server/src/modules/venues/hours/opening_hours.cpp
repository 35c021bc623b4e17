#include "modules/venues/hours/opening_hours.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace xt::venues::hours {
namespace {
constexpr int kDay = 24 * 60;
const std::array<const char*, 7> kWeekdays = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  Schedule run() {
    Schedule out;
    out.value = s_;
    skip();
    if (end()) throw HoursError("营业时间不能为空", 0);
    bool additional = false;
    for (;;) {
      Rule r;
      r.additional = additional;
      rule(r);
      out.rules.push_back(std::move(r));
      skip();
      if (end()) break;
      if (s_[i_] == ';') additional = false;
      else if (s_[i_] == ',') additional = true;
      else if (s_[i_] == '|') fail("不支持“||”（备用规则），请改用“;”分隔的规则");
      else fail("无法识别");
      ++i_;
      skip();
      if (end()) fail("分隔符后缺少规则");
    }
    return out;
  }

 private:
  const std::string& s_;
  size_t i_ = 0;

  bool end() const { return i_ >= s_.size(); }
  void skip() {
    while (!end() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  [[noreturn]] void fail(const std::string& why) const {
    std::string near = s_.substr(i_, 12);
    throw HoursError(why + (near.empty() ? "（在末尾）" : "：“" + near + "”"), i_);
  }
  bool at(const char* word) const { return s_.compare(i_, std::strlen(word), word) == 0; }
  // The next token after spaces, without moving.
  size_t peek_from(size_t j) const {
    while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
    return j;
  }
  int weekday_at(size_t j) const {
    for (int d = 0; d < 7; ++d)
      if (s_.compare(j, 2, kWeekdays[d]) == 0 && (j + 2 >= s_.size() || !std::isalpha((unsigned char)s_[j + 2]))) return d;
    return -1;
  }
  int month_at(size_t j) const {
    for (int m = 0; m < 12; ++m)
      if (s_.compare(j, 3, kMonths[m]) == 0 && (j + 3 >= s_.size() || !std::isalpha((unsigned char)s_[j + 3]))) return m + 1;
    return 0;
  }
  bool day_word_at(size_t j) const {
    return weekday_at(j) >= 0 || s_.compare(j, 2, "PH") == 0 || s_.compare(j, 2, "SH") == 0;
  }
  bool digit_at(size_t j) const { return j < s_.size() && std::isdigit((unsigned char)s_[j]); }
  // A day of the month at j (digits not followed by ':', which would make them a time).
  bool day_at(size_t j) const {
    if (!digit_at(j)) return false;
    while (digit_at(j)) ++j;
    return j >= s_.size() || s_[j] != ':';
  }

  int number(int digits_max) {
    if (!digit_at(i_)) fail("应为数字");
    int v = 0, n = 0;
    while (digit_at(i_) && n < digits_max) v = v * 10 + (s_[i_++] - '0'), ++n;
    if (digit_at(i_)) fail("数字过长");
    return v;
  }

  void refuse_unsupported() {
    static const std::pair<const char*, const char*> words[] = {
        {"sunrise", "不支持日出日落时间（sunrise）"}, {"sunset", "不支持日出日落时间（sunset）"}, {"dawn", "不支持 dawn"},
        {"dusk", "不支持 dusk"}, {"week", "不支持按周次（week）"}, {"easter", "不支持复活节（easter）"}};
    for (auto& [w, msg] : words)
      if (at(w)) fail(msg);
    if (digit_at(i_) && digit_at(i_ + 1) && digit_at(i_ + 2) && digit_at(i_ + 3)) fail("不支持按年份");
  }

  void rule(Rule& r) {
    skip();
    bool any = false;
    if (at("24/7")) {
      i_ += 4;
      r.spans.push_back({0, kDay});
      any = true;
    } else {
      refuse_unsupported();
      if (month_at(i_)) {
        months(r);
        any = true;
      }
      skip();
      refuse_unsupported();
      if (day_word_at(i_)) {
        weekdays(r);
        any = true;
      }
      skip();
      refuse_unsupported();
      if (digit_at(i_)) {
        times(r);
        any = true;
      }
    }
    skip();
    bool modifier = false;
    for (auto [w, st] : {std::pair{"open", State::Open}, {"closed", State::Closed}, {"off", State::Closed}, {"unknown", State::Unknown}}) {
      if (at(w) && (i_ + std::strlen(w) >= s_.size() || !std::isalpha((unsigned char)s_[i_ + std::strlen(w)]))) {
        i_ += std::strlen(w);
        r.state = st;
        modifier = any = true;
        break;
      }
    }
    skip();
    if (!end() && s_[i_] == '"') {
      size_t close = s_.find('"', i_ + 1);
      if (close == std::string::npos) fail("说明文字缺少结束的引号");
      r.comment = s_.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
      // A comment without "open" or "closed" says nothing sure: the state is unknown.
      if (!modifier) r.state = State::Unknown;
      any = true;
    }
    if (!any) fail("无法识别");
  }

  MonthDay month_day(bool as_end) {
    int m = month_at(i_);
    if (!m) fail("应为月份（Jan–Dec）");
    i_ += 3;
    size_t j = peek_from(i_);
    if (day_at(j)) {
      i_ = j;
      int d = number(2);
      if (d < 1 || d > 31) fail("日期应在1–31之间");
      return {m, d};
    }
    (void)as_end;
    return {m, 0};
  }

  void months(Rule& r) {
    for (;;) {
      MonthDay a = month_day(false), b = a;
      skip();
      if (!end() && s_[i_] == '-') {
        ++i_;
        skip();
        if (day_at(i_)) {  // Oct 01-07: the same month
          if (a.day == 0) fail("日期范围应写成“Oct 01-07”");
          int d = number(2);
          if (d < 1 || d > 31) fail("日期应在1–31之间");
          b = {a.month, d};
        } else {
          b = month_day(true);
        }
        if ((a.day == 0) != (b.day == 0)) fail("月份范围两端应同时写日期或同时不写");
      }
      r.months.push_back({a, b});
      size_t j = peek_from(i_);
      if (j < s_.size() && s_[j] == ',' && month_at(peek_from(j + 1))) {
        i_ = peek_from(j + 1);
        continue;
      }
      return;
    }
  }

  void weekdays(Rule& r) {
    for (;;) {
      if (at("PH")) {
        i_ += 2;
        r.ph = true;
      } else if (at("SH")) {
        i_ += 2;
        r.sh = true;
      } else {
        int a = weekday_at(i_);
        if (a < 0) fail("应为星期（Mo–Su）、PH 或 SH");
        i_ += 2;
        int b = a;
        if (!end() && s_[i_] == '[') fail("不支持“第几个星期几”（如 Su[1]）");
        if (!end() && s_[i_] == '-') {
          ++i_;
          b = weekday_at(i_);
          if (b < 0) fail("星期范围的结束应为 Mo–Su");
          i_ += 2;
        }
        r.weekdays.push_back({a, b});
      }
      if (!end() && s_[i_] == '[') fail("不支持“第几个星期几”（如 Su[1]）");
      size_t j = peek_from(i_);
      if (j < s_.size() && s_[j] == ',' && day_word_at(peek_from(j + 1))) {
        i_ = peek_from(j + 1);
        continue;
      }
      return;
    }
  }

  int clock(bool as_end) {
    size_t start = i_;
    int h = number(2);
    if (end() || s_[i_] != ':') {
      i_ = start;
      fail("时间应写成 HH:MM");
    }
    ++i_;
    if (!digit_at(i_) || !digit_at(i_ + 1)) fail("时间应写成 HH:MM");
    int m = number(2);
    if (m > 59) fail("分钟应在00–59之间");
    int v = h * 60 + m;
    if (v > (as_end ? 2 * kDay : kDay)) {
      i_ = start;
      fail(as_end ? "结束时间不能晚于48:00" : "开始时间不能晚于24:00");
    }
    return v;
  }

  void times(Rule& r) {
    for (;;) {
      size_t start = i_;
      int a = clock(false);
      skip();
      if (!end() && s_[i_] == '+') fail("不支持不确定的结束时间（“+”）");
      if (end() || s_[i_] != '-') fail("时间段应写成 HH:MM-HH:MM");
      ++i_;
      skip();
      refuse_unsupported();
      int b = clock(true);
      if (!end() && s_[i_] == '+') fail("不支持不确定的结束时间（“+”）");
      if (b == a) {
        i_ = start;
        fail("时间段的开始和结束相同");
      }
      if (b < a) b += kDay;  // past midnight
      if (b - a > kDay) {
        i_ = start;
        fail("一个时间段不能超过24小时");
      }
      r.spans.push_back({a, b});
      size_t j = peek_from(i_);
      if (j < s_.size() && s_[j] == ',' && digit_at(peek_from(j + 1))) {
        i_ = peek_from(j + 1);
        continue;
      }
      return;
    }
  }
};

int ordinal(const MonthDay& d, bool as_end) { return d.month * 32 + (d.day ? d.day : (as_end ? 31 : 1)); }

bool matches(const Rule& r, long long day, const Calendar& cal) {
  if (!r.months.empty()) {
    int y, m, d;
    civil_of(day, y, m, d);
    int x = m * 32 + d;
    bool in = false;
    for (auto& [a, b] : r.months) {
      int lo = ordinal(a, false), hi = ordinal(b, true);
      in |= lo <= hi ? (x >= lo && x <= hi) : (x >= lo || x <= hi);
    }
    if (!in) return false;
  }
  if (r.weekdays.empty() && !r.ph && !r.sh) return true;
  int wd = cal.weekday_as ? cal.weekday_as(day) : -1;  // a make-up workday (调休) counts as a weekday
  if (wd < 0) wd = (int)(((day % 7) + 7 + 3) % 7);     // 1970-01-01 was a Thursday
  for (auto [a, b] : r.weekdays)
    if (a <= b ? (wd >= a && wd <= b) : (wd >= a || wd <= b)) return true;
  if (r.ph && cal.public_holiday(day)) return true;
  if (r.sh && cal.school_holiday(day)) return true;
  return false;
}

struct Entry {
  int from, to;
  State state;
  const std::string* comment;
};

// What day `day` holds, rule by rule, within its own 24 hours: a rule matching the day gives its
// spans (up to midnight); a rule matching the day before gives the part of its spans past
// midnight. A normal rule matching the day replaces what earlier rules gave it, unless it only
// closes some hours ("We 12:00-14:00 off" takes those hours away, "We off" the whole day).
std::vector<Entry> day_entries(const Schedule& s, long long day, const Calendar& cal) {
  std::vector<Entry> out;
  for (auto& r : s.rules) {
    bool own = matches(r, day, cal);
    bool spill = false;
    for (auto& sp : r.spans) spill |= sp.to > kDay;
    spill = spill && matches(r, day - 1, cal);
    if (!own && !spill) continue;
    if (own && !r.additional && !(r.state == State::Closed && !r.spans.empty())) out.clear();
    if (own && r.spans.empty()) out.push_back({0, kDay, r.state, &r.comment});
    if (own)
      for (auto& sp : r.spans) out.push_back({sp.from, std::min(sp.to, kDay), r.state, &r.comment});
    if (spill)
      for (auto& sp : r.spans)
        if (sp.to > kDay) out.push_back({0, sp.to - kDay, r.state, &r.comment});
  }
  return out;
}
}  // namespace

Schedule parse(const std::string& value) {
  std::string v = value;
  while (!v.empty() && std::isspace((unsigned char)v.back())) v.pop_back();
  size_t lead = 0;
  while (lead < v.size() && std::isspace((unsigned char)v[lead])) ++lead;
  v = v.substr(lead);
  if (v.size() > 500) throw HoursError("营业时间过长（不超过500个字符）", 500);
  Parser p(v);
  return p.run();
}

long long day_number(int y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long long day_of_date(const std::string& iso) {
  return day_number(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)));
}

void civil_of(long long z, int& y, int& m, int& d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long yy = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  d = (int)(doy - (153 * mp + 2) / 5 + 1);
  m = (int)(mp < 10 ? mp + 3 : mp - 9);
  y = (int)(yy + (m <= 2));
}

std::vector<Interval> intervals(const Schedule& s, long long from, long long to, const Calendar& cal) {
  std::vector<Interval> out;
  if (to <= from) return out;
  long long first = from >= 0 ? from / kDay : (from - kDay + 1) / kDay;
  long long last = (to - 1 >= 0 ? (to - 1) / kDay : (to - kDay) / kDay);
  // Each day painted with its own entries, in rule order (a later entry wins where they overlap).
  size_t n = (size_t)(last - first + 1) * kDay;
  std::vector<State> st(n, State::Closed);
  std::vector<const std::string*> cm(n, nullptr);
  long long base = first * kDay;
  for (long long day = first; day <= last; ++day)
    for (auto& e : day_entries(s, day, cal))
      for (long long m = day * kDay + e.from; m < day * kDay + e.to; ++m) {
        st[(size_t)(m - base)] = e.state;
        cm[(size_t)(m - base)] = e.comment;
      }
  for (long long m = from; m < to; ++m) {
    auto k = (size_t)(m - base);
    if (st[k] == State::Closed) continue;
    const std::string& c = cm[k] ? *cm[k] : std::string();
    if (!out.empty() && out.back().to == m && out.back().state == st[k] && out.back().comment == c) out.back().to = m + 1;
    else out.push_back({m, m + 1, st[k], c});
  }
  return out;
}

State state_at(const Schedule& s, long long minute, const Calendar& cal) {
  long long day = minute >= 0 ? minute / kDay : (minute - kDay + 1) / kDay;
  int m = (int)(minute - day * kDay);
  State st = State::Closed;  // the last entry covering the minute wins, as when painting
  for (auto& e : day_entries(s, day, cal))
    if (m >= e.from && m < e.to) st = e.state;
  return st;
}
}  // namespace xt::venues::hours
