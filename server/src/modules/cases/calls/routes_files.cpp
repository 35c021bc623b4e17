// HTTP routes of a call's attachments.
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/calls/files.hpp"
#include "modules/cases/routes_common.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
bj::object file_json(const CallFile& f) {
  return {{"id", f.id}, {"call_id", f.call_id}, {"seq", f.seq}, {"name", f.name}, {"content_type", f.content_type},
          {"size", f.size}, {"created_at", f.created_at}};
}
}  // namespace

void register_call_file_routes(app::App& a) {
  auto& r = a.router();
  http::ModuleRoutes add(r, "cases");
  add("GET", "/api/v1/case-calls/{id}/files", "login", "征集通知的附件", [](Ctx& ctx) {
    bj::array items;
    for (auto& f : visible_call_files(ctx.conn(), ctx.principal(), ctx.id_param())) items.push_back(file_json(f));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  {
    http::Route up{"POST", "/api/v1/case-calls/{id}/files", "cases:call:update", "cases",
                   "上传征集通知的附件（PDF、Word 或 Excel，请求体即文件；文件名放在查询参数 filename）", 0, [](Ctx& ctx) {
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto f = add_call_file(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.req.body_file,
                                            ctx.req.query_param("filename").value_or(""), ctx.app.uploads());
                     return Response::json(bj::serialize(file_json(f)), 201);
                   }};
    up.upload = true;
    add.route(std::move(up));
  }
  add("GET", "/api/v1/call-files/{id}", "login", "下载征集通知的附件", [](Ctx& ctx) {
    auto f = visible_call_file(ctx.conn(), ctx.principal(), ctx.id_param());
    return stored_file(ctx, f.sha256, f.content_type, f.name);
  });
  add("DELETE", "/api/v1/call-files/{id}", "cases:call:update", "删除征集通知的附件", [](Ctx& ctx) {
    delete_call_file(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.app.uploads());
    return Response::no_content();
  });
}
}  // namespace xt::cases
