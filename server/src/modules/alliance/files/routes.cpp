// HTTP routes of the 教联体 files: an alliance's agreement, an activity's materials.
#include "modules/alliance/files/routes.hpp"

#include "core/app/download.hpp"
#include "core/files/retention.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/alliance/files/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

bj::object file_json(const StoredFile& f) {
  return {{"id", f.id},       {"kind", f.kind},   {"name", f.name},         {"content_type", f.content_type},
          {"size", f.size},   {"pages", f.pages}, {"uploaded_at", f.uploaded_at}};
}

bj::array files_json(db::Conn& c, const std::string& kind, long long owner) {
  bj::array out;
  for (auto& f : files_of(c, kind, owner)) out.push_back(file_json(f));
  return out;
}

void register_file_routes(app::App& a) {
  files::register_reference(a.uploads().name(), "alliance_files", "sha256");
  http::ModuleRoutes add(a.router(), "alliance");
  {
    http::Route up{"POST", "/api/v1/alliances/{id}/agreement", kManagePerm, "alliance",
                   "上传教联体协议（PDF，请求体即文件；文件名放在查询参数 filename；再次上传即替换）", 0, [](Ctx& ctx) {
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto f = set_agreement(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.req.body_file,
                                            ctx.req.query_param("filename").value_or(""), ctx.app.uploads());
                     return Response::json(bj::serialize(file_json(f)), 201);
                   }};
    up.upload = true;
    add.route(std::move(up));
  }
  {
    http::Route up{"POST", "/api/v1/alliance/activities/{id}/materials", kActivityRecordPerm, "alliance",
                   "上传活动材料（PDF、JPEG 或 PNG，最多5个；请求体即文件，文件名放在查询参数 filename）", 0, [](Ctx& ctx) {
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto f = add_material(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.req.body_file,
                                           ctx.req.query_param("filename").value_or(""), ctx.app.uploads());
                     return Response::json(bj::serialize(file_json(f)), 201);
                   }};
    up.upload = true;
    add.route(std::move(up));
  }
  add("GET", "/api/v1/alliances/{id}/files", http::kLogin, "教联体的协议", [](Ctx& ctx) {
    auto id = ctx.id_param();
    get_alliance(ctx.conn(), ctx.principal(), id);
    return Response::json(bj::serialize(bj::object{{"items", files_json(ctx.conn(), "agreement", id)}}));
  });
  add("GET", "/api/v1/alliance/activities/{id}/materials", http::kLogin, "活动材料", [](Ctx& ctx) {
    auto id = ctx.id_param();
    get_activity(ctx.conn(), ctx.principal(), id);
    return Response::json(bj::serialize(bj::object{{"items", files_json(ctx.conn(), "material", id)}}));
  });
  add("GET", "/api/v1/alliance/files/{id}", http::kLogin, "下载协议或活动材料", [](Ctx& ctx) {
    auto f = visible_file(ctx.conn(), ctx.principal(), ctx.id_param());
    return app::stored_file(ctx, f.sha256, f.content_type, f.name);
  });
  add("DELETE", "/api/v1/alliance/files/{id}", http::kLogin, "删除协议（组建单位）或活动材料（组织单位）", [](Ctx& ctx) {
    delete_file(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.app.uploads());
    return Response::no_content();
  });
}
}  // namespace xt::alliance
