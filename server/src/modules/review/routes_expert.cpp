// The expert's workbench routes: only the principal's own assignments (404 for any other id).
#include "core/app/download.hpp"
#include "core/json/json.hpp"
#include "modules/review/routes.hpp"
#include "modules/review/scoring.hpp"

namespace xt::review {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_expert_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "review");
  add("GET", "/api/v1/review/mine", kScorePerm, "我的评审任务（分配给本人的案例与进度）", [](Ctx& ctx) {
    return Response::json(bj::serialize(my_assignments(ctx.conn(), ctx.principal())));
  });
  add("GET", "/api/v1/review/assignments/{id}", kScorePerm, "阅读分配给本人的案例（匿名评审时隐去单位名称）、评分表与本人评分", [](Ctx& ctx) {
    return Response::json(bj::serialize(open_assignment(ctx.conn(), ctx.principal(), ctx.id_param())));
  });
  auto save = [](bool submit) {
    return [submit](Ctx& ctx) {
      auto id = ctx.id_param();
      auto v = ctx.body();
      json::Fields f(v);
      auto* scores = f.raw("scores");
      auto comment = f.opt_string("comment", "评审意见", 2000).value_or("");
      f.finish();
      bj::value empty = bj::object{};
      return Response::json(bj::serialize(save_sheet(ctx.conn(), ctx.caller(), id, scores ? *scores : empty, comment, submit, db::now_ms())));
    };
  };
  add("PUT", "/api/v1/review/assignments/{id}/draft", kScorePerm, "保存评分草稿（边填边存）", save(false));
  add("POST", "/api/v1/review/assignments/{id}/submit", kScorePerm, "提交评分（评审结束前可修改后再次提交）", save(true));
  add("GET", "/api/v1/review/assignments/{id}/evidence/{evidence}/file", kScorePerm, "查看分配给本人的案例的佐证材料（PDF）", [](Ctx& ctx) {
    auto f = evidence_file(ctx.conn(), ctx.principal(), ctx.id_param(), ctx.id_param("evidence"));
    return app::stored_file(ctx, f.sha256, "application/pdf", f.name);
  });
}
}  // namespace xt::review
