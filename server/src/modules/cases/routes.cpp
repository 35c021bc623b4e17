// HTTP routes of the typical-case call.
#include "modules/cases/routes.hpp"
#include "modules/cases/routes_common.hpp"
#include "modules/cases/workbench.hpp"

#include <cstdint>

#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/text/zishu.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/retention.hpp"
#include "core/files/store.hpp"
#include "core/docs/docx.hpp"
#include "modules/cases/document.hpp"
#include "modules/cases/evidence.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/notify.hpp"
#include "modules/cases/repo.hpp"
#include "modules/cases/review.hpp"
#include "modules/cases/service.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;


http::Response stored_file(Ctx& ctx, const std::string& sha256, const std::string& content_type, const std::string& download_name,
                           bool generated) {
  auto& store = generated ? ctx.app.generated() : ctx.app.uploads();
  Response res;
  res.content_type = content_type;
  if (!store.has(sha256)) throw not_found("files.missing", "文件已不存在，请联系上传单位重新上传");
  res.file = store.local_path(sha256);
  res.set_header("Content-Disposition", exporting::attachment(download_name));
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  return res;
}

bj::object call_json(const Call& x) {
  return {{"id", x.id}, {"title", x.title}, {"notice", x.notice}, {"deadline_date", x.deadline_date}, {"deadline_at", x.deadline_at},
          {"grace_minutes", x.grace_minutes}, {"status", x.status}, {"rules", to_json(x.rules)}, {"created_at", x.created_at}};
}

bj::object case_json(const Case& k, const Call* call) {
  bj::object o{{"id", k.id}, {"call_id", k.call_id}, {"owner_unit_id", k.owner_unit_id}, {"owner_unit_name", k.owner_unit_name},
               {"review_unit_id", k.review_unit_id}, {"title", k.title}, {"status", k.status}, {"version", k.version},
               {"review_comment", k.review_comment}, {"content", to_json(k.content)},
               {"submitted_at", k.submitted_at ? bj::value(*k.submitted_at) : bj::value(nullptr)},
               {"created_at", k.created_at}, {"updated_at", k.updated_at}};
  if (call) {
    auto n = count(call->rules, k.content);
    bj::object secs;
    for (auto& [key, v] : n.sections) secs[key] = (long long)v;
    o["counts"] = bj::object{{"sections", secs}, {"total", (long long)n.total}, {"rule", text::kZishuRule}};
  }
  return o;
}

namespace {
CallInput call_input(Ctx& ctx) {
  auto v = ctx.body();
  json::Fields f(v);
  CallInput in;
  in.title = f.req_string("title", "征集活动名称", 100);
  in.notice = f.opt_string("notice", "通知正文", 20000).value_or("");
  in.deadline_date = f.req_string("deadline_date", "截止日期", 10);
  in.grace_minutes = f.opt_int_in("grace_minutes", "宽限时间（分钟）", 0, 7 * 24 * 60, 0);
  in.status = f.opt_string("status", "状态", 10).value_or("open");
  if (auto* r = f.raw("rules")) in.rules = rules_from(*r);
  else in.rules = qingdao_template();
  f.finish();
  return in;
}
}  // namespace

void register_routes(app::App& a) {
  register_permissions();
  // The uploads these tables refer to stay in the store; once no row does, they go.
  files::register_reference(a.uploads().name(), "case_evidence", "file_sha256");
  files::register_reference(a.uploads().name(), "case_call_files", "file_sha256");
  files::register_reference(a.uploads().name(), "case_packages", "stamp_sha256");
  register_workbench();
  access::register_menu({"cases", "典型案例征集", "/cases", "Trophy", "", "", 20});
  access::register_menu({"cases-calls", "征集活动", "/cases/calls", "Notification", "cases:case:list", "cases", 21});
  access::register_menu({"cases-mine", "本单位案例", "/cases/mine", "EditPen", "cases:case:create", "cases", 22,
                         [](const access::Principal& p) { return unit_type_writes_cases(p.unit_type); }});
  access::register_menu({"cases-review", "初评与推荐", "/cases/review", "Stamp", "cases:case:review", "cases", 23,
                         [](const access::Principal& p) { return unit_pre_reviews(p.unit_type, p.unit_city_affiliated); }});
  access::register_menu({"cases-board", "报送进度", "/cases/board", "DataBoard", "cases:call:update", "cases", 24});
  a.jobs().add("cases.deadline_reminders", [](db::Conn& c, long long now) { remind_deadlines(c, now); });
  auto& r = a.router();
  http::ModuleRoutes add(r, "cases");

  add("GET", "/api/v1/case-calls/template", "login", "征集规则模板（青岛2024通知）", [](Ctx&) {
    bj::array fonts;
    for (auto& f : document_fonts()) fonts.push_back(bj::value(f));
    return Response::json(bj::serialize(bj::object{{"rules", to_json(qingdao_template())}, {"zishu_rule", text::kZishuRule}, {"fonts", fonts}}));
  });
  add("GET", "/api/v1/case-calls", "login", "征集活动列表", [](Ctx& ctx) {
    bj::array items;
    for (auto& x : visible_calls(ctx.conn(), ctx.principal())) items.push_back(call_json(x));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/case-calls/{id}", "login", "征集活动详情", [](Ctx& ctx) {
    return Response::json(bj::serialize(call_json(visible_call(ctx.conn(), ctx.principal(), ctx.id_param()))));
  });
  add("POST", "/api/v1/case-calls", "cases:call:create", "发布征集活动", [](Ctx& ctx) {
    auto x = create_call(ctx.conn(), ctx.caller(), call_input(ctx));
    return Response::json(bj::serialize(call_json(x)), 201);
  });
  add("PUT", "/api/v1/case-calls/{id}", "cases:call:update", "修改征集活动", [](Ctx& ctx) {
    auto x = update_call(ctx.conn(), ctx.caller(), ctx.id_param(), call_input(ctx));
    return Response::json(bj::serialize(call_json(x)));
  });

  add("POST", "/api/v1/case-calls/{id}/copy", "cases:call:create", "复制往年的征集活动（草稿，截止日期顺延一年）", [](Ctx& ctx) {
    auto x = copy_call(ctx.conn(), ctx.caller(), ctx.id_param());
    return Response::json(bj::serialize(call_json(x)), 201);
  });
  add("GET", "/api/v1/case-calls/{id}/quota", "cases:case:create", "本单位的报送名额（局属学校按校，其他按所在区县）", [](Ctx& ctx) {
    auto q = quota_of(ctx.conn(), ctx.id_param(), ctx.principal().unit_id);
    return Response::json(bj::serialize(bj::object{{"kind", q.kind}, {"scope_name", q.scope_name}, {"quota", q.quota},
                                                   {"used", q.used}, {"remaining", q.remaining}}));
  });
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
  register_review_routes(a);
  register_evidence_routes(a);
  register_call_file_routes(a);
  register_document_routes(a);
}
}  // namespace xt::cases
