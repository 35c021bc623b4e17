// Venue imports from XLSX (the template's columns) or GeoJSON (Point features whose
// properties use the same names, Chinese or English), in the coordinate system the upload
// names (converted to WGS-84; the system recorded with each venue). Every row is checked by the
// form's rules; one bad row imports nothing. A row with an 外部编号 (external id) already known
// updates that venue instead of adding a second one.
#include "modules/venues/imports.hpp"

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "modules/org/facts.hpp"
#include "modules/venues/geo/coords.hpp"
#include "modules/venues/service.hpp"

namespace xt::venues::imports {
namespace bj = boost::json;

namespace {
struct Col { const char* title; const char* key; bool required; };
const std::vector<Col>& columns() {
  static const std::vector<Col> v = {
      {"名称", "name", true},           {"类别", "kind", true},          {"地址", "address", false},
      {"经度", "lon", true},            {"纬度", "lat", true},           {"运动项目", "sports", false},
      {"设施", "facilities", false},    {"学生独自开放时间", "hours_pupil", false}, {"监护人陪同开放时间", "hours_guardian", false},
      {"学校团体开放时间", "hours_group", false}, {"开放时间说明", "hours_note", false}, {"收费", "fee", false},
      {"对学生免费", "free_for_students", false}, {"最低年龄", "min_age", false}, {"最高年龄", "max_age", false},
      {"预约方式", "booking", false},   {"安全提示", "tips", false},     {"联系电话", "phone", false},
      {"运营单位", "manager_name", false}, {"外部编号", "external_ref", false}, {"核实日期", "verified_on", false}};
  return v;
}

std::string code_of(const std::vector<Code>& list, const std::string& text) {
  for (auto& c : list)
    if (text == c.code || text == c.label) return c.code;
  return "";
}

std::optional<int> age_of(const std::string& s, const char* label) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (!end || *end) throw std::runtime_error(std::string(label) + "应为整数：" + s);
  return (int)v;
}

double coord(const std::string& s, const char* label) {
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (s.empty() || !end || *end || !std::isfinite(d)) throw std::runtime_error(std::string(label) + "应为数字：" + s);
  return d;
}

// One row's values by key (from a sheet's columns or a feature's properties) into a venue.
Venue venue_of(db::Conn& c, const std::map<std::string, std::string>& row, geo::Crs crs, const std::string& source) {
  auto get = [&](const char* k) {
    auto it = row.find(k);
    return it == row.end() ? std::string() : it->second;
  };
  Venue v;
  v.name = get("name");
  v.kind = code_of(kinds(), get("kind"));
  if (v.kind.empty()) throw std::runtime_error(get("kind").empty() ? "请填写类别" : "类别不在列表中：" + get("kind"));
  v.address = get("address");
  auto p = geo::to_wgs84({coord(get("lon"), "经度"), coord(get("lat"), "纬度")}, crs);
  v.lon = p.lon;
  v.lat = p.lat;
  v.source_crs = geo::crs_name(crs);
  for (auto& s : exporting::split_list(get("sports"))) {
    auto code = code_of(sports(), s);
    if (code.empty()) throw std::runtime_error("运动项目不在列表中：" + s);
    v.sports.push_back(code);
  }
  for (auto& s : exporting::split_list(get("facilities"))) {
    auto code = code_of(facilities(), s);
    if (code.empty()) throw std::runtime_error("设施不在列表中：" + s);
    v.facilities.push_back(code);
  }
  const char* hk[] = {"hours_pupil", "hours_guardian", "hours_group"};
  for (int a = 0; a < 3; ++a)
    if (auto h = get(hk[a]); !h.empty()) v.hours[a] = h;
  v.hours_note = get("hours_note");
  v.fee = get("fee");
  auto free = get("free_for_students");
  if (!free.empty() && free != "是" && free != "否" && free != "1" && free != "0" && free != "true" && free != "false")
    throw std::runtime_error("对学生免费应填“是”或“否”：" + free);
  v.free_for_students = free == "是" || free == "1" || free == "true";
  v.min_age = age_of(get("min_age"), "最低年龄");
  v.max_age = age_of(get("max_age"), "最高年龄");
  v.booking = get("booking");
  v.safety.tips = get("tips");
  v.phone = get("phone");
  v.manager_name = get("manager_name");
  if (!v.manager_name.empty())
    for (auto id : org::facts::units_named(c, v.manager_name, 5))
      if (auto u = org::facts::unit(c, id); u && u->name == v.manager_name && u->status == "active") v.manager_unit_id = id;
  v.external_ref = get("external_ref");
  if (auto d = get("verified_on"); !d.empty()) {
    auto day = exporting::parse_day(d);
    if (day.empty()) throw std::runtime_error("核实日期应为日期：" + d);
    v.verified_on = day;
  }
  v.source = source;
  return v;
}

std::string text_of(const bj::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v.as_double());
    return b;
  }
  if (v.is_bool()) return v.as_bool() ? "是" : "否";
  if (v.is_array()) {
    std::string s;
    for (auto& x : v.as_array()) s += (s.empty() ? "" : "、") + text_of(x);
    return s;
  }
  return "";
}

// Rows from a GeoJSON FeatureCollection of points; a feature that is not a point is a bad row.
std::vector<Row> geojson_rows(const std::string& bytes) {
  bj::value doc;
  boost::system::error_code ec;
  doc = bj::parse(bytes, ec);
  if (ec || !doc.is_object()) throw unprocessable("import.not_geojson", "文件不是 GeoJSON（应为 FeatureCollection）");
  auto* feats = doc.as_object().if_contains("features");
  if (!feats || !feats->is_array()) throw unprocessable("import.not_geojson", "GeoJSON 中没有 features 数组（应为 FeatureCollection）");
  if (feats->as_array().empty()) throw unprocessable("import.empty", "文件中没有场馆");
  if (feats->as_array().size() > kMaxRows) throw unprocessable("import.too_many_rows", "一次最多导入" + std::to_string(kMaxRows) + "个场馆");
  std::vector<Row> out;
  int n = 0;
  for (auto& f : feats->as_array()) {
    Row r;
    r.number = ++n;
    try {
      auto& o = f.as_object();
      auto* g = o.if_contains("geometry");
      if (!g || !g->is_object() || g->as_object().if_contains("type") == nullptr || text_of(g->as_object().at("type")) != "Point")
        throw std::runtime_error("只接受点（Point）要素");
      auto& c = g->as_object().at("coordinates").as_array();
      if (c.size() < 2) throw std::runtime_error("点的坐标应为 [经度, 纬度]");
      r.values["lon"] = text_of(c[0]);
      r.values["lat"] = text_of(c[1]);
      if (auto* props = o.if_contains("properties"); props && props->is_object())
        for (auto& [k, v] : props->as_object()) {
          std::string key(k);
          for (auto& col : columns())
            if (key == col.title) key = col.key;
          if (key == "opening_hours") key = "hours_pupil";
          if (key == "lon" || key == "lat") continue;
          r.values[key] = text_of(v);
        }
    } catch (const std::exception& e) {
      r.error = std::string("第") + std::to_string(r.number) + "个要素：" + (dynamic_cast<const std::runtime_error*>(&e) ? e.what() : "结构不对");
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Row> xlsx_rows(const std::string& bytes, exporting::Table& table) {
  std::vector<std::string> required;
  for (auto& c : columns())
    if (c.required) required.push_back(c.title);
  table = exporting::read_table(bytes, required, kMaxRows);
  std::vector<Row> out;
  for (auto& tr : table.rows) {
    Row r;
    r.number = tr.number;
    for (auto& c : columns()) r.values[c.key] = table.get(tr, c.title);
    out.push_back(std::move(r));
  }
  return out;
}
}  // namespace

Result run(db::Conn& c, const app::Caller& who, const View& view, const std::string& bytes, const Options& o) {
  Result res;
  geo::Crs crs;
  try {
    crs = geo::crs_from(o.crs.empty() ? "wgs84" : o.crs);
  } catch (const std::invalid_argument&) {
    throw unprocessable("venues.crs_unknown", "坐标系应为 wgs84（天地图、GPS）、gcj02（高德、腾讯）或 bd09（百度）：" + o.crs, "crs");
  }
  std::string source = (o.geojson ? "geojson:" : "xlsx:") + o.file_name;
  res.rows = o.geojson ? geojson_rows(bytes) : xlsx_rows(bytes, res.table);
  std::vector<std::pair<size_t, Venue>> good;
  access::DbUnitTree tree(c);
  for (size_t i = 0; i < res.rows.size(); ++i) {
    auto& r = res.rows[i];
    if (!r.error.empty()) continue;
    std::string where = (o.geojson ? "第" + std::to_string(r.number) + "个要素：" : "第" + std::to_string(r.number) + "行：");
    try {
      auto v = venue_of(c, r.values, crs, source);
      check(c, view, v, "");
      if (!v.manager_unit_id) {
        auto u = org::facts::unit(c, who.p.unit_id);
        if (u && !org::facts::is_bureau(u->type)) v.manager_unit_id = who.p.unit_id;
      }
      access::Record rec;
      rec.owner_unit_id = v.manager_unit_id.value_or(0);
      if (v.district_id) rec.units["district"] = *v.district_id;
      if (v.supervisor_unit_id) rec.units["supervisor"] = *v.supervisor_unit_id;
      if (!access::authorize(who.p, kManagePerm, rec, tree)) throw std::runtime_error("场馆不在您的管理范围内（请检查运营单位与所在区县）");
      v.creator_id = who.p.user_id;
      good.push_back({i, std::move(v)});
    } catch (const ApiError& e) {
      r.error = where + e.what();
    } catch (const std::runtime_error& e) {
      r.error = where + e.what();
    }
  }
  for (auto& r : res.rows) (r.error.empty() ? res.good : res.bad)++;
  res.total = (long long)res.rows.size();
  if (res.bad > 0 || !o.commit) return res;
  db::Tx tx(c, true);
  for (auto& [i, v] : good) {
    std::optional<Venue> existing;
    if (!v.external_ref.empty()) {
      db::Query q("SELECT id FROM venues WHERE status = 'active' AND external_ref = ");
      q << q.bind(v.external_ref) << " ORDER BY id LIMIT 1";
      if (auto id = c.scalar(q)) existing = repo::find_venue(c, id);
    }
    if (existing) {
      v.id = existing->id;
      v.creator_id = existing->creator_id;
      repo::update_venue(c, v, existing->version);
      ++res.updated;
    } else {
      repo::insert_venue(c, v);
      ++res.added;
    }
  }
  audit::Event e{"venues:venue:import", "venue", ""};
  e.detail["file"] = o.file_name;
  e.detail["added"] = res.added;
  e.detail["updated"] = res.updated;
  e.detail["crs"] = geo::crs_name(crs);
  audit::record(c, who.actor, e);
  tx.commit();
  return res;
}

std::string template_file(const std::string& tmp_dir) {
  std::vector<exporting::TemplateColumn> cols;
  for (auto& c : columns()) cols.push_back({c.title, 16, std::string(c.key) == "kind" ? "类别" : "", c.required});
  std::vector<std::string> kind_labels;
  for (auto& k : kinds()) kind_labels.push_back(k.label);
  std::string sports_l, fac_l;
  for (auto& s : sports()) sports_l += (sports_l.empty() ? "" : "、") + std::string(s.label);
  for (auto& s : facilities()) fac_l += (fac_l.empty() ? "" : "、") + std::string(s.label);
  return exporting::xlsx_template(
      tmp_dir, "场馆",
      "带*的列必填。经纬度按上传时选择的坐标系（天地图/GPS 为 wgs84，高德/腾讯为 gcj02，百度为 bd09）。开放时间用 OSM opening_hours 写法，如 Mo-Fr 16:00-20:00; Sa,Su 08:00-20:00; PH off；"
      "三类对象至少填一类。运动项目可填：" + sports_l + "。设施可填：" + fac_l + "。多项用顿号分隔。有外部编号的行再次导入时更新原场馆。",
      cols, {{"类别", kind_labels}},
      {{"泉城公园健身路径", "健身路径", "历下区经十路", "117.0301", "36.6512", "健身器材、跑步", "饮水、夜间照明", "05:30-22:00", "05:30-22:00", "", "", "免费", "是",
        "", "", "", "器材使用前检查是否松动", "0531-88888888", "", "JN-0001", "2026-11-20"}});
}

std::string error_file(const std::string& tmp_dir, const Result& r) {
  std::vector<exporting::Column> cols;
  for (auto& c : columns()) cols.push_back({c.title});
  cols.push_back({"错误说明", 40});
  std::vector<std::vector<std::string>> rows;
  for (auto& row : r.rows) {
    std::vector<std::string> cells;
    for (auto& c : columns()) {
      auto it = row.values.find(c.key);
      cells.push_back(it == row.values.end() ? "" : it->second);
    }
    cells.push_back(row.error);
    rows.push_back(std::move(cells));
  }
  std::stable_partition(rows.begin(), rows.end(), [](const std::vector<std::string>& x) { return !x.back().empty(); });
  return exporting::xlsx_table(tmp_dir, "场馆", cols, rows);
}
}  // namespace xt::venues::imports
