// HTTP routes of write-ups (案例): list, detail, create, save, versions, check, submit, withdraw.
#include <boost/json.hpp>

#include "core/json/json.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/routes_common.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_case_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "cases");
  add("GET", "/api/v1/cases", "cases:case:list", "典型案例列表", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {"updated_at"}, "updated_at", true);
    repo::CaseFilter f;
    if (auto id = app::int_param(ctx.req, "call_id", 1, app::kMaxId)) f.call_id = *id;
    f.status = ctx.req.query_param("status").value_or("");
    f.keyword = ctx.req.query_param("keyword").value_or("");
    if (json::char_count(f.keyword) > 50) throw bad_request("request.too_long", "关键词不超过50字", "keyword");
    auto rv = ctx.req.query_param("review").value_or("0");
    if (rv != "0" && rv != "1") throw bad_request("request.bad_param", "review 只能是 0 或 1", "review");
    f.reviewing = rv == "1";
    auto [items, total] = repo::list_cases(ctx.conn(), ctx.principal(), f, pg);
    bj::array out;
    for (auto& k : items) {
      auto o = case_json(k, nullptr);
      o.erase("content");
      out.push_back(std::move(o));
    }
    return Response::json(app::list_json(std::move(out), total, pg));
  });
  add("GET", "/api/v1/cases/{id}", "cases:case:list", "典型案例详情（含字数统计）", [](Ctx& ctx) {
    auto k = get_case(ctx.conn(), ctx.principal(), ctx.id_param());
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  });
  add("POST", "/api/v1/cases", "cases:case:create", "新建典型案例（草稿）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto call_id = f.req_int("call_id", "征集活动");
    auto title = f.req_string("title", "案例名称", 100);
    f.finish();
    auto k = create_case(ctx.conn(), ctx.caller(), call_id, title, db::now_ms());
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)), 201);
  });
  add("PUT", "/api/v1/cases/{id}", "cases:case:update", "保存案例草稿（新版本）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    int version = f.req_int_in("version", "版本号", 1, INT32_MAX);
    auto title = f.req_string("title", "案例名称", 100);
    auto* raw = f.raw("content");
    if (!raw) throw unprocessable("request.required", "缺少案例内容", "content");
    auto content = content_from(*raw);
    f.finish();
    auto k = save_case(ctx.conn(), ctx.caller(), ctx.id_param(), version, title, content);
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  }, 512 * 1024);
  add("GET", "/api/v1/cases/{id}/versions", "cases:case:list", "案例的历史版本", [](Ctx& ctx) {
    auto id = ctx.id_param();
    get_case(ctx.conn(), ctx.principal(), id);
    return Response::json(bj::serialize(bj::object{{"items", repo::versions(ctx.conn(), id)}}));
  });
  add("GET", "/api/v1/cases/{id}/versions/{version}", "cases:case:list", "某个历史版本的内容（用于对比）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto k = get_case(ctx.conn(), ctx.principal(), id);
    auto v = repo::version(ctx.conn(), id, (int)std::min(ctx.id_param("version"), 1000000LL));
    if (!v) throw not_found("cases.version_not_found", "没有这个版本");
    return Response::json(bj::serialize(bj::object{{"version", ctx.id_param("version")}, {"title", v->first}, {"content", to_json(v->second)}}));
  });
  add("POST", "/api/v1/cases/{id}/versions/{version}/restore", "cases:case:update", "恢复到某个历史版本", [](Ctx& ctx) {
    auto ver = ctx.id_param("version");
    auto k = restore_version(ctx.conn(), ctx.caller(), ctx.id_param(), (int)std::min(ver, 1000000LL));
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  });
  add("GET", "/api/v1/cases/{id}/check", "cases:case:list", "报送前检查：列出全部未满足的要求", [](Ctx& ctx) {
    auto& c = ctx.conn();
    auto k = get_case(c, ctx.principal(), ctx.id_param());
    auto call = get_call(c, k.call_id);
    bj::array problems;
    for (auto& e : submission_problems(c, call, k, db::now_ms()))
      problems.push_back({{"code", e.code}, {"message", e.what()}, {"field", e.field}});
    return Response::json(bj::serialize(bj::object{{"ok", problems.empty()}, {"problems", problems}}));
  });
  add("POST", "/api/v1/cases/{id}/submit", "cases:case:submit", "报送案例", [](Ctx& ctx) {
    auto k = submit_case(ctx.conn(), ctx.caller(), ctx.id_param(), db::now_ms());
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  add("POST", "/api/v1/cases/{id}/withdraw", "cases:case:submit", "截止前撤回已报送的案例", [](Ctx& ctx) {
    auto k = withdraw_case(ctx.conn(), ctx.caller(), ctx.id_param(), db::now_ms());
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
}
}  // namespace xt::cases
