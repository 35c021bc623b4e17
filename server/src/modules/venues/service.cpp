#include "modules/venues/service.hpp"

#include <cmath>

#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "core/time/time.hpp"
#include "modules/org/facts.hpp"

namespace xt::venues {
namespace {
constexpr long long kDayMinutes = 24 * 60;

access::Record record_of(const Venue& v) {
  access::Record r;
  r.owner_unit_id = v.manager_unit_id.value_or(0);
  r.creator_id = v.creator_id;
  r.id = v.id;
  r.type = "venue";
  if (v.district_id) r.units["district"] = *v.district_id;
  if (v.supervisor_unit_id) r.units["supervisor"] = *v.supervisor_unit_id;
  return r;
}

void audit_write(db::Conn& c, const app::Caller& who, const char* action, long long id, const std::string& detail = {}) {
  audit::Event e{action, "venue", std::to_string(id)};
  if (!detail.empty()) e.detail["name"] = detail;
  audit::record(c, who.actor, e);
}

bool known(const std::vector<Code>& list, const std::string& code) { return label_of(list, code)[0] != 0; }

std::string at_field(const std::string& prefix, const std::string& label) { return prefix.empty() ? label : prefix + label; }

void check_date(const std::optional<std::string>& d, const std::string& field, const std::string& label) {
  if (d && !time::parse_date(*d)) throw unprocessable("request.bad_date", label + "应为日期（如 2026-12-03）：" + *d, field);
}
}  // namespace

Bounds bounds(const View& v) {
  Bounds b{180, 90, -180, -90, false};
  auto add = [&](double lon, double lat) {
    b.west = std::min(b.west, lon); b.east = std::max(b.east, lon);
    b.south = std::min(b.south, lat); b.north = std::max(b.north, lat);
    b.city = true;
  };
  for (auto& a : v.areas)
    for (auto& p : a.ring) add(p.lon, p.lat);
  if (v.network && v.network->net.graph.nodes()) {
    add(v.network->box[0], v.network->box[1]);
    add(v.network->box[2], v.network->box[3]);
  }
  if (!b.city) return Bounds{};
  double dlat = 2000 / 111320.0, dlon = dlat / std::cos((b.south + b.north) / 2 * 3.14159265358979 / 180);
  b.west -= dlon; b.east += dlon; b.south -= dlat; b.north += dlat;
  return b;
}

std::string outside(const Bounds& b, double lon, double lat) {
  if (!std::isfinite(lon) || !std::isfinite(lat)) return "坐标不是数字";
  if (lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north) return "";
  char buf[200];
  std::snprintf(buf, sizeof buf, "坐标（经度%.6f，纬度%.6f）不在%s范围内（经度%.3f–%.3f，纬度%.3f–%.3f），请检查经纬度是否填反或坐标系是否选对", lon, lat,
                b.city ? "本市" : "中国", b.west, b.east, b.south, b.north);
  return buf;
}

void check(db::Conn& c, const View& view, Venue& in, const std::string& prefix) {
  auto fail = [&](const char* code, const std::string& msg, const char* field) { throw unprocessable(code, prefix + msg, field); };
  if (in.name.empty()) fail("request.required", "请填写场馆名称", "name");
  if (json::char_count(in.name) > 100) fail("request.too_long", "场馆名称不超过100个字", "name");
  if (!known(kinds(), in.kind)) fail("venues.kind_unknown", "场馆类别不在列表中：" + in.kind, "kind");
  for (auto& s : in.sports)
    if (!known(sports(), s)) fail("venues.sport_unknown", "运动项目不在列表中：" + s, "sports");
  for (auto& s : in.facilities)
    if (!known(facilities(), s)) fail("venues.facility_unknown", "设施不在列表中：" + s, "facilities");
  if (auto m = outside(bounds(view), in.lon, in.lat); !m.empty()) fail("venues.outside_city", m, "lon");
  bool any = false;
  for (int a = 0; a < 3; ++a) {
    auto& h = in.hours[a];
    if (h) {
      auto t = *h;
      while (!t.empty() && std::isspace((unsigned char)t.back())) t.pop_back();
      while (!t.empty() && std::isspace((unsigned char)t.front())) t.erase(0, 1);
      if (t.empty()) h.reset();
      else *h = t;
    }
    if (!h) continue;
    try {
      hours::parse(*h);
    } catch (const hours::HoursError& e) {
      throw unprocessable("venues.hours_invalid", prefix + audience_label(kAudiences[a]) + "的开放时间无法识别：" + e.what() + "（第" +
                                                      std::to_string(e.at + 1) + "个字符起）",
                          std::string("hours_") + kAudiences[a]);
    }
    any = true;
  }
  if (!any) fail("venues.no_hours", "请至少为一类对象（学生独自、监护人陪同、学校团体）填写开放时间", "hours_pupil");
  if (in.min_age && (*in.min_age < 0 || *in.min_age > 18)) fail("request.out_of_range", "最低年龄应在0–18岁之间", "min_age");
  if (in.max_age && (*in.max_age < 0 || *in.max_age > 100)) fail("request.out_of_range", "最高年龄应在0–100岁之间", "max_age");
  if (in.min_age && in.max_age && *in.min_age > *in.max_age) fail("venues.ages_reversed", "最低年龄不能大于最高年龄", "min_age");
  check_date(in.verified_on, "verified_on", prefix + "核实日期");
  if (in.district_id) {
    auto d = org::facts::unit(c, *in.district_id);
    if (!d || d->type != "district_bureau") fail("venues.district_invalid", "所属区县应为区县教育局", "district_id");
  } else {
    in.district_id = view.district_at({in.lon, in.lat});
  }
  for (auto [id, label, field] : {std::tuple{&in.manager_unit_id, "运营单位", "manager_unit_id"}, {&in.supervisor_unit_id, "主管部门", "supervisor_unit_id"}})
    if (*id && !org::facts::unit(c, **id)) fail("venues.unit_unknown", std::string(label) + "不存在", field);
  if (in.manager_name.empty() && in.manager_unit_id)
    if (auto u = org::facts::unit(c, *in.manager_unit_id)) in.manager_name = u->name;
}

Venue managed(db::Conn& c, const access::Principal& p, long long id) {
  auto v = repo::find_venue(c, id);
  access::DbUnitTree tree(c);
  if (!v || !access::authorize(p, kManagePerm, record_of(*v), tree)) throw not_found("venues.not_found", "场馆不存在或不在您的管理范围内");
  return *v;
}

long long create(db::Conn& c, const app::Caller& who, const View& view, Venue in) {
  // A unit's own venue by default: the unit that runs it is the caller's when not given.
  if (!in.manager_unit_id && !in.supervisor_unit_id && !who.p.can(kManagePerm)) throw forbidden("auth.forbidden", "没有维护场馆的权限");
  if (!in.manager_unit_id) {
    auto u = org::facts::unit(c, who.p.unit_id);
    if (u && !org::facts::is_bureau(u->type)) in.manager_unit_id = who.p.unit_id;
  }
  check(c, view, in);
  in.creator_id = who.p.user_id;
  access::DbUnitTree tree(c);
  auto r = record_of(in);
  if (!access::authorize(who.p, kManagePerm, r, tree))
    throw forbidden("venues.out_of_scope", "只能添加本单位运营或主管、或本区县内的场馆（请检查运营单位与所属区县）");
  db::Tx tx(c, true);
  auto id = repo::insert_venue(c, in);
  audit_write(c, who, "venues:venue:create", id, in.name);
  tx.commit();
  return id;
}

Venue update(db::Conn& c, const app::Caller& who, const View& view, long long id, Venue in, long long version) {
  auto old = managed(c, who.p, id);
  in.id = id;
  in.creator_id = old.creator_id;
  in.status = "active";
  check(c, view, in);
  access::DbUnitTree tree(c);
  if (!access::authorize(who.p, kManagePerm, record_of(in), tree))
    throw forbidden("venues.out_of_scope", "修改后的场馆不在您的管理范围内（请检查运营单位与所属区县）");
  db::Tx tx(c, true);
  if (!repo::update_venue(c, in, version)) throw conflict("request.stale", "场馆已被他人修改，请刷新后再改");
  audit_write(c, who, "venues:venue:update", id, in.name);
  tx.commit();
  return *repo::find_venue(c, id);
}

void remove(db::Conn& c, const app::Caller& who, long long id) {
  auto v = managed(c, who.p, id);
  v.status = "deleted";
  db::Tx tx(c, true);
  repo::update_venue(c, v, v.version);
  audit_write(c, who, "venues:venue:delete", id, v.name);
  tx.commit();
}

long long close(db::Conn& c, const app::Caller& who, long long id, Closure x) {
  managed(c, who.p, id);
  if (x.reason.empty()) throw unprocessable("request.required", "请填写暂停开放的原因", "reason");
  if (json::char_count(x.reason) > 200) throw unprocessable("request.too_long", "原因不超过200个字", "reason");
  check_date(x.starts_on, "starts_on", "暂停开放的起始日期");
  check_date(x.ends_on, "ends_on", "恢复开放前的最后一天");
  if (x.ends_on && *x.ends_on < x.starts_on) throw unprocessable("venues.dates_reversed", "结束日期不能早于起始日期", "ends_on");
  x.venue_id = id;
  db::Tx tx(c, true);
  auto cid = repo::insert_closure(c, x, who.p.user_id);
  audit_write(c, who, "venues:venue:close", id, x.reason);
  tx.commit();
  return cid;
}

void lift(db::Conn& c, const app::Caller& who, long long id, long long closure_id) {
  managed(c, who.p, id);
  db::Tx tx(c, true);
  if (!repo::lift_closure(c, id, closure_id, who.p.user_id)) throw not_found("venues.closure_not_found", "没有这项暂停开放，或已恢复开放");
  audit_write(c, who, "venues:venue:reopen", id);
  tx.commit();
}

namespace {
void check_entry(CalendarEntry& e) {
  if (e.kind != "ph" && e.kind != "sh" && e.kind != "workday") throw unprocessable("venues.calendar_kind", "类别应为法定节假日、调休上班日或学校假期", "kind");
  check_date(e.starts_on, "starts_on", "起始日期");
  check_date(e.ends_on, "ends_on", "结束日期");
  if (e.ends_on < e.starts_on) throw unprocessable("venues.dates_reversed", "结束日期不能早于起始日期", "ends_on");
  auto a = time::parse_date(e.starts_on), b = time::parse_date(e.ends_on);
  if (time::days_from_civil(b->y, b->m, b->d) - time::days_from_civil(a->y, a->m, a->d) > 120)
    throw unprocessable("venues.calendar_too_long", "一项日期范围不超过120天（寒暑假请分段填写）", "ends_on");
  if (e.name.empty()) throw unprocessable("request.required", "请填写名称（如 春节、暑假）", "name");
  if (e.as_weekday < 0 || e.as_weekday > 6) throw unprocessable("request.out_of_range", "调休上班日按周几安排应在周一至周日之间", "as_weekday");
}
}  // namespace

long long add_calendar(db::Conn& c, const app::Caller& who, CalendarEntry e) {
  check_entry(e);
  db::Tx tx(c, true);
  auto id = repo::insert_calendar(c, e, who.p.user_id);
  audit::record(c, who.actor, audit::Event{"venues:calendar:create", "venue_calendar", std::to_string(id)});
  tx.commit();
  return id;
}

void change_calendar(db::Conn& c, const app::Caller& who, CalendarEntry e) {
  check_entry(e);
  db::Tx tx(c, true);
  if (!repo::update_calendar(c, e, who.p.user_id)) throw not_found("venues.calendar_not_found", "没有这项日历");
  audit::record(c, who.actor, audit::Event{"venues:calendar:update", "venue_calendar", std::to_string(e.id)});
  tx.commit();
}

void delete_calendar(db::Conn& c, const app::Caller& who, long long id) {
  db::Tx tx(c, true);
  if (!repo::delete_calendar(c, id)) throw not_found("venues.calendar_not_found", "没有这项日历");
  audit::record(c, who.actor, audit::Event{"venues:calendar:delete", "venue_calendar", std::to_string(id)});
  tx.commit();
}

namespace {
void may_place(db::Conn& c, const access::Principal& p, long long unit_id) {
  auto u = org::facts::unit(c, unit_id);
  if (!u || u->type != "school") throw not_found("venues.school_not_found", "没有这所学校");
  access::DbUnitTree tree(c);
  if (!access::may_act_in_unit(p, kSchoolPlacePerm, unit_id, tree)) throw not_found("venues.school_not_found", "没有这所学校，或不在您的管理范围内");
}
}  // namespace

void set_school_place(db::Conn& c, const app::Caller& who, const View& v, repo::SchoolPlace p) {
  may_place(c, who.p, p.unit_id);
  if (auto m = outside(bounds(v), p.lon, p.lat); !m.empty()) throw unprocessable("venues.outside_city", m, "lon");
  db::Tx tx(c, true);
  repo::upsert_school_place(c, p, who.p.user_id);
  audit::record(c, who.actor, audit::Event{"venues:school:place", "unit", std::to_string(p.unit_id)});
  tx.commit();
}

void clear_school_place(db::Conn& c, const app::Caller& who, long long unit_id) {
  may_place(c, who.p, unit_id);
  db::Tx tx(c, true);
  if (!repo::delete_school_place(c, unit_id)) throw not_found("venues.school_place_not_found", "这所学校还没有位置");
  audit::record(c, who.actor, audit::Event{"venues:school:unplace", "unit", std::to_string(unit_id)});
  tx.commit();
}

long long today_day(long long now_ms) { return local_minute(now_ms) / kDayMinutes; }
long long local_minute(long long now_ms) { return now_ms / 60000 + 8 * 60; }

std::vector<DayHours> preview(const hours::Schedule& s, const CalendarData& cal, long long first_day, int days) {
  static const char* wd[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  std::vector<DayHours> out;
  auto calendar = cal.calendar();
  auto hhmm = [](long long m) {
    char b[8];
    std::snprintf(b, sizeof b, "%02lld:%02lld", m / 60, m % 60);
    return std::string(b);
  };
  for (long long d = first_day; d < first_day + days; ++d) {
    DayHours h;
    int y, m, dd;
    hours::civil_of(d, y, m, dd);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, dd);
    h.date = date;
    h.weekday = wd[((d % 7) + 7 + 3) % 7];
    if (cal.ph.count(d)) h.marks += "法定节假日 ";
    if (cal.sh.count(d)) h.marks += "学校假期 ";
    if (auto it = cal.workday.find(d); it != cal.workday.end()) h.marks += std::string("调休上班（按") + wd[it->second] + "） ";
    if (!h.marks.empty()) h.marks.pop_back();
    for (auto& i : hours::intervals(s, d * kDayMinutes, (d + 1) * kDayMinutes, calendar)) {
      auto span = i.from == d * kDayMinutes && i.to == (d + 1) * kDayMinutes ? std::string("全天")
                                                                             : hhmm(i.from - d * kDayMinutes) + "-" + hhmm(i.to - d * kDayMinutes);
      (i.state == hours::State::Open ? h.open : h.unknown).push_back(i.comment.empty() ? span : span + " " + i.comment);
    }
    out.push_back(std::move(h));
  }
  return out;
}
}  // namespace xt::venues
