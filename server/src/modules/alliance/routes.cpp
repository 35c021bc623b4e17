#include "modules/alliance/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/audit/names.hpp"
#include "core/json/json.hpp"
#include "modules/alliance/activities/routes.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/dashboard/routes.hpp"
#include "modules/alliance/dashboard/service.hpp"
#include "modules/alliance/files/routes.hpp"
#include "modules/alliance/imports/routes.hpp"
#include "modules/alliance/measures.hpp"
#include "modules/alliance/meetings/routes.hpp"
#include "modules/alliance/workbench.hpp"
#include "modules/org/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
bj::object measure_json(const Measure& m) {
  bj::array d;
  for (auto& x : m.departments) d.emplace_back(x);
  return {{"id", m.id}, {"code", m.code}, {"linkage", m.linkage}, {"title", m.title}, {"body", m.body}, {"departments", d},
          {"status", m.status}, {"source", m.source}, {"updated_at", m.updated_at}};
}

bj::object alliance_json(const Alliance& a, bool full, std::optional<bool> manage = std::nullopt) {
  bj::object o{{"id", a.id},           {"level", a.level},       {"anchor_unit_id", a.anchor_unit_id}, {"anchor_name", a.anchor_name},
               {"name", a.name},       {"status", a.status},     {"note", a.note},                     {"created_at", a.created_at},
               {"updated_at", a.updated_at}, {"version", a.version}};
  o["founded_on"] = a.founded_on ? bj::value(*a.founded_on) : bj::value(nullptr);
  if (manage) o["may_manage"] = *manage;
  if (!full) return o;
  bj::array ms;
  for (auto& m : a.members)
    ms.push_back(bj::object{{"unit_id", m.unit_id}, {"unit_name", m.unit_name}, {"role", m.role}, {"contact_name", m.contact_name},
                            {"contact_phone", m.contact_phone}, {"contribution", m.contribution}});
  o["members"] = std::move(ms);
  bj::array hs;
  for (auto& h : a.history)
    hs.push_back(bj::object{{"status", h.status}, {"effective_on", h.effective_on}, {"note", h.note}, {"changed_at", h.changed_at}});
  o["history"] = std::move(hs);
  return o;
}

AllianceInput alliance_input(Ctx& ctx, bool creating) {
  auto v = ctx.body();
  json::Fields f(v);
  AllianceInput in;
  in.name = f.req_string("name", "教联体名称", 100);
  in.founded_on = f.opt_string("founded_on", "组建日期", 10);
  if (in.founded_on && in.founded_on->empty()) in.founded_on.reset();
  if (creating) in.status = f.opt_string("status", "状态", 20).value_or("preparing");
  else in.version = f.req_int_in("version", "版本", 1, 1 << 30);
  in.note = f.opt_string("note", "备注", 1000).value_or("");
  size_t i = 0;
  for (auto& item : f.req_array("members", "成员单位", 300)) {
    json::Fields m(item, "members[" + std::to_string(i++) + "].");
    Member x;
    x.unit_id = m.req_int("unit_id", "成员单位");
    x.role = m.opt_string("role", "角色", 10).value_or("member");
    x.contact_name = m.opt_string("contact_name", "联系人", 30).value_or("");
    x.contact_phone = m.opt_string("contact_phone", "联系电话", 20).value_or("");
    x.contribution = m.opt_string("contribution", "承担的工作", 200).value_or("");
    m.finish();
    in.members.push_back(std::move(x));
  }
  f.finish();
  return in;
}

MeasureInput measure_input(Ctx& ctx) {
  auto v = ctx.body();
  json::Fields f(v);
  MeasureInput in;
  in.code = f.req_int_in("code", "举措编号", 1, 999);
  in.linkage = f.req_string("linkage", "联动类别", 40);
  in.title = f.req_string("title", "举措名称", 100);
  in.body = f.opt_string("body", "举措内容", 2000).value_or("");
  if (f.has("departments")) {
    for (auto& d : f.req_array("departments", "责任单位", 30)) {
      if (!d.is_string() || d.as_string().empty() || d.as_string().size() > 90)
        throw unprocessable("request.bad_value", "责任单位应为不超过30个字的单位名称", "departments");
      in.departments.emplace_back(d.as_string());
    }
  }
  in.status = f.opt_string("status", "状态", 10).value_or("active");
  in.source = f.opt_string("source", "出处", 100).value_or("");
  f.finish();
  return in;
}
}  // namespace

void register_permissions() {
  access::register_menu({"alliance", "教联体工作", "/alliance", "OfficeBuilding", "", "", 30});
  access::register_menu({"alliance-dashboard", "工作看板", "/alliance/dashboard", "DataAnalysis", kDashboardPerm, "alliance", 31,
                         [](const access::Principal& p) { return p.unit_type == "city_bureau" || p.unit_type == "district_bureau"; }});
  access::register_menu({"alliance-school", "本校教联体", "/alliance/school", "School", kDashboardPerm, "alliance", 32,
                         [](const access::Principal& p) { return p.unit_type == "school"; }});
  access::register_menu({"alliance-list", "教联体", "/alliance/alliances", "Flag", kListPerm, "alliance", 33});
  access::register_menu({"alliance-activities", "活动记录", "/alliance/activities", "Calendar", kActivityListPerm, "alliance", 34});
  access::register_menu({"alliance-actions", "会商事项", "/alliance/actions", "Tickets", kActivityRecordPerm, "alliance", 35});
  access::register_menu({"alliance-measures", "工作举措", "/alliance/measures", "Notebook", kActivityListPerm, "alliance", 36});
  register_activity_permissions();
  register_dashboard_permissions();
  register_meeting_permissions();
  register_import_permissions();
  access::register_permission({kListPerm, "查看教联体", "alliance", "家校社协同育人教联体"});
  access::register_permission({kManagePerm, "组建和维护本单位的教联体", "alliance", "家校社协同育人教联体"});
  org::register_builtin_grant("city_staff", kListPerm, "all");
  org::register_builtin_grant("district_staff", kListPerm, "subtree");
  for (auto role : {"city_staff", "district_staff", "school_admin"}) org::register_builtin_grant(role, kManagePerm, "own_unit");
  for (auto role : {"school_admin", "unit_staff"}) org::register_builtin_grant(role, kListPerm, "own_unit");
  audit::register_namer("alliance", [](db::Conn& c, const std::vector<std::string>& ids) { return repo::names(c, audit::numeric_ids(ids)); });
  access::register_permission({"alliance:measure:update", "维护教联体工作举措目录", "alliance", "家校社协同育人教联体"});
  org::register_builtin_grant("city_staff", "alliance:measure:update", "all");
  audit::register_namer("alliance_measure", [](db::Conn& c, const std::vector<std::string>& ids) { return measure_names(c, audit::numeric_ids(ids)); });
}

void register_routes(app::App& a) {
  register_workbench();
  register_activity_routes(a);
  register_dashboard_routes(a);
  register_meeting_routes(a);
  register_import_routes(a);
  register_file_routes(a);
  http::ModuleRoutes add(a.router(), "alliance");
  add("GET", "/api/v1/alliances", http::kLogin, "教联体列表（本单位组建、所辖、或作为成员加入的；level、status、keyword 筛选）", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {}, "id", true);
    AllianceFilter f;
    f.level = ctx.req.query_param("level");
    f.status = ctx.req.query_param("status");
    f.keyword = ctx.req.query_param("keyword");
    for (auto* o : {&f.level, &f.status, &f.keyword})
      if (*o && (*o)->empty()) o->reset();
    auto page = list_alliances(ctx.conn(), ctx.principal(), f, pg.page, pg.size);
    bj::array items;
    for (auto& a : page.items) items.push_back(alliance_json(a, false));
    return Response::json(app::list_json(std::move(items), page.total, pg));
  });
  add("POST", "/api/v1/alliances", kManagePerm, "组建教联体（市、区县教育局或学校，层级由本单位决定）", [](Ctx& ctx) {
    auto in = alliance_input(ctx, true);
    auto a = create_alliance(ctx.conn(), ctx.caller(), in);
    return Response::json(bj::serialize(alliance_json(a, true, true)), 201);
  });
  add("GET", "/api/v1/alliances/{id}", http::kLogin, "教联体详情（成员单位及联系人、状态历史）", [](Ctx& ctx) {
    auto a = get_alliance(ctx.conn(), ctx.principal(), ctx.id_param());
    return Response::json(bj::serialize(alliance_json(a, true, may_manage(ctx.conn(), ctx.principal(), a))));
  });
  add("PUT", "/api/v1/alliances/{id}", kManagePerm, "修改教联体（名称、组建日期、成员单位）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto in = alliance_input(ctx, false);
    auto a = update_alliance(ctx.conn(), ctx.caller(), id, in);
    return Response::json(bj::serialize(alliance_json(a, true, true)));
  });
  add("POST", "/api/v1/alliances/{id}/status", kManagePerm, "变更教联体状态（筹建→已组建→已撤销，注明生效日期）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto v = ctx.body();
    json::Fields f(v);
    auto status = f.req_string("status", "状态", 20);
    auto on = f.opt_string("on", "生效日期", 10).value_or(today());
    auto note = f.opt_string("note", "说明", 500).value_or("");
    f.finish();
    auto a = change_status(ctx.conn(), ctx.caller(), id, status, on, note);
    return Response::json(bj::serialize(alliance_json(a, true, true)));
  });
  add("GET", "/api/v1/alliance/measures", http::kLogin, "教联体工作举措目录（按联动类别；all=1 含已停用的）", [](Ctx& ctx) {
    auto all = ctx.req.query_param("all");
    if (all && *all != "0" && *all != "1") throw bad_request("request.bad_param", "all 只能是 0 或 1", "all");
    auto& c = ctx.conn();
    auto ms = measures(c, all && *all == "1");
    bj::array groups;
    for (auto& l : linkages(c)) {
      bj::array items;
      for (auto& m : ms)
        if (m.linkage == l.key) items.push_back(measure_json(m));
      groups.push_back(bj::object{{"key", l.key}, {"name", l.name}, {"measures", items}});
    }
    return Response::json(bj::serialize(bj::object{{"linkages", groups}, {"total", (long long)ms.size()}}));
  });
  add("POST", "/api/v1/alliance/measures", "alliance:measure:update", "新增工作举措", [](Ctx& ctx) {
    auto in = measure_input(ctx);
    return Response::json(bj::serialize(measure_json(create_measure(ctx.conn(), ctx.caller(), in))), 201);
  });
  add("PUT", "/api/v1/alliance/measures/{id}", "alliance:measure:update", "修改或停用工作举措", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto in = measure_input(ctx);
    return Response::json(bj::serialize(measure_json(update_measure(ctx.conn(), ctx.caller(), id, in))));
  });
}
}  // namespace xt::alliance
