// Platform routes: health, OpenAPI, dictionaries, the audit viewer.
#include "modules/system/routes.hpp"


#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/export/xlsx.hpp"
#include "core/time/time.hpp"
#include "core/workbench/workbench.hpp"
#include "modules/system/audit_repo.hpp"
#include "modules/system/dict_repo.hpp"

#ifndef XIETONG_VERSION
#define XIETONG_VERSION "dev"
#endif

namespace xt::sys {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {

void check_dict_fields(const std::string& status, int sort) {
  if (status != "active" && status != "disabled") throw unprocessable("sys.status_invalid", "状态应为 正常 或 停用", "status");
  if (sort < 0 || sort > 100000) throw unprocessable("sys.sort_invalid", "排序应为0–100000", "sort");
}
}  // namespace

void register_routes(app::App& a) {
  auto& r = a.router();
  access::register_permission({"sys:dict:update", "维护字典", "sys", "系统管理"});
  access::register_permission({"sys:audit:list", "查看审计日志", "sys", "系统管理"});
  access::register_permission({"sys:audit:export", "导出审计日志", "sys", "系统管理"});
  access::register_menu({"sys", "系统管理", "/system", "Setting", "", "", 90});
  access::register_menu({"sys-dicts", "字典管理", "/system/dicts", "Notebook", "sys:dict:update", "sys", 91});
  access::register_menu({"sys-audit", "审计日志", "/system/audit", "Document", "sys:audit:list", "sys", 92});

  r.add({"GET", "/api/v1/health", http::kPublic, "system", "健康检查", 0, [](Ctx& ctx) {
           return Response::json(R"({"status":"ok","version":")" XIETONG_VERSION R"(","db":")" + ctx.app.db().dialect_name() + "\"}");
         }});

  r.add({"GET", "/api/v1/workbench", http::kLogin, "system", "工作台：与本人当前单位有关的事项（各模块提供，每个数字链接到对应列表）", 0,
         [](Ctx& ctx) {
           bj::array cards;
           for (auto& card : workbench::cards_for(ctx.conn(), ctx.principal(), db::now_ms())) cards.push_back(workbench::to_json(card));
           return Response::json(bj::serialize(bj::object{{"cards", cards}}));
         }});

  r.add({"GET", "/api/v1/dicts", http::kLogin, "system", "全部字典", 0, [](Ctx& ctx) {
           return Response::json(bj::serialize(bj::object{{"types", dict::all(ctx.conn())}}));
         }});
  r.add({"POST", "/api/v1/dicts/{type}/items", "sys:dict:update", "system", "新增字典项", 8192, [](Ctx& ctx) {
           auto type = ctx.req.params.at("type");
           auto v = ctx.body();
           json::Fields f(v);
           auto value = f.req_string("value", "字典值", 40);
           auto label = f.req_string("label", "字典标签", 50);
           int sort = f.opt_int_in("sort", "排序", -999999, 999999, 0);
           auto status = f.opt_string("status", "状态", 20).value_or("active");
           f.finish();
           check_dict_fields(status, sort);
           auto& c = ctx.conn();
           db::Tx tx(c, true);
           if (!dict::type_exists(c, type)) throw not_found("sys.dict_type_not_found", "字典类型不存在：" + type);
           if (dict::value_taken(c, type, value)) throw conflict("sys.dict_value_taken", "该字典中已有值：" + value, "value");
           auto id = dict::insert_item(c, type, value, label, sort, status);
           audit::Event ev{"sys:dict:update", "dict_item", std::to_string(id)};
           audit::change(ev, "type", nullptr, type);
           audit::change(ev, "value", nullptr, value);
           audit::change(ev, "label", nullptr, label);
           ctx.audit(ev);
           tx.commit();
           return Response::json(bj::serialize(*dict::find_item(c, id)), 201);
         }});
  r.add({"PUT", "/api/v1/dict-items/{id}", "sys:dict:update", "system", "修改字典项", 8192, [](Ctx& ctx) {
           auto id = ctx.id_param();
           auto v = ctx.body();
           json::Fields f(v);
           auto label = f.req_string("label", "字典标签", 50);
           int sort = f.opt_int_in("sort", "排序", -999999, 999999, 0);
           auto status = f.opt_string("status", "状态", 20).value_or("active");
           f.finish();
           check_dict_fields(status, sort);
           auto& c = ctx.conn();
           db::Tx tx(c, true);
           auto before = dict::find_item(c, id);
           if (!before) throw not_found("sys.dict_item_not_found", "字典项不存在");
           dict::update_item(c, id, label, sort, status);
           audit::Event ev{"sys:dict:update", "dict_item", std::to_string(id)};
           audit::change(ev, "label", (*before)["label"], bj::value(label));
           audit::change(ev, "sort", (*before)["sort"], bj::value(sort));
           audit::change(ev, "status", (*before)["status"], bj::value(status));
           ctx.audit(ev);
           tx.commit();
           return Response::json(bj::serialize(*dict::find_item(c, id)));
         }});
  r.add({"DELETE", "/api/v1/dict-items/{id}", "sys:dict:update", "system", "删除字典项", 0, [](Ctx& ctx) {
           auto id = ctx.id_param();
           auto& c = ctx.conn();
           db::Tx tx(c, true);
           auto before = dict::find_item(c, id);
           if (!before) throw not_found("sys.dict_item_not_found", "字典项不存在");
           if ((*before)["builtin"].as_bool()) throw conflict("sys.dict_item_builtin", "内置字典项不能删除，可改为停用");
           dict::delete_item(c, id);
           audit::Event ev{"sys:dict:update", "dict_item", std::to_string(id)};
           audit::change(ev, "value", (*before)["value"], nullptr);
           ctx.audit(ev);
           tx.commit();
           return Response::no_content();
         }});

  r.add({"GET", "/api/v1/audit", "sys:audit:list", "system", "审计日志（筛选、分页）", 0, [](Ctx& ctx) {
           auto pg = app::page_from(ctx.req, {"id"}, "id", true);
           auto [items, total] = auditlog::list(ctx.conn(), auditlog::filter_from(ctx.req), pg);
           return Response::json(app::list_json(std::move(items), total, pg));
         }});
  r.add({"GET", "/api/v1/audit/export", "sys:audit:export", "system", "导出审计日志（XLSX）", 0, [](Ctx& ctx) {
           app::Page pg;
           pg.size = 100000;
           pg.desc = true;
           auto& c = ctx.conn();
           auto [items, total] = auditlog::list(c, auditlog::filter_from(ctx.req), pg);
           std::vector<std::vector<std::string>> rows;
           for (auto& it : items) {
             auto& o = it.as_object();
             rows.push_back({std::to_string(o["id"].as_int64()), time::beijing_time(o["at"].as_int64()), std::string(o["username"].as_string()),
                             std::string(o["unit_name"].as_string()), std::string(o["ip"].as_string()), std::string(o["action"].as_string()),
                             std::string(o["object_type"].as_string()) + " " + std::string(o["object_id"].as_string()),
                             o["result"].as_string() == "success" ? "成功" : "失败（" + std::string(o["error_code"].as_string()) + "）",
                             o["detail"].is_null() ? "" : bj::serialize(o["detail"])});
           }
           auto bytes = exporting::xlsx_table(ctx.app.config().data_dir + "/tmp", "审计日志",
                                              {{"序号"}, {"时间（北京时间）"}, {"用户"}, {"单位"}, {"IP"}, {"操作"}, {"对象"}, {"结果"}, {"详情", 80}}, rows);
           db::Tx tx(c, true);
           audit::Event ev{"sys:audit:export", "audit_log", ""};
           ev.detail["rows"] = (long long)rows.size();
           ev.detail["filter"] = ctx.req.query;
           ctx.audit(ev);
           tx.commit();
           Response res;
           res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
           res.body = std::move(bytes);
           res.set_header("Content-Disposition", exporting::attachment("审计日志.xlsx"));
           return res;
         }});
  r.add({"GET", "/api/v1/audit/verify", "sys:audit:list", "system", "校验审计日志哈希链", 0, [](Ctx& ctx) {
           auto v = audit::verify(ctx.conn());
           bj::object o{{"ok", v.ok}, {"rows", v.rows}};
           if (v.first_broken_id) o["first_broken_id"] = *v.first_broken_id;
           return Response::json(bj::serialize(o));
         }});
}

void register_openapi(app::App& a) {
  bj::object paths;
  for (auto& rt : a.router().routes()) {
    auto& p = paths[rt->path];
    if (!p.is_object()) p = bj::object{};
    std::string m = rt->method;
    for (auto& ch : m) ch = (char)std::tolower((unsigned char)ch);
    bj::array params;
    size_t pos = 0;
    while ((pos = rt->path.find('{', pos)) != std::string::npos) {
      auto end = rt->path.find('}', pos);
      params.push_back({{"name", rt->path.substr(pos + 1, end - pos - 1)}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
      pos = end;
    }
    bj::object op{{"summary", rt->summary}, {"tags", bj::array{bj::value(rt->module)}}, {"x-permission", rt->perm},
                  {"operationId", m + rt->path}, {"responses", {{"default", {{"description", "JSON，或错误信封 {\"error\":{code,message,field}}"}}}}}};
    if (!params.empty()) op["parameters"] = params;
    if (rt->perm != http::kPublic) op["security"] = bj::array{bj::object{{"session", bj::array{}}}};
    if (rt->is_write() && rt->body_limit > 0) op["x-body-limit"] = (long long)rt->body_limit;
    p.as_object()[m] = op;
  }
  auto doc = bj::serialize(bj::object{
      {"openapi", "3.0.3"},
      {"info", {{"title", "协同 · 家校社协同育人平台 API"}, {"version", XIETONG_VERSION}}},
      {"servers", bj::array{bj::object{{"url", "/"}}}},
      {"components", {{"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "xt_session"}}}}}}},
      {"paths", paths}});
  a.router().add({"GET", "/api/v1/openapi.json", http::kPublic, "system", "OpenAPI 3 文档（由路由表生成）", 0,
                  [doc](Ctx&) { return Response::json(doc); }});
}
}  // namespace xt::sys
