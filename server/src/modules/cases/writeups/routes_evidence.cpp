// HTTP routes of evidence PDFs and their catalog (附件2).
#include "core/export/xlsx.hpp"
#include "core/files/pdf_check.hpp"
#include "core/files/store.hpp"
#include "modules/cases/writeups/evidence.hpp"
#include "modules/cases/routes_common.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_evidence_routes(app::App& a) {
  auto& r = a.router();
  http::ModuleRoutes add(r, "cases");
  auto evidence_json = [](const Evidence& e) {
    bj::array warnings;
    for (auto& w : files::dpi_warnings(e.min_dpi)) warnings.push_back(bj::object{{"code", w.code}, {"message", w.message}});
    return bj::object{{"id", e.id}, {"case_id", e.case_id}, {"seq", e.seq}, {"name", e.name}, {"material_date", e.material_date},
                      {"remark", e.remark}, {"size", e.size}, {"pages", e.pages}, {"min_dpi", e.min_dpi},
                      {"low_dpi", e.min_dpi > 0 && e.min_dpi < files::kLowDpi}, {"warnings", warnings}, {"original_name", e.original_name},
                      {"created_at", e.created_at}, {"public", e.is_public}};
  };
  add("GET", "/api/v1/cases/{id}/evidence", "cases:case:list", "佐证材料目录（附件2）", [evidence_json](Ctx& ctx) {
    bj::array items;
    for (auto& e : list_evidence(ctx.conn(), ctx.principal(), ctx.id_param())) items.push_back(evidence_json(e));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  {
    http::Route up{"POST", "/api/v1/cases/{id}/evidence", "cases:case:update", "cases",
                   "上传一份佐证材料（PDF，请求体即文件；名称等放在查询参数 name、material_date、remark、filename）", 0,
                   [evidence_json](Ctx& ctx) {
                     EvidenceInput in;
                     in.name = ctx.req.query_param("name").value_or("");
                     in.material_date = ctx.req.query_param("material_date").value_or("");
                     in.remark = ctx.req.query_param("remark").value_or("");
                     in.original_name = ctx.req.query_param("filename").value_or("");
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto e = add_evidence(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.req.body_file, in, ctx.app.uploads());
                     return Response::json(bj::serialize(evidence_json(e)), 201);
                   }};
    up.upload = true;
    add.route(std::move(up));
  }
  add("PUT", "/api/v1/cases/{id}/evidence/order", "cases:case:update", "调整佐证材料顺序", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto ids = f.int_array("ids", "顺序", 100);
    f.finish();
    order_evidence(ctx.conn(), ctx.caller(), ctx.id_param(), ids);
    return Response::no_content();
  });
  add("PUT", "/api/v1/evidence/{id}", "cases:case:update", "修改佐证材料的名称、时间、备注", [evidence_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    EvidenceInput in;
    in.name = f.req_string("name", "材料名称", 100);
    in.material_date = f.opt_string("material_date", "时间", 10).value_or("");
    in.remark = f.opt_string("remark", "备注", 200).value_or("");
    f.finish();
    auto e = update_evidence(ctx.conn(), ctx.caller(), ctx.id_param(), in);
    return Response::json(bj::serialize(evidence_json(e)));
  });
  add("PUT", "/api/v1/evidence/{id}/public", "cases:case:update", "在公开的典型案例库中展示或不展示这份佐证材料（牵头单位决定）", [evidence_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto is_public = f.opt_bool("public", "公开");
    if (!is_public) throw unprocessable("request.required", "请说明是否公开", "public");
    f.finish();
    return Response::json(bj::serialize(evidence_json(set_evidence_public(ctx.conn(), ctx.caller(), ctx.id_param(), *is_public))));
  });
  add("DELETE", "/api/v1/evidence/{id}", "cases:case:update", "删除佐证材料", [](Ctx& ctx) {
    delete_evidence(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.app.uploads());
    return Response::no_content();
  });
  add("GET", "/api/v1/evidence/{id}/file", "cases:case:list", "下载佐证材料（PDF）", [](Ctx& ctx) {
    auto e = get_evidence(ctx.conn(), ctx.principal(), ctx.id_param());
    return stored_file(ctx, e.sha256, "application/pdf", std::to_string(e.seq) + "_" + e.name + ".pdf");
  });
}
}  // namespace xt::cases
