// HTTP routes of calls (征集活动): the template, list, detail, publish, edit, copy, quota.
#include <boost/json.hpp>

#include "core/docs/docx.hpp"
#include "core/text/zishu.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/routes_common.hpp"
#include "modules/cases/writeups/document.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

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

void register_call_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "cases");
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
}
}  // namespace xt::cases
