#include "democity/venues_demo.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <boost/json.hpp>

#include "modules/venues/network_load.hpp"
#include "modules/venues/repo.hpp"

namespace xt::demo {
namespace {
constexpr double kLatM = 111320.0;

struct Box { double west, south, east, north; };

// District rectangles: two rows of five, about 5.4 × 5 km each, around 117.0°E 36.66°N.
Box district_box(int i) {
  int col = i % 5, row = i / 5;
  double w = 116.86 + col * 0.062, s = 36.63 - row * 0.047;
  return {w + 0.001, s + 0.001, w + 0.061, s + 0.046};
}
}  // namespace

std::string write_grid_osm(const std::string& path, double west, double south, int cols, int rows, double spacing_m, unsigned seed) {
  std::mt19937 rng(seed);
  std::ofstream out(path, std::ios::binary);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"xietong-demo\">\n";
  double dlat = spacing_m / kLatM, dlon = spacing_m / (kLatM * std::cos((south + rows * dlat / 2) * M_PI / 180));
  auto id = [&](int c, int r) { return (long long)r * cols + c + 1; };
  char buf[160];
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      // a little irregularity, as real blocks have
      double jx = ((int)(rng() % 21) - 10) / 100.0, jy = ((int)(rng() % 21) - 10) / 100.0;
      std::snprintf(buf, sizeof buf, "<node id=\"%lld\" lat=\"%.7f\" lon=\"%.7f\"/>\n", id(c, r), south + (r + jy) * dlat, west + (c + jx) * dlon);
      out << buf;
    }
  long long way = 1;
  auto street = [&](bool horizontal, int line) {
    int n = horizontal ? cols : rows;
    const char* hw = line % 12 == 0 ? "primary" : line % 6 == 0 ? "secondary" : line % 3 == 0 ? "residential" : "footway";
    std::vector<long long> refs;
    auto flush = [&]() {
      if (refs.size() >= 2) {
        out << "<way id=\"" << way++ << "\">";
        for (auto r : refs) out << "<nd ref=\"" << r << "\"/>";
        out << "<tag k=\"highway\" v=\"" << hw << "\"/></way>\n";
      }
      refs.clear();
    };
    for (int k = 0; k < n; ++k) {
      refs.push_back(horizontal ? id(k, line) : id(line, k));
      // blocks with no through path (a park, a walled compound): footways broken here and there
      if (std::string(hw) == "footway" && rng() % 100 < 12) {
        flush();
      }
    }
    flush();
  };
  for (int r = 0; r < rows; ++r) street(true, r);
  for (int c = 0; c < cols; ++c) street(false, c);
  out << "</osm>\n";
  return path;
}

VenueSummary generate_venues(db::Conn& c, files::Store& generated, const std::string& tmp_dir, const std::string& dir, const VenueOptions& o) {
  VenueSummary sum;
  std::mt19937 rng(o.seed + 14);
  auto uni = [&](double a, double b) { return a + (b - a) * (rng() % 100000) / 100000.0; };
  // The districts in the order the demo city made them.
  std::vector<std::pair<long long, std::string>> districts;
  for (auto& r : c.rows(db::Query("SELECT id, name FROM units WHERE type = 'district_bureau' AND deleted_at IS NULL ORDER BY sort, id")))
    districts.push_back({r.i64(0), r.str(1)});
  if (districts.empty()) return sum;
  // One grid over the whole schematic city.
  Box all{180, 90, -180, -90};
  for (size_t i = 0; i < districts.size(); ++i) {
    auto b = district_box((int)i);
    all = {std::min(all.west, b.west), std::min(all.south, b.south), std::max(all.east, b.east), std::max(all.north, b.north)};
  }
  double dlat = o.spacing_m / kLatM, dlon = o.spacing_m / (kLatM * std::cos(36.6 * M_PI / 180));
  int cols = (int)((all.east - all.west) / dlon) + 1, rows = (int)((all.north - all.south) / dlat) + 1;
  sum.osm_path = dir + "/demo-city.osm";
  write_grid_osm(sum.osm_path, all.west, all.south, cols, rows, o.spacing_m, o.seed);
  auto rep = venues::load_osm(c, generated, tmp_dir, sum.osm_path, "演示城市街道网（示意）");
  sum.nodes = rep.nodes;
  sum.edges = rep.edges;

  db::Tx tx(c, true);
  for (size_t i = 0; i < districts.size(); ++i) {
    auto b = district_box((int)i);
    boost::json::array ring{boost::json::array{b.west, b.south}, boost::json::array{b.east, b.south}, boost::json::array{b.east, b.north},
                            boost::json::array{b.west, b.north}, boost::json::array{b.west, b.south}};
    venues::repo::upsert_area(c, {districts[i].first, districts[i].second, boost::json::serialize(ring)});
  }
  // Schools: in their district's rectangle (city-affiliated ones near the centre).
  std::map<long long, size_t> district_index;
  for (size_t i = 0; i < districts.size(); ++i) district_index[districts[i].first] = i;
  struct SchoolAt { long long id; std::string name; size_t district; double lon, lat; };
  std::vector<SchoolAt> schools;
  for (auto& r : c.rows(db::Query("SELECT id, name, parent_id FROM units WHERE type = 'school' AND deleted_at IS NULL ORDER BY id"))) {
    auto it = district_index.find(r.i64(2));
    size_t d = it == district_index.end() ? (size_t)(rng() % 5) : it->second;
    auto b = district_box((int)d);
    // Rural districts: schools gathered in a town; a few far out (no venue near them).
    double lon = uni(b.west + 0.004, b.east - 0.004), lat = uni(b.south + 0.004, b.north - 0.004);
    schools.push_back({r.i64(0), r.str(1), d, lon, lat});
    venues::repo::SchoolPlace p;
    p.unit_id = r.i64(0);
    p.lon = lon;
    p.lat = lat;
    p.address = districts[d].second.substr(0, districts[d].second.size() - std::string("教育局").size()) + "（示意位置）";
    venues::repo::upsert_school_place(c, p, 0);
    ++sum.schools_placed;
  }
  auto unit_named = [&](const std::string& name) -> std::optional<long long> {
    db::Query q("SELECT id FROM units WHERE name = ");
    q << q.bind(name);
    auto id = c.scalar(q);
    return id ? std::optional<long long>(id) : std::nullopt;
  };
  auto sport_dept = unit_named("济南市体育局"), culture_dept = unit_named("济南市文化和旅游局");
  struct Kind { const char* kind; const char* suffix; std::vector<std::string> sports, fac; const char* pupil; const char* guardian; const char* group; bool free; };
  const std::vector<Kind> plan = {
      {"park", "公园", {"running", "rope_skipping"}, {"toilet", "drinking_water", "lighting"}, "05:00-22:00", "05:00-22:00", nullptr, true},
      {"fitness_station", "健身路径", {"fitness"}, {"lighting"}, "24/7", "24/7", nullptr, true},
      {"community_ground", "社区运动场", {"basketball", "table_tennis", "badminton"}, {"lighting", "drinking_water"}, "Mo-Fr 16:00-21:00; Sa,Su,SH 08:00-21:00",
       "06:00-21:30", nullptr, true},
      {"school_ground", "运动场（课后开放）", {"running", "football", "basketball", "long_jump"}, {"toilet", "aed"},
       "Mo-Fr 17:00-19:00; Sa,Su 08:00-11:30,14:30-18:00; SH 08:00-18:00; PH off", "Mo-Fr 17:00-20:00; Sa,Su,SH 07:00-19:00", nullptr, true},
      {"stadium", "全民健身中心", {"basketball", "badminton", "table_tennis", "volleyball"}, {"changing_room", "toilet", "aed", "first_aid", "parking"},
       "Sa,Su,SH 09:00-17:00 \"学生凭学生证免费\"", "Mo-Fr 18:00-21:00; Sa,Su,SH 08:00-21:00", "Mo-Fr 09:00-16:00 \"需提前三天预约\"", false},
      {"pool", "游泳馆", {"swimming"}, {"changing_room", "first_aid", "aed"}, nullptr, "Tu-Su 13:00-21:00; SH 09:00-21:00", "Tu-Fr 09:00-12:00 \"需提前预约\"", false},
      {"study_station", "社区学习驿站", {"chess"}, {"study_desk", "books", "wifi", "toilet"}, "Mo-Fr 15:30-19:30; Sa,Su 09:00-17:00; PH off",
       "Mo-Fr 15:30-19:30; Sa,Su 09:00-17:00", nullptr, true},
  };
  const std::vector<std::string> places = {"燕山", "舜耕", "泉城", "历山", "明湖", "华山", "七里河", "玉函", "龙山", "汇波", "东城", "西苑", "北园", "文昌", "双泉", "凤城"};
  auto insert = [&](venues::Venue v) {
    v.verified_on = "2026-11-20";
    v.source = "demo";
    venues::repo::insert_venue(c, v);
    ++sum.venues;
  };
  for (size_t d = 0; d < districts.size(); ++d) {
    auto b = district_box((int)d);
    std::string dname = districts[d].second.substr(0, districts[d].second.size() - std::string("教育局").size());
    for (int k = 0; k < o.per_district; ++k) {
      auto& p = plan[(size_t)k % plan.size()];
      venues::Venue v;
      v.kind = p.kind;
      v.name = dname + places[(size_t)(k + d * 3) % places.size()] + p.suffix;
      if (v.kind == std::string("school_ground")) {
        // a school of the district that opens its grounds
        for (auto& s : schools)
          if (s.district == d && rng() % 3 == 0) {
            v.name = s.name + "运动场（课后开放）";
            v.lon = s.lon;
            v.lat = s.lat;
            v.manager_unit_id = s.id;
            break;
          }
      }
      if (v.lon == 0) {
        v.lon = uni(b.west + 0.002, b.east - 0.002);
        v.lat = uni(b.south + 0.002, b.north - 0.002);
      }
      v.address = dname + places[(size_t)(k + d) % places.size()] + "路" + std::to_string(10 + k * 7) + "号（示意）";
      v.district_id = districts[d].first;
      v.supervisor_unit_id = p.kind == std::string("study_station") ? culture_dept : sport_dept;
      v.manager_name = v.manager_unit_id ? "" : dname + (p.kind == std::string("study_station") ? "街道办事处" : "体育发展中心");
      v.sports = p.sports;
      v.facilities = p.fac;
      if (p.pupil) v.hours[0] = p.pupil;
      if (p.guardian) v.hours[1] = p.guardian;
      if (p.group) v.hours[2] = p.group;
      v.free_for_students = p.free;
      v.fee = p.free ? "免费" : "学生凭学生证半价（游泳馆20元/次）";
      if (v.kind == std::string("pool")) {
        v.min_age = 8;
        v.safety.water_depth = "浅水区1.2米，深水区1.8米";
        v.safety.lifeguard_on_duty = true;
        v.safety.tips = "未满12岁须由监护人陪同入水；饭后一小时内不要游泳";
        v.hours_note = "周一闭馆清洁";
      } else if (v.kind == std::string("park") || v.kind == std::string("fitness_station")) {
        v.safety.lit = true;
        v.safety.surface = v.kind == std::string("park") ? "塑胶步道" : "安全地垫";
        v.safety.tips = "器材使用前请检查是否松动；雷雨天气请勿使用";
      } else if (v.kind == std::string("stadium")) {
        v.safety.coach_on_duty = true;
        v.booking = "微信公众号“" + dname + "体育”预约";
      }
      v.phone = "0531-8" + std::to_string(1000000 + (int)(rng() % 8999999));
      insert(v);
    }
  }
  // The city's own venues, run by social units of the demo city.
  struct CityVenue { const char* unit; const char* kind; double lon, lat; const char* pupil; const char* guardian; const char* group; };
  const std::vector<CityVenue> city = {
      {"济南市博物馆", "museum", 117.0235, 36.6479, nullptr, "Tu-Su 09:00-17:00; PH 09:00-17:00", "Tu-Fr 09:00-16:00 \"团体请提前三天预约\""},
      {"济南市科技馆", "science_center", 117.0412, 36.6531, "Tu-Su 09:00-16:30", "Tu-Su 09:00-16:30", "Tu-Fr 09:00-15:00 \"需预约\""},
      {"济南市图书馆", "library", 117.0143, 36.6392, "Tu-Su 09:00-20:00; Mo 14:00-20:00", "Tu-Su 09:00-20:00; Mo 14:00-20:00", nullptr},
      {"济南市非物质文化遗产馆", "heritage", 117.0065, 36.6617, nullptr, "We-Su 09:00-17:00", "We-Fr 09:00-16:00"},
      {"济南市中小学生研学实践教育基地", "study_site", 117.0891, 36.6102, nullptr, nullptr, "Mo-Fr 08:30-16:30; SH off \"学校统一组织\""},
      {"济南奥林匹克体育中心", "stadium", 117.1190, 36.6580, "Sa,Su,SH 08:00-18:00", "06:00-21:00", "Mo-Fr 09:00-16:00"},
  };
  for (auto& cv : city) {
    venues::Venue v;
    v.name = cv.unit;
    v.kind = cv.kind;
    v.lon = cv.lon;
    v.lat = cv.lat;
    v.manager_unit_id = unit_named(cv.unit);
    v.manager_name = cv.unit;
    v.supervisor_unit_id = v.kind == std::string("stadium") ? sport_dept : culture_dept;
    if (cv.pupil) v.hours[0] = cv.pupil;
    if (cv.guardian) v.hours[1] = cv.guardian;
    if (cv.group) v.hours[2] = cv.group;
    v.free_for_students = v.kind != std::string("stadium");
    v.fee = v.free_for_students ? "免费（部分特展收费）" : "场地按项目收费，学生半价";
    v.min_age = v.kind == std::string("study_site") ? std::optional<int>(9) : std::nullopt;
    v.facilities = {"toilet", "accessible", "drinking_water"};
    if (v.kind == std::string("study_site")) v.facilities.push_back("bus_dropoff");
    v.address = std::string("济南市（示意位置）");
    v.phone = "0531-8" + std::to_string(1000000 + (int)(rng() % 8999999));
    v.description = std::string(cv.unit) + "面向中小学生免费开放，团体参观请提前预约。";
    insert(v);
  }
  // A closure: one district's pool under maintenance until the end of the month.
  if (auto id = c.scalar(db::Query("SELECT id FROM venues WHERE kind = 'pool' ORDER BY id LIMIT 1"))) {
    venues::Closure x;
    x.venue_id = id;
    x.starts_on = "2026-11-25";
    x.ends_on = "2026-12-31";
    x.reason = "水处理设备检修";
    venues::repo::insert_closure(c, x, 0);
  }
  // 2026: the public holidays and make-up workdays as announced (the city checks them against
  // the State Council's notice each year), and the demo city's school terms.
  struct Cal { const char* kind; const char* from; const char* to; const char* name; int as; };
  const std::vector<Cal> cal = {
      {"ph", "2026-01-01", "2026-01-03", "元旦", 0},      {"workday", "2026-01-04", "2026-01-04", "元旦调休上班", 4},
      {"ph", "2026-02-15", "2026-02-23", "春节", 0},      {"workday", "2026-02-14", "2026-02-14", "春节调休上班", 0},
      {"workday", "2026-02-28", "2026-02-28", "春节调休上班", 0}, {"ph", "2026-04-04", "2026-04-06", "清明节", 0},
      {"ph", "2026-05-01", "2026-05-05", "劳动节", 0},    {"workday", "2026-05-09", "2026-05-09", "劳动节调休上班", 0},
      {"ph", "2026-06-19", "2026-06-21", "端午节", 0},    {"ph", "2026-09-25", "2026-09-27", "中秋节", 0},
      {"ph", "2026-10-01", "2026-10-07", "国庆节", 0},    {"workday", "2026-09-20", "2026-09-20", "国庆节调休上班", 0},
      {"workday", "2026-10-10", "2026-10-10", "国庆节调休上班", 0}, {"ph", "2027-01-01", "2027-01-01", "元旦", 0},
      {"sh", "2026-01-24", "2026-03-01", "寒假", 0},      {"sh", "2026-07-11", "2026-08-31", "暑假", 0},
      {"sh", "2027-01-23", "2027-02-28", "寒假", 0},
  };
  for (auto& e : cal) venues::repo::insert_calendar(c, {0, e.kind, e.from, e.to, e.name, e.as}, 0);
  tx.commit();
  return sum;
}
}  // namespace xt::demo
