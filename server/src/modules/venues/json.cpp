#include "modules/venues/json.hpp"

#include <cmath>

#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "modules/venues/geo/coords.hpp"

namespace xt::venues {
namespace bj = boost::json;

double number_field(const bj::object& o, const char* key, const char* label) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) throw unprocessable("request.required", std::string("请填写") + label, key);
  if (v->is_number()) return v->to_number<double>();
  if (v->is_string()) {
    std::string s(v->as_string());
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == 0 && std::isfinite(d)) return d;
  }
  throw unprocessable("request.not_number", std::string(label) + "应为数字", key);
}

namespace {
std::vector<std::string> strings(json::Fields& f, const char* key, const char* label) {
  std::vector<std::string> out;
  if (!f.has(key)) return out;
  for (auto& x : f.req_array(key, label, 40)) {
    if (!x.is_string()) throw bad_request("request.bad_type", std::string(label) + "应为文字列表", key);
    out.emplace_back(x.as_string());
  }
  return out;
}
std::optional<int> opt_small(json::Fields& f, const char* key, const char* label) {
  auto* r = f.raw(key);  // read (so a null is not an unknown field)
  if (!r || r->is_null()) return std::nullopt;
  return f.req_int_in(key, label, -1000, 1000);
}
std::string text(json::Fields& f, const char* key, const char* label, size_t max) { return f.opt_string(key, label, max).value_or(""); }
}  // namespace

Venue venue_from_json(const bj::value& body, long long* version) {
  if (!body.is_object()) throw bad_request("request.bad_json", "请求内容应为 JSON 对象");
  json::Fields f(body);
  Venue v;
  v.name = f.req_string("name", "场馆名称", 100, true);
  v.kind = f.req_string("kind", "场馆类别", 40, true);
  v.address = text(f, "address", "地址", 200);
  auto& o = body.as_object();
  double lon = number_field(o, "lon", "经度"), lat = number_field(o, "lat", "纬度");
  f.raw("lon");
  f.raw("lat");
  auto crs = text(f, "crs", "坐标系", 20);
  if (crs.empty()) crs = "wgs84";
  try {
    auto sys = geo::crs_from(crs);
    auto p = geo::to_wgs84({lon, lat}, sys);
    v.lon = p.lon;
    v.lat = p.lat;
    v.source_crs = geo::crs_name(sys);
  } catch (const std::invalid_argument&) {
    throw unprocessable("venues.crs_unknown", "坐标系应为 wgs84（天地图、GPS）、gcj02（高德、腾讯）或 bd09（百度）：" + crs, "crs");
  }
  auto id = [&](const char* key, const char* label) -> std::optional<long long> {
    auto* r = f.raw(key);  // read (so a null is not an unknown field)
    if (!r || r->is_null()) return std::nullopt;
    return f.opt_int(key, label);
  };
  v.district_id = id("district_id", "所属区县");
  v.manager_unit_id = id("manager_unit_id", "运营单位");
  v.supervisor_unit_id = id("supervisor_unit_id", "主管部门");
  v.manager_name = text(f, "manager_name", "运营单位名称", 100);
  v.sports = strings(f, "sports", "运动项目");
  v.facilities = strings(f, "facilities", "设施");
  if (auto* h = f.raw("hours"); h && !h->is_null()) {
    json::Fields hf(*h, "hours.");
    for (int a = 0; a < 3; ++a) v.hours[a] = hf.opt_string(kAudiences[a], audience_label(kAudiences[a]), 500);
    hf.finish();
  }
  v.hours_note = text(f, "hours_note", "开放时间说明", 300);
  v.fee = text(f, "fee", "收费", 200);
  v.free_for_students = f.opt_bool("free_for_students", "对学生免费").value_or(false);
  v.min_age = opt_small(f, "min_age", "最低年龄");
  v.max_age = opt_small(f, "max_age", "最高年龄");
  v.booking = text(f, "booking", "预约方式", 200);
  if (auto* s = f.raw("safety"); s && !s->is_null()) {
    json::Fields sf(*s, "safety.");
    v.safety.water_depth = text(sf, "water_depth", "水深", 50);
    v.safety.surface = text(sf, "surface", "场地地面", 50);
    v.safety.tips = text(sf, "tips", "安全提示", 500);
    v.safety.lit = sf.opt_bool("lit", "夜间照明");
    v.safety.coach_on_duty = sf.opt_bool("coach_on_duty", "有教练值守");
    v.safety.lifeguard_on_duty = sf.opt_bool("lifeguard_on_duty", "有救生员值守");
    sf.finish();
  }
  v.phone = text(f, "phone", "联系电话", 40);
  v.description = text(f, "description", "简介", 1000);
  v.verified_on = f.opt_string("verified_on", "核实日期", 10);
  if (v.verified_on && v.verified_on->empty()) v.verified_on.reset();
  v.source = "manual";
  if (version) *version = f.has("version") ? f.req_int_in("version", "版本", 1, 1 << 30) : 0;
  f.finish();
  return v;
}

bj::object venue_json(const Venue& v, bool for_public) {
  bj::object hours;
  for (int a = 0; a < 3; ++a) hours[kAudiences[a]] = v.hours[a] ? bj::value(*v.hours[a]) : bj::value(nullptr);
  bj::array sports_a, fac_a;
  for (auto& s : v.sports) sports_a.push_back(bj::object{{"code", s}, {"label", label_of(sports(), s)}});
  for (auto& s : v.facilities) fac_a.push_back(bj::object{{"code", s}, {"label", label_of(facilities(), s)}});
  bj::object safety{{"water_depth", v.safety.water_depth}, {"surface", v.safety.surface}, {"tips", v.safety.tips}};
  auto flag = [](const std::optional<bool>& b) { return b ? bj::value(*b) : bj::value(nullptr); };
  safety["lit"] = flag(v.safety.lit);
  safety["coach_on_duty"] = flag(v.safety.coach_on_duty);
  safety["lifeguard_on_duty"] = flag(v.safety.lifeguard_on_duty);
  auto opt = [](const std::optional<int>& i) { return i ? bj::value(*i) : bj::value(nullptr); };
  bj::object o{{"id", v.id}, {"name", v.name}, {"kind", v.kind}, {"kind_label", label_of(kinds(), v.kind)}, {"sports_kind", sports_kind(v.kind)},
               {"address", v.address}, {"lon", std::round(v.lon * 1e7) / 1e7}, {"lat", std::round(v.lat * 1e7) / 1e7},
               {"manager_name", v.manager_name}, {"sports", sports_a}, {"facilities", fac_a}, {"hours", hours}, {"hours_note", v.hours_note},
               {"fee", v.fee}, {"free_for_students", v.free_for_students}, {"min_age", opt(v.min_age)}, {"max_age", opt(v.max_age)},
               {"booking", v.booking}, {"safety", safety}, {"phone", v.phone}, {"description", v.description},
               {"verified_on", v.verified_on ? bj::value(*v.verified_on) : bj::value(nullptr)}};
  if (!for_public) {
    auto id = [](const std::optional<long long>& i) { return i ? bj::value(*i) : bj::value(nullptr); };
    o["source_crs"] = v.source_crs;
    o["district_id"] = id(v.district_id);
    o["manager_unit_id"] = id(v.manager_unit_id);
    o["supervisor_unit_id"] = id(v.supervisor_unit_id);
    o["source"] = v.source;
    o["external_ref"] = v.external_ref;
    o["version"] = v.version;
    o["changed_at"] = v.changed_at;
  }
  return o;
}

bj::object code_list(const std::vector<Code>& codes) {
  bj::object o;
  for (auto& c : codes) o[c.code] = c.label;
  return o;
}

bj::array points_json(const std::vector<geo::LonLat>& pts) {
  bj::array a;
  for (auto& p : pts) a.push_back(bj::array{std::round(p.lon * 1e6) / 1e6, std::round(p.lat * 1e6) / 1e6});
  return a;
}
}  // namespace xt::venues
