// HTTP routes of the venues that staff keep: venues (list, form, closures), the hours preview,
// the city's calendar, school places, and coverage for the bureau.
#include "modules/venues/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/app/download.hpp"
#include "core/audit/names.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/retention.hpp"
#include "core/json/json.hpp"
#include "core/time/time.hpp"
#include "modules/org/facts.hpp"
#include "modules/org/service.hpp"
#include "modules/venues/json.hpp"
#include "modules/venues/service.hpp"

namespace xt::venues {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
std::shared_ptr<const View> view_of(Ctx& ctx) { return view(ctx.conn(), ctx.app.generated()); }

Response venue_response(Ctx& ctx, const Venue& v, int status = 200) {
  auto o = venue_json(v, false);
  bj::array closures;
  for (auto& x : repo::closures_of(ctx.conn(), v.id))
    closures.push_back(bj::object{{"id", x.id}, {"starts_on", x.starts_on}, {"ends_on", x.ends_on ? bj::value(*x.ends_on) : bj::value(nullptr)},
                                  {"reason", x.reason}, {"lifted", x.lifted_at.has_value()}});
  o["closures"] = closures;
  std::vector<long long> ids;
  for (auto id : {v.district_id, v.manager_unit_id, v.supervisor_unit_id})
    if (id) ids.push_back(*id);
  auto names = org::facts::names(ctx.conn(), ids);
  auto name = [&](const std::optional<long long>& id) { return id && names.count(*id) ? bj::value(names[*id]) : bj::value(nullptr); };
  o["district_name"] = name(v.district_id);
  o["manager_unit_name"] = name(v.manager_unit_id);
  o["supervisor_unit_name"] = name(v.supervisor_unit_id);
  return Response::json(bj::serialize(o), status);
}

std::string param(Ctx& ctx, const char* name, size_t max = 60) {
  auto v = ctx.req.query_param(name).value_or("");
  if (json::char_count(v) > max) throw bad_request("request.bad_param", std::string("查询条件过长：") + name, name);
  return v;
}

bj::array day_hours_json(const std::vector<DayHours>& days) {
  bj::array out;
  for (auto& d : days) {
    bj::array open, unknown;
    for (auto& s : d.open) open.emplace_back(s);
    for (auto& s : d.unknown) unknown.emplace_back(s);
    out.push_back(bj::object{{"date", d.date}, {"weekday", d.weekday}, {"marks", d.marks}, {"open", open}, {"unknown", unknown}});
  }
  return out;
}

CalendarEntry calendar_input(Ctx& ctx) {
  auto body = ctx.body();
  json::Fields f(body);
  CalendarEntry e;
  e.kind = f.req_string("kind", "类别", 10);
  e.starts_on = f.req_string("starts_on", "起始日期", 10);
  e.ends_on = f.opt_string("ends_on", "结束日期", 10).value_or(e.starts_on);
  if (e.ends_on.empty()) e.ends_on = e.starts_on;
  e.name = f.req_string("name", "名称", 40);
  e.as_weekday = f.opt_int_in("as_weekday", "按周几安排", 0, 6, 0);
  f.finish();
  return e;
}

bool sees_all(const access::Principal& p, const char* perm) {
  auto it = p.grants.find(perm);
  if (it == p.grants.end()) return false;
  for (auto& g : it->second)
    if (g.kind == "all") return true;
  return false;
}

// Coverage rows the caller may see: the whole city, or the schools of their own district.
std::vector<SchoolCover> coverage_for(Ctx& ctx, const View& v, std::optional<long long> district) {
  auto& p = ctx.principal();
  if (!sees_all(p, kCoveragePerm)) district = p.unit_id;
  std::vector<SchoolCover> out;
  for (auto& c : *v.coverage15())
    if (!district || c.school->district_id == district) out.push_back(c);
  return out;
}

bj::value minutes(const std::optional<double>& s) { return s ? bj::value(std::round(*s / 6) / 10) : bj::value(nullptr); }
}  // namespace

void register_permissions() {
  if (!access::find_scope("venue_district")) access::register_unit_relation_scope("venue_district", "本区县内的场馆", "district");
  if (!access::find_scope("venue_unit")) {
    access::ScopeKind k{"venue_unit", "本单位运营或主管的场馆",
                        [](const access::Principal& p, const access::ScopeGrant&, const access::Record& r, const access::UnitTree&) {
                          auto it = r.units.find("supervisor");
                          return r.owner_unit_id == p.unit_id || (it != r.units.end() && it->second == p.unit_id);
                        },
                        [](db::Query& q, const access::Principal& p, const access::ScopeGrant&, const access::Columns& c) {
                          auto it = c.units.find("supervisor");
                          q << "(" << c.unit << " = " << q.bind(p.unit_id);
                          if (it != c.units.end()) q << " OR " << it->second << " = " << q.bind(p.unit_id);
                          q << ")";
                        }};
    k.relationship = true;
    access::register_scope(std::move(k));
  }
  access::register_permission({kManagePerm, "维护场馆：信息、开放时间、暂停开放、导入", "venues", "运动地图与场馆", {"venue_district", "venue_unit"}});
  access::register_permission({kCalendarPerm, "维护节假日、调休与学校假期日历", "venues", "运动地图与场馆"});
  access::register_permission({kCoveragePerm, "查看学校15分钟覆盖情况", "venues", "运动地图与场馆", {"venue_district"}});
  access::register_permission({kSchoolPlacePerm, "标注学校位置（15分钟运动圈的起点）", "venues", "运动地图与场馆"});
  org::register_builtin_grant("city_staff", kManagePerm, "all");
  org::register_builtin_grant("city_staff", kCalendarPerm, "all");
  org::register_builtin_grant("city_staff", kCoveragePerm, "all");
  org::register_builtin_grant("city_staff", kSchoolPlacePerm, "all");
  org::register_builtin_grant("district_staff", kManagePerm, "venue_district");
  org::register_builtin_grant("district_staff", kCoveragePerm, "venue_district");
  org::register_builtin_grant("district_staff", kSchoolPlacePerm, "subtree");
  org::register_builtin_grant("school_admin", kManagePerm, "venue_unit");
  org::register_builtin_grant("school_admin", kSchoolPlacePerm, "own_unit");
  org::register_builtin_grant("unit_staff", kManagePerm, "venue_unit");
  access::register_menu({"venues", "运动地图", "/venues", "MapLocation", "", "", 28});
  access::register_menu({"venues-list", "场馆管理", "/venues/list", "Basketball", kManagePerm, "venues", 29});
  access::register_menu({"venues-coverage", "15分钟覆盖", "/venues/coverage", "Aim", kCoveragePerm, "venues", 30});
  access::register_menu({"venues-schools", "学校位置", "/venues/schools", "School", kSchoolPlacePerm, "venues", 31});
  access::register_menu({"venues-calendar", "节假日与学校假期", "/venues/calendar", "Calendar", kCalendarPerm, "venues", 32});
  audit::register_namer("venue", [](db::Conn& c, const std::vector<std::string>& ids) {
    std::map<std::string, std::string> out;
    for (auto id : audit::numeric_ids(ids))
      if (auto v = repo::find_venue(c, id)) out[std::to_string(id)] = v->name;
    return out;
  });
}

void register_routes(app::App& a) {
  files::register_reference(a.generated().name(), "venue_networks", "file_sha256", "active = 1");
  // The map's view built at start (and checked with the other jobs) in the background, so the
  // first visitor after a start or a network load does not wait for a million-node network.
  a.jobs().add("venues.view", [&a](db::Conn& c, long long) { view(c, a.generated()); });
  register_public_routes(a);
  register_import_routes(a);
  http::ModuleRoutes add(a.router(), "venues");
  add("GET", "/api/v1/venues", kManagePerm, "场馆列表（管理范围内；关键词、类别、区县、暂停开放中）", [](Ctx& ctx) {
    repo::ListFilter f;
    f.keyword = param(ctx, "keyword", 40);
    f.kind = param(ctx, "kind", 40);
    f.district_id = app::int_param(ctx.req, "district_id", 1, 1LL << 50);
    f.closed_only = param(ctx, "closed") == "1";
    f.page = (int)app::int_param(ctx.req, "page", 1, 100000).value_or(1);
    f.size = (int)app::int_param(ctx.req, "page_size", 1, 100).value_or(20);
    auto page = repo::list_venues(ctx.conn(), f, ctx.principal(), kManagePerm);
    std::vector<long long> ids;
    for (auto& v : page.items) ids.push_back(v.id);
    std::set<long long> closed;
    for (auto& x : repo::open_closures(ctx.conn(), ids.empty() ? std::vector<long long>{0} : ids)) closed.insert(x.venue_id);
    std::vector<long long> units;
    for (auto& v : page.items)
      if (v.district_id) units.push_back(*v.district_id);
    auto names = org::facts::names(ctx.conn(), units);
    bj::array items;
    for (auto& v : page.items) {
      auto o = venue_json(v, false);
      o["closed"] = closed.count(v.id) > 0;
      o["district_name"] = v.district_id && names.count(*v.district_id) ? bj::value(names[*v.district_id]) : bj::value(nullptr);
      items.push_back(o);
    }
    return Response::json(bj::serialize(bj::object{{"items", items}, {"total", page.total}, {"page", f.page}, {"page_size", f.size}}));
  });
  add("GET", "/api/v1/venues/options", kManagePerm, "场馆表单的选项：类别、运动项目、设施、开放对象、区县", [](Ctx& ctx) {
    bj::array districts;
    for (auto& a : view_of(ctx)->areas) districts.push_back(bj::object{{"id", a.unit_id}, {"name", a.name}});
    bj::object aud;
    for (auto* a : kAudiences) aud[a] = audience_label(a);
    return Response::json(bj::serialize(bj::object{{"kinds", code_list(kinds())}, {"sports", code_list(sports())}, {"facilities", code_list(facilities())},
                                                   {"audiences", aud}, {"districts", districts}}));
  });
  add("POST", "/api/v1/venues/hours/preview", kManagePerm, "开放时间（opening_hours）试算：今后14天每天的开放时段", [](Ctx& ctx) {
    auto body = ctx.body();
    json::Fields f(body);
    auto value = f.req_string("value", "开放时间", 500);
    auto from = f.opt_string("from", "起始日期", 10);
    f.finish();
    long long day = today_day(db::now_ms());
    if (from && !from->empty()) {
      auto d = xt::time::parse_date(*from);
      if (!d) throw unprocessable("request.bad_date", "起始日期应为日期（如 2026-12-03）", "from");
      day = hours::day_number(d->y, d->m, d->d);
    }
    hours::Schedule s;
    try {
      s = hours::parse(value);
    } catch (const hours::HoursError& e) {
      ApiError err = unprocessable("venues.hours_invalid", std::string("开放时间无法识别：") + e.what() + "（第" + std::to_string(e.at + 1) + "个字符起）", "value");
      throw err;
    }
    auto v = view_of(ctx);
    return Response::json(bj::serialize(bj::object{{"value", s.value}, {"days", day_hours_json(preview(s, *v->cal, day, 14))}}));
  });
  add("GET", "/api/v1/venues/{id}", kManagePerm, "一个场馆（含暂停开放记录）", [](Ctx& ctx) {
    return venue_response(ctx, managed(ctx.conn(), ctx.principal(), ctx.id_param()));
  });
  add("POST", "/api/v1/venues", kManagePerm, "添加场馆", [](Ctx& ctx) {
    auto v = view_of(ctx);
    auto id = create(ctx.conn(), ctx.caller(), *v, venue_from_json(ctx.body()));
    refresh(ctx.conn(), ctx.app.generated());
    return venue_response(ctx, *repo::find_venue(ctx.conn(), id), 201);
  });
  add("PUT", "/api/v1/venues/{id}", kManagePerm, "修改场馆", [](Ctx& ctx) {
    long long version = 0;
    auto in = venue_from_json(ctx.body(), &version);
    if (!version) throw unprocessable("request.required", "缺少版本号（请刷新后再改）", "version");
    auto v = view_of(ctx);
    auto out = update(ctx.conn(), ctx.caller(), *v, ctx.id_param(), std::move(in), version);
    refresh(ctx.conn(), ctx.app.generated());
    return venue_response(ctx, out);
  });
  add("DELETE", "/api/v1/venues/{id}", kManagePerm, "删除场馆（地图上不再显示）", [](Ctx& ctx) {
    remove(ctx.conn(), ctx.caller(), ctx.id_param());
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json("{}");
  });
  add("POST", "/api/v1/venues/{id}/closures", kManagePerm, "暂停开放（原因、起止日期；不填结束日期即到恢复开放为止）", [](Ctx& ctx) {
    auto body = ctx.body();
    json::Fields f(body);
    Closure x;
    x.starts_on = f.req_string("starts_on", "起始日期", 10);
    x.ends_on = f.opt_string("ends_on", "结束日期", 10);
    if (x.ends_on && x.ends_on->empty()) x.ends_on.reset();
    x.reason = f.req_string("reason", "原因", 200, true);
    f.finish();
    long long id = ctx.id_param();
    close(ctx.conn(), ctx.caller(), id, x);
    refresh(ctx.conn(), ctx.app.generated());
    return venue_response(ctx, *repo::find_venue(ctx.conn(), id), 201);
  });
  add("POST", "/api/v1/venues/{id}/closures/{closure}/lift", kManagePerm, "恢复开放", [](Ctx& ctx) {
    long long id = ctx.id_param();
    lift(ctx.conn(), ctx.caller(), id, ctx.id_param("closure"));
    refresh(ctx.conn(), ctx.app.generated());
    return venue_response(ctx, *repo::find_venue(ctx.conn(), id));
  });

  add("GET", "/api/v1/venues/calendar", kManagePerm, "节假日、调休上班日与学校假期（开放时间中的 PH、SH）", [](Ctx& ctx) {
    bj::array items;
    for (auto& e : repo::calendar(ctx.conn()))
      items.push_back(bj::object{{"id", e.id}, {"kind", e.kind}, {"starts_on", e.starts_on}, {"ends_on", e.ends_on}, {"name", e.name}, {"as_weekday", e.as_weekday}});
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("POST", "/api/v1/venues/calendar", kCalendarPerm, "添加节假日、调休上班日或学校假期", [](Ctx& ctx) {
    auto id = add_calendar(ctx.conn(), ctx.caller(), calendar_input(ctx));
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json(bj::serialize(bj::object{{"id", id}}), 201);
  });
  add("PUT", "/api/v1/venues/calendar/{id}", kCalendarPerm, "修改一项日历", [](Ctx& ctx) {
    auto e = calendar_input(ctx);
    e.id = ctx.id_param();
    change_calendar(ctx.conn(), ctx.caller(), e);
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json("{}");
  });
  add("DELETE", "/api/v1/venues/calendar/{id}", kCalendarPerm, "删除一项日历", [](Ctx& ctx) {
    delete_calendar(ctx.conn(), ctx.caller(), ctx.id_param());
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json("{}");
  });

  add("GET", "/api/v1/venues/schools", kSchoolPlacePerm, "管理范围内的学校及其位置", [](Ctx& ctx) {
    auto v = view_of(ctx);
    std::map<long long, repo::SchoolPlace> places;
    for (auto& p : repo::school_places(ctx.conn())) places[p.unit_id] = p;
    auto keyword = param(ctx, "keyword", 40);
    bool missing = param(ctx, "missing") == "1";
    bj::array items;
    long long total = 0, placed = 0;
    for (auto& u : org::facts::schools_in_scope(ctx.conn(), ctx.principal(), kSchoolPlacePerm, keyword)) {
      ++total;
      auto it = places.find(u.id);
      placed += it != places.end();
      if (missing && it != places.end()) continue;
      if (items.size() >= 200) continue;
      bj::object o{{"id", u.id}, {"name", u.name}};
      if (it != places.end()) {
        o["lon"] = it->second.lon;
        o["lat"] = it->second.lat;
        o["address"] = it->second.address;
      }
      items.push_back(o);
    }
    return Response::json(bj::serialize(bj::object{{"items", items}, {"total", total}, {"placed", placed}}));
  });
  add("PUT", "/api/v1/venues/schools/{id}/place", kSchoolPlacePerm, "标注学校位置（坐标系可选 wgs84、gcj02、bd09）", [](Ctx& ctx) {
    auto body = ctx.body();
    if (!body.is_object()) throw bad_request("request.bad_json", "请求内容应为 JSON 对象");
    json::Fields f(body);
    repo::SchoolPlace p;
    p.unit_id = ctx.id_param();
    double lon = number_field(body.as_object(), "lon", "经度"), lat = number_field(body.as_object(), "lat", "纬度");
    f.raw("lon");
    f.raw("lat");
    p.address = f.opt_string("address", "地址", 200).value_or("");
    auto crs = f.opt_string("crs", "坐标系", 20).value_or("wgs84");
    f.finish();
    try {
      auto sys = geo::crs_from(crs.empty() ? "wgs84" : crs);
      auto w = geo::to_wgs84({lon, lat}, sys);
      p.lon = w.lon;
      p.lat = w.lat;
      p.source_crs = geo::crs_name(sys);
    } catch (const std::invalid_argument&) {
      throw unprocessable("venues.crs_unknown", "坐标系应为 wgs84、gcj02 或 bd09：" + crs, "crs");
    }
    set_school_place(ctx.conn(), ctx.caller(), *view_of(ctx), p);
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json("{}");
  });
  add("DELETE", "/api/v1/venues/schools/{id}/place", kSchoolPlacePerm, "清除学校位置", [](Ctx& ctx) {
    clear_school_place(ctx.conn(), ctx.caller(), ctx.id_param());
    refresh(ctx.conn(), ctx.app.generated());
    return Response::json("{}");
  });

  add("GET", "/api/v1/venues/coverage", kCoveragePerm, "学校15分钟步行范围内有无运动场馆、免费学习场所（按区县）", [](Ctx& ctx) {
    auto v = view_of(ctx);
    auto rows = coverage_for(ctx, *v, app::int_param(ctx.req, "district_id", 1, 1LL << 50));
    std::map<std::string, std::array<long long, 3>> by_district;  // schools, without sports, without study
    bj::array items;
    for (auto& c : rows) {
      auto& d = by_district[c.school->district.empty() ? "市直属" : c.school->district];
      ++d[0];
      d[1] += !c.sports_s;
      d[2] += !c.study_s;
      items.push_back(bj::object{{"school_id", c.school->id}, {"name", c.school->name}, {"district", c.school->district},
                                 {"lon", c.school->at.lon}, {"lat", c.school->at.lat}, {"sports_minutes", minutes(c.sports_s)},
                                 {"sports_name", c.sports_name}, {"study_minutes", minutes(c.study_s)}, {"study_name", c.study_name}});
    }
    bj::array districts;
    for (auto& [name, n] : by_district)
      districts.push_back(bj::object{{"district", name}, {"schools", n[0]}, {"without_sports", n[1]}, {"without_study", n[2]}});
    return Response::json(bj::serialize(bj::object{{"items", items}, {"districts", districts}, {"minutes", 15}, {"speed", kDefaultSpeed},
                                                   {"mode", v->network ? "network" : "straight"}, {"circuity", kCircuity}}));
  });
  add("GET", "/api/v1/venues/coverage/export", kCoveragePerm, "导出学校15分钟覆盖情况（Excel）", [](Ctx& ctx) {
    auto v = view_of(ctx);
    auto rows = coverage_for(ctx, *v, app::int_param(ctx.req, "district_id", 1, 1LL << 50));
    std::vector<std::vector<std::string>> table;
    auto fmt = [](const std::optional<double>& s) {
      if (!s) return std::string("15分钟内没有");
      char b[16];
      std::snprintf(b, sizeof b, "%.1f", *s / 60);
      return std::string(b);
    };
    for (auto& c : rows)
      table.push_back({c.school->district.empty() ? "市直属" : c.school->district, c.school->name, fmt(c.sports_s), c.sports_name, fmt(c.study_s), c.study_name});
    std::string how = v->network ? "按步行网络计算" : "未载入步行网络，按直线距离×1.2估算";
    auto bytes = exporting::xlsx_table(ctx.app.tmp_dir(), "15分钟覆盖",
                                       {{"区县"}, {"学校"}, {"最近运动场馆（步行分钟）"}, {"运动场馆"}, {"最近免费学习场所（步行分钟）"}, {"学习场所"}}, table,
                                       {{"学校15分钟步行范围内的运动场馆与免费学习场所", true}, {"步行速度1.1米/秒（儿童步速），" + how}});
    return app::xlsx_download(ctx, bytes, "学校15分钟覆盖情况.xlsx", "venues:coverage:export", "venue", (long long)rows.size());
  });
}
}  // namespace xt::venues
