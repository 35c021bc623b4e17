// The public map's API (no login): venues by filter, a venue with its next 14 days of hours,
// the N-minute walk from a school or a point, the schools to start from, and the plain map
// layer. A point sent for the walk is used for that answer only: never stored or logged.
#include <algorithm>
#include <cmath>
#include <mutex>

#include "core/http/static_files.hpp"

#include "core/json/json.hpp"
#include "core/time/time.hpp"
#include "modules/venues/json.hpp"
#include "modules/venues/routes.hpp"
#include "modules/venues/service.hpp"

namespace xt::venues {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
std::string param(Ctx& ctx, const char* name, size_t max_chars = 60) {
  auto v = ctx.req.query_param(name).value_or("");
  if (json::char_count(v) > max_chars) throw bad_request("request.bad_param", std::string("查询条件过长：") + name, name);
  return v;
}

double real_param(Ctx& ctx, const char* name, const char* label, double lo, double hi) {
  auto s = param(ctx, name, 30);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (s.empty() || !end || *end || !std::isfinite(d)) throw bad_request("request.bad_param", std::string(label) + "应为数字", name);
  if (d < lo || d > hi) {
    char b[160];
    std::snprintf(b, sizeof b, "%s应在%g–%g之间", label, lo, hi);
    throw unprocessable("request.out_of_range", b, name);
  }
  return d;
}

// "now", or a local time "2026-12-03T16:30" (also with a space).
long long minute_param(const std::string& s) {
  if (s == "now") return local_minute(db::now_ms());
  auto d = xt::time::parse_date(s.substr(0, 10));
  int hh = -1, mm = -1;
  if (s.size() == 16 && (s[10] == 'T' || s[10] == ' ')) std::sscanf(s.c_str() + 11, "%2d:%2d", &hh, &mm);
  if (!d || hh < 0 || hh > 23 || mm < 0 || mm > 59) throw bad_request("request.bad_param", "开放时刻应为 now 或 2026-12-03T16:30 这样的时间", "open");
  return hours::day_number(d->y, d->m, d->d) * 1440 + hh * 60 + mm;
}

Filter filter_of(Ctx& ctx) {
  Filter f;
  for (auto& k : split_codes(param(ctx, "kind", 300)))
    if (label_of(kinds(), k)[0] || k == "sports" || k == "study") {
      if (k == "sports" || k == "study")
        for (auto& c : kinds())
          if (sports_kind(c.code) == (k == "sports")) f.kinds.push_back(c.code);
      if (k != "sports" && k != "study") f.kinds.push_back(k);
    } else {
      throw unprocessable("venues.kind_unknown", "场馆类别不在列表中：" + k, "kind");
    }
  f.sport = param(ctx, "sport", 30);
  f.facility = param(ctx, "facility", 30);
  f.keyword = param(ctx, "keyword", 30);
  f.free_only = param(ctx, "free") == "1";
  f.age = app::int_param(ctx.req, "age", 3, 18);
  auto aud = param(ctx, "audience", 20);
  if (!aud.empty()) {
    f.audience = audience_index(aud);
    if (f.audience < 0) throw unprocessable("venues.audience_unknown", "开放对象应为 pupil（学生独自）、guardian（监护人陪同）或 group（学校团体）", "audience");
  }
  auto open = param(ctx, "open", 20);
  if (!open.empty()) f.open_at = minute_param(open);
  return f;
}

const char* state_name(hours::State s) {
  return s == hours::State::Open ? "open" : s == hours::State::Unknown ? "unknown" : "closed";
}

bj::object brief(const View& v, const Entry& e, long long minute, int audience) {
  auto& x = e.v;
  bj::array sp;
  for (auto& s : x.sports) sp.emplace_back(label_of(sports(), s));
  bj::array admitted;
  for (int a = 0; a < 3; ++a)
    if (x.hours[a]) admitted.emplace_back(kAudiences[a]);
  return {{"id", x.id}, {"name", x.name}, {"kind", x.kind}, {"kind_label", label_of(kinds(), x.kind)}, {"sports_kind", sports_kind(x.kind)},
          {"address", x.address}, {"lon", std::round(x.lon * 1e6) / 1e6}, {"lat", std::round(x.lat * 1e6) / 1e6}, {"sports", sp},
          {"free_for_students", x.free_for_students}, {"admits", admitted}, {"state", state_name(v.state(e, audience, minute))},
          {"closed", v.closed_on(e, minute / 1440)}};
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The map page's first list, in the HTML itself (the first 20 venues by name, what the list
// shows before any filter), so a phone on a slow network can read and open them before the
// scripts arrive. Made once per view.
std::string first_list(const std::string& path) {
  if (path != "/map" && path != "/map/") return "";
  auto v = held_view();
  if (!v) return "";
  static std::mutex mu;
  static std::shared_ptr<const View> made_for;
  static std::string html;
  std::lock_guard l(mu);
  if (made_for == v) return html;
  std::vector<const Entry*> all;
  all.reserve(v->entries.size());
  for (auto& e : v->entries) all.push_back(e.get());
  size_t n = std::min<size_t>(20, all.size());
  std::partial_sort(all.begin(), all.begin() + (long)n, all.end(), [](const Entry* a, const Entry* b) { return a->v.name < b->v.name; });
  std::string out = "<section class=\"map-page\"><h1 class=\"map-title\">学生运动地图</h1><p class=\"lib-muted\">正在加载筛选、地图和开放状态……</p>"
                    "<h2>场所列表 <span class=\"lib-muted\">共 " + std::to_string(v->entries.size()) + " 处</span></h2><ul class=\"map-cards\" data-test=\"venue-list\">";
  for (size_t i = 0; i < n; ++i) {
    auto& x = all[i]->v;
    out += "<li class=\"map-card\"><a class=\"map-card-name\" href=\"/map/venues/" + std::to_string(x.id) + "\">" + escape(x.name) +
           "</a><div class=\"lib-muted\">" + label_of(kinds(), x.kind) + "</div><div class=\"lib-muted\">" + escape(x.address) + "</div>" +
           (x.free_for_students ? "<span class=\"map-tag\">对学生免费</span>" : "") + "</li>";
  }
  out += "</ul></section>";
  html = std::move(out);
  made_for = v;
  return html;
}

Response cached(std::string body, int seconds = 30) {
  Response res = Response::json(std::move(body));
  res.set_header("Cache-Control", "public, max-age=" + std::to_string(seconds));
  return res;
}
}  // namespace

void register_public_routes(app::App& a) {
  http::register_page_fill("/map.html", first_list);
  http::ModuleRoutes add(a.router(), "venues");
  add("GET", "/api/v1/public/venues/meta", http::kPublic, "运动地图（公开）：类别、项目、设施、开放对象、步行网络状态、地图范围", [&a](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    auto b = bounds(*v);
    bj::object aud;
    for (auto* x : kAudiences) aud[x] = audience_label(x);
    bj::object net{{"state", v->network_state}};
    if (v->network) {
      net["source"] = v->network_row.source_name;
      net["nodes"] = (long long)v->network->net.graph.nodes();
      net["loaded_at"] = v->network_row.loaded_at;
    }
    bj::array districts;
    for (auto& ar : v->areas) districts.push_back(bj::object{{"id", ar.unit_id}, {"name", ar.name}});
    return cached(bj::serialize(bj::object{
        {"kinds", code_list(kinds())}, {"sports", code_list(sports())}, {"facilities", code_list(facilities())}, {"audiences", aud},
        {"network", net}, {"speed", kDefaultSpeed}, {"circuity", kCircuity}, {"max_minutes", kMaxMinutes},
        {"bounds", bj::array{b.west, b.south, b.east, b.north}}, {"centre", bj::array{v->centre.lon, v->centre.lat}},
        {"venues", (long long)v->entries.size()}, {"schools", (long long)v->schools.size()}, {"districts", districts},
        {"tianditu_key", a.config().tianditu_key}}), 60);
  });
  add("GET", "/api/v1/public/venues", http::kPublic, "场馆（公开）：类别、项目、设施、对学生免费、年龄、开放对象、此刻或某时开放、地图范围", [](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    auto f = filter_of(ctx);
    std::optional<std::array<double, 4>> box;
    if (auto b = param(ctx, "box", 100); !b.empty()) {
      auto parts = split_codes(b);
      if (parts.size() != 4) throw bad_request("request.bad_param", "地图范围应为 西,南,东,北 四个数", "box");
      std::array<double, 4> x{};
      for (int i = 0; i < 4; ++i) {
        char* end = nullptr;
        x[i] = std::strtod(parts[i].c_str(), &end);
        if (!end || *end || !std::isfinite(x[i])) throw bad_request("request.bad_param", "地图范围应为 西,南,东,北 四个数", "box");
      }
      box = x;
    }
    int page = (int)app::int_param(ctx.req, "page", 1, 100000).value_or(1);
    int size = (int)app::int_param(ctx.req, "page_size", 1, 500).value_or(20);
    long long minute = f.open_at.value_or(local_minute(db::now_ms()));
    auto found = v->list(f, box);
    bj::array items;
    for (size_t i = (size_t)(page - 1) * size; i < found.size() && items.size() < (size_t)size; ++i)
      items.push_back(brief(*v, *found[i], minute, f.audience));
    return cached(bj::serialize(bj::object{{"items", items}, {"total", (long long)found.size()}, {"page", page}, {"page_size", size}}));
  });
  add("GET", "/api/v1/public/venues/reach", http::kPublic, "从学校或地图上的一点出发，N分钟步行可达的场馆（按步行时间）及步行范围", [](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    auto f = filter_of(ctx);
    int minutes = (int)app::int_param(ctx.req, "minutes", -100000, 100000).value_or(15);
    if (minutes < 1 || minutes > kMaxMinutes)
      throw unprocessable("venues.minutes_range", "步行时间应在1–" + std::to_string(kMaxMinutes) + "分钟之间", "minutes");
    double speed = ctx.req.query_param("speed") ? real_param(ctx, "speed", "步行速度（米/秒）", 0.5, 2.0) : kDefaultSpeed;
    int limit = (int)app::int_param(ctx.req, "limit", 1, 200).value_or(20);
    geo::LonLat origin;
    bj::object from;
    if (auto school = app::int_param(ctx.req, "school", 1, 1LL << 50)) {
      auto* s = v->school(*school);
      if (!s) throw not_found("venues.school_not_found", "这所学校还没有标注位置");
      origin = s->at;
      from = {{"school_id", s->id}, {"name", s->name}, {"lon", s->at.lon}, {"lat", s->at.lat}};
    } else {
      origin = {real_param(ctx, "lon", "经度", -180, 180), real_param(ctx, "lat", "纬度", -90, 90)};
      if (auto m = outside(bounds(*v), origin.lon, origin.lat); !m.empty()) throw unprocessable("venues.outside_city", m, "lon");
      from = {{"lon", origin.lon}, {"lat", origin.lat}};
    }
    long long minute = f.open_at.value_or(local_minute(db::now_ms()));
    auto r = v->reach(origin, minutes, speed, f, (size_t)limit);
    bj::array items;
    for (auto& h : r.hits) {
      auto o = brief(*v, *h.e, minute, f.audience);
      o["walk_minutes"] = std::round(*h.walk_s / 6) / 10;
      o["metres"] = std::lround(h.metres);
      items.push_back(o);
    }
    bj::object out{{"from", from}, {"mode", r.mode}, {"note", r.note}, {"minutes", minutes}, {"speed", speed}, {"circuity", kCircuity},
                   {"items", items}, {"total", (long long)r.total}, {"shed", points_json(r.shed)}};
    if (r.snap_m) out["snap_metres"] = std::lround(*r.snap_m);
    Response res = Response::json(bj::serialize(out));
    res.set_header("Cache-Control", "no-store");
    return res;
  });
  add("GET", "/api/v1/public/venues/schools", http::kPublic, "可作为起点的学校（已标注位置的；按名称查找）", [](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    auto kw = param(ctx, "keyword", 30);
    bj::array items;
    for (auto& s : v->schools) {
      if (!kw.empty() && s.name.find(kw) == std::string::npos) continue;
      if (items.size() >= 30) break;
      items.push_back(bj::object{{"id", s.id}, {"name", s.name}, {"district", s.district}, {"lon", s.at.lon}, {"lat", s.at.lat}});
    }
    return cached(bj::serialize(bj::object{{"items", items}}), 60);
  });
  add("GET", "/api/v1/public/venues/basemap", http::kPublic, "无在线底图时的简易图层：区县轮廓与主要道路", [](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    bj::array areas, roads;
    for (auto& ar : v->areas) areas.push_back(bj::object{{"id", ar.unit_id}, {"name", ar.name}, {"ring", points_json(ar.ring)}});
    if (v->network)
      for (auto& r : v->network->net.roads)
        if (r.rank <= 3) roads.push_back(bj::object{{"rank", r.rank}, {"points", points_json(r.points)}});
    return cached(bj::serialize(bj::object{{"areas", areas}, {"roads", roads}}), 300);
  });
  add("GET", "/api/v1/public/venues/{id}", http::kPublic, "一个场馆（公开）：设施、各类对象的开放时间及今后14天、收费、安全提示、暂停开放", [](Ctx& ctx) {
    auto v = view(ctx.conn(), ctx.app.generated());
    auto* e = v->find(ctx.id_param());
    if (!e) throw not_found("venues.not_found", "没有这个场馆");
    long long now = local_minute(db::now_ms());
    auto o = venue_json(e->v, true);
    bj::object days, state;
    for (int a = 0; a < 3; ++a) {
      if (!e->sched[a]) continue;
      auto week = preview(*e->sched[a], *v->cal, now / 1440, 14);
      bj::array arr;
      for (auto& d : week) {
        bool closed = v->closed_on(*e, hours::day_of_date(d.date));
        bj::array open, unknown;
        if (!closed) {
          for (auto& s : d.open) open.emplace_back(s);
          for (auto& s : d.unknown) unknown.emplace_back(s);
        }
        arr.push_back(bj::object{{"date", d.date}, {"weekday", d.weekday}, {"marks", d.marks}, {"open", open}, {"unknown", unknown}, {"closed", closed}});
      }
      days[kAudiences[a]] = arr;
      state[kAudiences[a]] = state_name(v->state(*e, a, now));
    }
    bj::array closures;
    for (auto& c : e->closures)
      closures.push_back(bj::object{{"starts_on", c.starts_on}, {"ends_on", c.ends_on ? bj::value(*c.ends_on) : bj::value(nullptr)}, {"reason", c.reason}});
    o["days"] = days;
    o["state"] = state;
    o["closures"] = closures;
    return cached(bj::serialize(o));
  });
}
}  // namespace xt::venues
