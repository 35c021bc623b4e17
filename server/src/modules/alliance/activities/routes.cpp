// HTTP routes of activities: the type catalog, the records, partners' confirmation, a
// school's open days per semester.
#include "modules/alliance/activities/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/app/download.hpp"
#include "core/audit/names.hpp"
#include "core/export/xlsx.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/org/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
const char* state_label(const std::string& s) { return s == "done" ? "已完成" : s == "planned" ? "计划" : "取消"; }

bj::object type_json(const ActivityType& t) {
  bj::array ms;
  for (int m : t.measures) ms.emplace_back(m);
  return {{"id", t.id}, {"code", t.code}, {"name", t.name}, {"hint", t.hint}, {"open_day", t.open_day}, {"status", t.status}, {"measures", ms}};
}

bj::object activity_json(const Activity& a, long long me, std::optional<bool> editable = std::nullopt) {
  bj::array ds, au, ps;
  for (auto& d : a.dates) ds.emplace_back(d);
  for (auto& x : a.audience) au.emplace_back(x);
  bool awaiting = false;
  for (auto& p : a.partners) {
    ps.push_back(bj::object{{"unit_id", p.unit_id}, {"unit_name", p.unit_name}, {"confirmed", p.confirmed_at.has_value()},
                            {"confirmed_at", p.confirmed_at ? bj::value(*p.confirmed_at) : bj::value(nullptr)}});
    awaiting |= p.unit_id == me && !p.confirmed_at && a.state != "cancelled";
  }
  bj::object o{{"id", a.id},
               {"type_id", a.type_id},
               {"type_name", a.type_name},
               {"organiser_unit_id", a.organiser_unit_id},
               {"organiser_name", a.organiser_name},
               {"title", a.title},
               {"held_on", a.held_on},
               {"ends_on", a.ends_on},
               {"sessions", a.sessions},
               {"place", a.place},
               {"audience", au},
               {"reached_students", a.reached.students},
               {"reached_parents", a.reached.parents},
               {"reached_teachers", a.reached.teachers},
               {"reached_others", a.reached.others},
               {"reached", a.reached.total()},
               {"description", a.description},
               {"state", a.state},
               {"partners", ps},
               {"awaiting_my_confirmation", awaiting},
               {"created_at", a.created_at},
               {"updated_at", a.updated_at},
               {"version", a.version}};
  if (!a.dates.empty()) o["dates"] = ds;
  if (editable) o["may_edit"] = *editable;
  return o;
}

long long reached_field(json::Fields& f, const char* key, const char* label) {
  auto v = f.opt_int(key, label);
  return v ? *v : 0;
}

ActivityInput activity_input(Ctx& ctx, bool updating) {
  auto v = ctx.body();
  json::Fields f(v);
  ActivityInput in;
  in.type_code = f.req_string("type", "活动类型", 40);
  in.title = f.req_string("title", "活动名称", 60);
  for (auto& d : f.req_array("dates", "活动日期", 100)) {
    if (!d.is_string()) throw unprocessable("request.bad_date", "活动日期应为 YYYY-MM-DD 格式的文字", "dates");
    in.dates.emplace_back(d.as_string());
  }
  in.place = f.opt_string("place", "活动地点", 100).value_or("");
  if (f.has("audience"))
    for (auto& x : f.req_array("audience", "活动对象", 20)) {
      if (!x.is_string()) throw unprocessable("request.bad_value", "活动对象应为文字", "audience");
      in.audience.emplace_back(x.as_string());
    }
  in.reached.students = reached_field(f, "reached_students", "覆盖学生人数");
  in.reached.parents = reached_field(f, "reached_parents", "覆盖家长人数");
  in.reached.teachers = reached_field(f, "reached_teachers", "覆盖教师人数");
  in.reached.others = reached_field(f, "reached_others", "覆盖其他人数");
  in.description = f.opt_string("description", "活动简介", 500).value_or("");
  in.state = f.opt_string("state", "状态", 20).value_or("done");
  if (f.has("partners")) in.partners = f.int_array("partners", "合作单位", 50);
  if (updating) in.version = f.req_int_in("version", "版本", 1, 1 << 30);
  f.finish();
  return in;
}

ActivityFilter activity_filter(const http::Request& req) {
  ActivityFilter f;
  f.type_code = req.query_param("type");
  f.state = req.query_param("state");
  f.keyword = req.query_param("keyword");
  f.from = req.query_param("from");
  f.to = req.query_param("to");
  for (auto* o : {&f.type_code, &f.state, &f.keyword, &f.from, &f.to})
    if (*o && (*o)->empty()) o->reset();
  if (auto m = req.query_param("measure"); m && !m->empty()) {
    if (m->size() > 3 || m->find_first_not_of("0123456789") != std::string::npos) throw bad_request("request.bad_param", "measure 应为举措编号", "measure");
    f.measure = std::stoi(*m);
  }
  if (auto u = req.query_param("unit"); u && !u->empty()) {
    if (u->size() > 18 || u->find_first_not_of("0123456789") != std::string::npos) throw bad_request("request.bad_param", "unit 应为单位编号", "unit");
    f.unit = std::stoll(*u);
  }
  if (auto w = req.query_param("awaiting"); w && *w == "1") f.awaiting_me = true;
  return f;
}
}  // namespace

void register_activity_permissions() {
  access::register_permission({kActivityListPerm, "查看教联体活动", "alliance", "家校社协同育人教联体"});
  access::register_permission({kActivityRecordPerm, "记录本单位组织的活动、确认合作的活动", "alliance", "家校社协同育人教联体"});
  org::register_builtin_grant("city_staff", kActivityListPerm, "all");
  org::register_builtin_grant("district_staff", kActivityListPerm, "subtree");
  for (auto role : {"school_admin", "unit_staff"}) org::register_builtin_grant(role, kActivityListPerm, "own_unit");
  for (auto role : {"city_staff", "district_staff", "school_admin", "unit_staff"}) org::register_builtin_grant(role, kActivityRecordPerm, "own_unit");
  audit::register_namer("alliance_activity",
                        [](db::Conn& c, const std::vector<std::string>& ids) { return activity_repo::titles(c, audit::numeric_ids(ids)); });
}

void register_activity_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "alliance");
  add("GET", "/api/v1/alliance/activity-types", http::kLogin, "活动类型目录（每类对应的工作举措）与活动对象", [](Ctx& ctx) {
    bj::array ts, au;
    for (auto& t : activity_repo::types(ctx.conn())) ts.push_back(type_json(t));
    for (auto& [k, v] : audiences()) au.push_back(bj::object{{"key", k}, {"name", v}});
    return Response::json(bj::serialize(bj::object{{"types", ts}, {"audiences", au}}));
  });
  add("GET", "/api/v1/alliance/activities", http::kLogin,
      "活动列表（本单位组织或合作的、所辖范围的；type、measure、state、from、to、keyword、unit、awaiting=1 筛选）", [](Ctx& ctx) {
        auto pg = app::page_from(ctx.req, {}, "held_on", true);
        auto page = list_activities(ctx.conn(), ctx.principal(), activity_filter(ctx.req), pg.page, pg.size);
        bj::array items;
        for (auto& x : page.items) items.push_back(activity_json(x, ctx.principal().unit_id));
        return Response::json(app::list_json(std::move(items), page.total, pg));
      });
  add("GET", "/api/v1/alliance/activities/export", http::kLogin, "导出活动列表（XLSX，筛选同列表）", [](Ctx& ctx) {
    auto& c = ctx.conn();
    auto page = list_activities(c, ctx.principal(), activity_filter(ctx.req), 1, 50000);
    std::vector<std::vector<std::string>> rows;
    for (auto& x : page.items) {
      std::string partners;
      for (auto& p : x.partners) partners += (partners.empty() ? "" : "、") + p.unit_name + (p.confirmed_at ? "" : "（待确认）");
      rows.push_back({x.held_on, x.sessions > 1 ? x.ends_on : "", x.type_name, x.title, x.organiser_name, partners, x.place,
                      std::to_string(x.reached.students), std::to_string(x.reached.parents), std::to_string(x.reached.teachers),
                      std::to_string(x.reached.others), state_label(x.state)});
    }
    auto bytes = exporting::xlsx_table(ctx.app.tmp_dir(), "活动", {{"日期"}, {"结束日期"}, {"活动类型"}, {"活动名称"}, {"组织单位"}, {"合作单位"}, {"地点"},
                                                                 {"学生人数"}, {"家长人数"}, {"教师人数"}, {"其他人数"}, {"状态"}}, rows);
    return app::xlsx_download(ctx, std::move(bytes), "教联体活动.xlsx", "alliance:activity:export", "alliance_activity", (long long)rows.size());
  });
  add("POST", "/api/v1/alliance/activities", kActivityRecordPerm, "记录活动（组织单位为本单位）", [](Ctx& ctx) {
    auto in = activity_input(ctx, false);
    auto x = create_activity(ctx.conn(), ctx.caller(), in);
    return Response::json(bj::serialize(activity_json(x, ctx.principal().unit_id, true)), 201);
  });
  add("GET", "/api/v1/alliance/activities/{id}", http::kLogin, "活动详情", [](Ctx& ctx) {
    auto x = get_activity(ctx.conn(), ctx.principal(), ctx.id_param());
    return Response::json(bj::serialize(activity_json(x, ctx.principal().unit_id, may_edit(ctx.conn(), ctx.principal(), x))));
  });
  add("PUT", "/api/v1/alliance/activities/{id}", kActivityRecordPerm, "修改活动（含完成、取消）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto in = activity_input(ctx, true);
    auto x = update_activity(ctx.conn(), ctx.caller(), id, in);
    return Response::json(bj::serialize(activity_json(x, ctx.principal().unit_id, true)));
  });
  add("POST", "/api/v1/alliance/activities/{id}/confirm", kActivityRecordPerm, "合作单位确认本单位参与了这项活动", [](Ctx& ctx) {
    auto x = confirm_activity(ctx.conn(), ctx.caller(), ctx.id_param());
    return Response::json(bj::serialize(activity_json(x, ctx.principal().unit_id, may_edit(ctx.conn(), ctx.principal(), x))));
  });
}
}  // namespace xt::alliance
