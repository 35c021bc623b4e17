// Progress, reminders, the results table and its XLSX, decisions and publishing.
#include "core/app/download.hpp"
#include "core/json/json.hpp"
#include "modules/review/results/service.hpp"
#include "modules/review/routes.hpp"

namespace xt::review {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_result_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "review");
  add("GET", "/api/v1/reviews/{id}/results", kManagePerm, "评审结果：原始均分、标准化得分、分差、区县初评位次、入选情况", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), ctx.id_param());
    return Response::json(bj::serialize(results_json(results(ctx.conn(), r), ctx.conn())));
  });
  add("GET", "/api/v1/reviews/{id}/results.xlsx", kManagePerm, "导出评审结果（Excel）", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), ctx.id_param());
    auto res = results(ctx.conn(), r);
    auto bytes = results_xlsx(res, ctx.app.tmp_dir());
    return app::xlsx_download(ctx, std::move(bytes), res.x.call.title + "_市级评审结果.xlsx", "review:results:export", "review", (long long)res.rows.size());
  });
  add("PUT", "/api/v1/reviews/{id}/decisions/{case}", kManagePerm, "确定案例入选或未入选（入选数量不超过上限）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto case_id = ctx.id_param("case");
    auto v = ctx.body();
    json::Fields f(v);
    auto decision = f.req_string("decision", "评审结果", 20, true);
    auto reason = f.opt_string("reason", "理由", 300).value_or("");
    f.finish();
    decide(ctx.conn(), ctx.caller(), id, case_id, decision, reason, db::now_ms());
    return Response::json(R"({"ok":true})");
  });
  add("POST", "/api/v1/reviews/{id}/decisions/rest", kManagePerm, "将其余未确定的案例标记为未入选", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto v = ctx.body();
    json::Fields f(v);
    auto reason = f.req_string("reason", "理由", 300);
    f.finish();
    int n = decide_rest(ctx.conn(), ctx.caller(), id, reason, db::now_ms());
    return Response::json(bj::serialize(bj::object{{"decided", n}}));
  });
  add("POST", "/api/v1/reviews/{id}/publish", kManagePerm, "发布评审结果（通知各单位和区县，生成荣誉证书编号）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto v = ctx.body();
    json::Fields f(v);
    bool confirm = f.opt_bool("confirm_incomplete", "确认评分不足仍发布").value_or(false);
    auto note = f.opt_string("note", "说明", 500).value_or("");
    f.finish();
    auto r = publish(ctx.conn(), ctx.caller(), id, confirm, note, db::now_ms());
    return Response::json(bj::serialize(bj::object{{"status", r.status}, {"published_at", *r.published_at}}));
  });
  add("GET", "/api/v1/review/case-result/{id}", http::kLogin, "一个案例的市级评审结果（牵头单位、推荐的区县、市教育局可见；发布后才有结果）", [](Ctx& ctx) {
    return Response::json(bj::serialize(case_result(ctx.conn(), ctx.principal(), ctx.id_param())));
  });
  add("POST", "/api/v1/reviews/{id}/remind", kManagePerm, "提醒尚未提交评分的专家（站内通知，每人每天一次）", [](Ctx& ctx) {
    int n = remind(ctx.conn(), ctx.caller(), ctx.id_param(), db::now_ms());
    return Response::json(bj::serialize(bj::object{{"reminded", n}}));
  });
}
}  // namespace xt::review
