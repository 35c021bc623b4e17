// HTTP routes of the 教联体 dashboard: the picture of the plan, the drill-down to schools, a
// school's own page, and every table as XLSX.
#include "modules/alliance/dashboard/routes.hpp"
#include "modules/venues/facts.hpp"

#include <cmath>
#include <cstdio>

#include "core/access/catalog.hpp"
#include "core/app/download.hpp"
#include "core/export/xlsx.hpp"
#include "modules/alliance/dashboard/service.hpp"
#include "modules/org/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
std::optional<long long> district_param(const http::Request& req) {
  auto d = req.query_param("district");
  if (!d || d->empty()) return std::nullopt;
  if (*d == "-1") return -1;
  if (d->size() > 18 || d->find_first_not_of("0123456789") != std::string::npos) throw bad_request("request.bad_param", "district 应为区县教育局的编号", "district");
  return std::stoll(*d);
}

bj::value opt(const std::optional<double>& v) {
  if (!v) return nullptr;
  return std::round(*v * 100) / 100;
}

bj::object count_json(const Count& c) { return {{"activities", c.activities}, {"reached", c.reached}}; }

bj::object dashboard_json(const Dashboard& d) {
  bj::array districts, targets, trend, measures, linkages, by_linkage, by_month, idle;
  for (auto& r : d.districts) {
    bj::array bl;
    for (auto& x : r.by_linkage) bl.push_back(count_json(x));
    districts.push_back(bj::object{{"id", r.id},
                                   {"name", r.name},
                                   {"schools", r.schools},
                                   {"covered", r.covered},
                                   {"preparing", r.preparing},
                                   {"alliance_id", r.alliance_id},
                                   {"alliance_status", r.alliance_status},
                                   {"formed_since", r.formed_since ? bj::value(*r.formed_since) : bj::value(nullptr)},
                                   {"activities", count_json(r.activities)},
                                   {"by_linkage", bl}});
  }
  for (auto& t : d.targets) {
    bj::object o{{"level", t.level}, {"label", t.label}, {"due_on", t.due_on}, {"source", t.source}, {"share_pct", t.share_pct},
                 {"total", t.total}, {"met", t.met},     {"needed", t.needed}};
    if (t.projection) {
      auto& p = *t.projection;
      o["projection"] = bj::object{{"months_left", p.months_left}, {"reached", p.reached},     {"pace6", opt(p.pace6)},
                                   {"pace12", opt(p.pace12)},      {"projected", opt(p.projected)}, {"required", opt(p.required)}};
    }
    targets.push_back(std::move(o));
  }
  for (auto& [m, n] : d.trend) trend.push_back(bj::object{{"date", m}, {"covered", n}});
  for (auto& m : d.measures)
    measures.push_back(bj::object{{"code", m.code}, {"linkage", m.linkage}, {"title", m.title}, {"activities", m.count.activities}, {"reached", m.count.reached}});
  for (size_t i = 0; i < d.linkages.size(); ++i)
    linkages.push_back(bj::object{{"key", d.linkages[i].first}, {"name", d.linkages[i].second}, {"activities", d.by_linkage[i].activities},
                                  {"reached", d.by_linkage[i].reached}});
  for (auto& [m, c] : d.by_month) by_month.push_back(bj::object{{"month", m}, {"activities", c.activities}, {"reached", c.reached}});
  for (int m : d.idle_measures) idle.emplace_back(m);
  return {{"as_of", d.as_of},       {"kind", d.kind},         {"unit_id", d.unit_id},     {"name", d.name},
          {"schools", d.schools},   {"covered", d.covered},   {"preparing", d.preparing}, {"city", bj::object{{"schools", d.city_schools}, {"covered", d.city_covered}}},
          {"districts", districts}, {"targets", targets},     {"trend", trend},           {"measures", measures},
          {"linkages", linkages},   {"by_month", by_month},   {"idle_measures", idle}};
}

bj::object school_json(const SchoolCoverage& s) {
  return {{"id", s.id},
          {"code", s.code},
          {"name", s.name},
          {"stage", s.stage},
          {"district_id", s.district_id},
          {"district_name", s.district_name},
          {"status", s.status},
          {"status_label", status_label(s.status)},
          {"alliance_id", s.alliance_id},
          {"since", s.since ? bj::value(*s.since) : bj::value(nullptr)}};
}

std::string pct(long long a, long long b) {
  if (!b) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * a / b);
  return buf;
}

std::string num(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

const char* alliance_status_label(const std::string& s) {
  return s == "formed" ? "已组建" : s == "preparing" ? "筹建中" : s == "dissolved" ? "已撤销" : "未组建";
}

// One table of the dashboard as rows: its columns, rows and the file's name.
struct Table {
  std::string sheet;
  std::vector<exporting::Column> cols;
  std::vector<std::vector<std::string>> rows;
};

Table table_of(const Dashboard& d, const std::string& which) {
  Table t;
  if (which == "districts") {
    t.sheet = "区县覆盖";
    t.cols = {{"区县"}, {"区县级教联体"}, {"组建日期"}, {"普通中小学（所）"}, {"已覆盖（所）"}, {"覆盖率"}, {"筹建中（所）"}, {"已完成活动（项）"}};
    for (auto& r : d.districts)
      t.rows.push_back({r.name, r.id == -1 ? "—" : alliance_status_label(r.alliance_status), r.formed_since.value_or(""), std::to_string(r.schools),
                        std::to_string(r.covered), pct(r.covered, r.schools), std::to_string(r.preparing), std::to_string(r.activities.activities)});
  } else if (which == "trend") {
    t.sheet = "月度覆盖";
    t.cols = {{"月末"}, {"已覆盖学校（所）"}};
    for (auto& [m, n] : d.trend) t.rows.push_back({m, std::to_string(n)});
  } else if (which == "targets") {
    t.sheet = "目标进度";
    t.cols = {{"目标"}, {"截止日期"}, {"应达到"}, {"目前"}, {"近6个月每月新增"}, {"近12个月每月新增"}, {"按近期速度预计届时"}, {"每月还需新增"}};
    for (auto& x : d.targets) {
      auto& p = x.projection;
      t.rows.push_back({x.label, x.due_on, std::to_string(x.needed), std::to_string(x.met), p ? num(p->pace6) : "—", p ? num(p->pace12) : "—",
                        p ? num(p->projected) : "—", p ? num(p->required) : "—"});
    }
  } else if (which == "measures") {
    t.sheet = "各项举措活动";
    t.cols = {{"举措编号"}, {"联动类别"}, {"举措"}, {"已完成活动（项）"}, {"覆盖人次"}};
    for (auto& m : d.measures) {
      std::string lname;
      for (auto& [k, n] : d.linkages)
        if (k == m.linkage) lname = n;
      t.rows.push_back({std::to_string(m.code), lname, m.title, std::to_string(m.count.activities), std::to_string(m.count.reached)});
    }
  } else if (which == "linkages") {
    t.sheet = "各联动活动";
    t.cols = {{"区县"}};
    for (auto& [k, n] : d.linkages) t.cols.push_back({n});
    t.cols.push_back({"合计"});
    for (auto& r : d.districts) {
      std::vector<std::string> row{r.name};
      for (auto& x : r.by_linkage) row.push_back(std::to_string(x.activities));
      row.push_back(std::to_string(r.activities.activities));
      t.rows.push_back(std::move(row));
    }
  } else if (which == "months") {
    t.sheet = "月度活动";
    t.cols = {{"月份"}, {"已完成活动（项）"}, {"覆盖人次"}};
    for (auto& [m, c] : d.by_month) t.rows.push_back({m, std::to_string(c.activities), std::to_string(c.reached)});
  } else {
    throw bad_request("request.bad_param", "table 只能是 districts、trend、targets、measures、linkages 或 months", "table");
  }
  return t;
}
}  // namespace

void register_dashboard_permissions() {
  access::register_permission({kDashboardPerm, "查看教联体工作看板", "alliance", "家校社协同育人教联体"});
  org::register_builtin_grant("city_staff", kDashboardPerm, "all");
  org::register_builtin_grant("district_staff", kDashboardPerm, "subtree");
  org::register_builtin_grant("school_admin", kDashboardPerm, "own_unit");
}

void register_dashboard_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "alliance");
  add("GET", "/api/v1/alliance/dashboard", kDashboardPerm, "教联体工作看板（全市或一个区县：覆盖、趋势、预测、各举措活动）", [](Ctx& ctx) {
    auto d = dashboard(ctx.conn(), ctx.principal(), district_param(ctx.req));
    auto o = dashboard_json(d);
    // Measures 5 and 10 (运动地图, 学习驿站): the sports map's 15-minute coverage of the same schools' area.
    auto w = venues::facts::walk_coverage(ctx.conn(), ctx.app.generated(), d.kind == "district" ? std::optional<long long>(d.unit_id) : std::nullopt);
    o["walk_coverage"] = bj::object{{"schools", w.schools}, {"without_sports", w.without_sports}, {"without_study", w.without_study}, {"mode", w.mode}};
    return Response::json(bj::serialize(o));
  });
  add("GET", "/api/v1/alliance/dashboard/export", kDashboardPerm, "导出看板的一张表（XLSX；table=districts|trend|targets|measures|linkages|months）",
      [](Ctx& ctx) {
        auto which = ctx.req.query_param("table").value_or("");
        auto d = dashboard(ctx.conn(), ctx.principal(), district_param(ctx.req));
        auto t = table_of(d, which);
        auto bytes = exporting::xlsx_table(ctx.app.tmp_dir(), t.sheet, t.cols, t.rows, {{d.name + " · " + t.sheet + "（截至" + d.as_of + "）", true}});
        return app::xlsx_download(ctx, std::move(bytes), "教联体看板-" + t.sheet + ".xlsx", "alliance:dashboard:export", "unit", (long long)t.rows.size());
      });
  add("GET", "/api/v1/alliance/dashboard/schools", kDashboardPerm, "看板下钻：普通中小学及其校级教联体状态（district、status=uncovered 等、keyword）",
      [](Ctx& ctx) {
        auto pg = app::page_from(ctx.req, {}, "code", false);
        auto all = schools(ctx.conn(), ctx.principal(), district_param(ctx.req), ctx.req.query_param("status"), ctx.req.query_param("keyword").value_or(""));
        bj::array items;
        for (long long i = pg.offset(); i < (long long)all.size() && i < pg.offset() + pg.size; ++i) items.push_back(school_json(all[i]));
        return Response::json(app::list_json(std::move(items), (long long)all.size(), pg));
      });
  add("GET", "/api/v1/alliance/dashboard/schools/export", kDashboardPerm, "导出学校覆盖情况（XLSX，筛选同列表）", [](Ctx& ctx) {
    auto all = schools(ctx.conn(), ctx.principal(), district_param(ctx.req), ctx.req.query_param("status"), ctx.req.query_param("keyword").value_or(""));
    std::vector<std::vector<std::string>> rows;
    for (auto& s : all) rows.push_back({s.district_name, s.code, s.name, status_label(s.status), s.since.value_or("")});
    auto bytes = exporting::xlsx_table(ctx.app.tmp_dir(), "学校覆盖", {{"区县"}, {"学校代码"}, {"学校"}, {"校级教联体"}, {"覆盖起始日期"}}, rows);
    return app::xlsx_download(ctx, std::move(bytes), "校级教联体覆盖情况.xlsx", "alliance:dashboard:export", "unit", (long long)rows.size());
  });
  add("GET", "/api/v1/alliance/schools/{id}/overview", kDashboardPerm, "一所学校的教联体情况（本校或所辖学校）：覆盖、各举措活动、每学期家长开放日",
      [](Ctx& ctx) {
        auto p = school_page(ctx.conn(), ctx.principal(), ctx.id_param());
        bj::array ms, od;
        for (auto& m : p.measures) ms.push_back(bj::object{{"code", m.code}, {"linkage", m.linkage}, {"title", m.title}, {"activities", m.count.activities}});
        for (auto& s : p.open_days) {
          bj::array ds;
          for (auto& d : s.dates) ds.emplace_back(d);
          od.push_back(bj::object{{"name", s.name}, {"from", s.from}, {"to", s.to}, {"dates", ds}, {"count", (long long)s.dates.size()}});
        }
        return Response::json(bj::serialize(bj::object{{"school", school_json(p.school)},
                                                       {"counted", p.counted},
                                                       {"alliance_name", p.alliance_name},
                                                       {"members", p.members},
                                                       {"external_members", p.external_members},
                                                       {"measures", ms},
                                                       {"open_days", od},
                                                       {"open_days_plan", "每学期至少举办1~2次主题开放日（济教发〔2025〕8号 举措14）"}}));
      });
}
}  // namespace xt::alliance
