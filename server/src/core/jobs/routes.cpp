#include "core/jobs/routes.hpp"

#include "core/app/app.hpp"
#include "core/export/xlsx.hpp"

namespace xt::jobs {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

bj::object job_json(const Job& j, const std::string& download_url) {
  auto* k = find_kind(j.kind);
  return {{"id", j.id},
          {"kind", j.kind},
          {"kind_name", k ? k->label : j.kind},
          {"status", j.status},
          {"done", j.done},
          {"total", j.total},
          {"error", j.error},
          {"error_code", j.error_code},
          {"file_name", j.result_name},
          {"size", j.result_size},
          {"result", j.result},
          {"created_at", j.created_at},
          {"finished_at", j.finished_at ? bj::value(*j.finished_at) : bj::value(nullptr)},
          {"download_url", download_url}};
}

namespace {
enum class Seen { Yes, Forbidden, Hidden };

Seen sees(Ctx& ctx, const Job& j) {
  auto& p = ctx.principal();
  if (j.owner_user == p.user_id) return Seen::Yes;
  auto* k = find_kind(j.kind);
  if (!k) return Seen::Hidden;
  bool any = k->perms.empty();
  for (auto& perm : k->perms) any = any || p.can(perm);
  if (!any) return Seen::Forbidden;
  return k->may_see && k->may_see(ctx.conn(), p, j) ? Seen::Yes : Seen::Hidden;
}

Job find(Ctx& ctx, long long id, bool hide_forbidden) {
  auto j = ctx.app.queue().get(ctx.conn(), id);
  if (!j) throw not_found("jobs.not_found", "没有这个后台任务");
  switch (sees(ctx, *j)) {
    case Seen::Yes: return *j;
    case Seen::Forbidden:
      if (!hide_forbidden) throw forbidden("access.denied", "没有查看这类后台任务的权限");
      [[fallthrough]];
    case Seen::Hidden: break;
  }
  throw not_found("jobs.not_found", "没有这个后台任务");
}

std::string result_url(const Job& j) { return "/api/v1/jobs/" + std::to_string(j.id) + "/result"; }

Response result(Ctx& ctx, const Job& j, const char* prefix) {
  auto code = [&](const char* what) { return std::string(prefix) + what; };
  if (j.status == "failed") throw conflict(code("failed"), "生成失败：" + j.error);
  if (j.status == "superseded") throw conflict(code("superseded"), "内容已有更新，这份结果已被新生成的替代，请重新下载");
  if (j.status != "done") throw conflict(code("running"), "还在生成中，请稍候");
  if (j.result_sha256.empty()) throw not_found("jobs.no_file", "这个后台任务没有可下载的文件");
  auto& store = ctx.app.generated();
  if (!store.has(j.result_sha256)) throw not_found("files.missing", "文件已不存在，请重新生成");
  Response res;
  res.content_type = j.result_type.empty() ? "application/octet-stream" : j.result_type;
  res.file = store.local_path(j.result_sha256);
  res.set_header("Content-Disposition", exporting::attachment(j.result_name.empty() ? "download" : j.result_name));
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  return res;
}
}  // namespace

Job visible_job(Ctx& ctx, long long id) { return find(ctx, id, false); }

void register_routes(app::App& a) {
  auto& r = a.router();
  http::ModuleRoutes add(r, "jobs");
  add("POST", "/api/v1/jobs", http::kLogin, "启动后台任务（kind：任务种类，params：该种类所需的参数；内容未变时直接返回上次的结果）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto kind_name = f.req_string("kind", "任务种类", 100);
    bj::value params = bj::object{};
    if (auto* p = f.raw("params")) params = *p;
    f.finish();
    auto* kind = find_kind(kind_name);
    if (!kind || !kind->prepare) throw unprocessable("jobs.unknown_kind", "没有这种后台任务：" + kind_name, "kind");
    if (!params.is_object()) throw unprocessable("request.bad_type", "params 应为对象", "params");
    auto spec = kind->prepare(ctx.conn(), ctx.principal(), params);
    spec.kind = kind->kind;
    if (!spec.owner_user) spec.owner_user = ctx.principal().user_id;
    if (!spec.owner_unit) spec.owner_unit = ctx.principal().unit_id;
    auto j = ctx.app.queue().submit(ctx.conn(), spec);
    return Response::json(bj::serialize(job_json(j, result_url(j))), j.status == "done" ? 200 : 202);
  });
  add("GET", "/api/v1/jobs/{id}", http::kLogin, "后台任务的进度", [](Ctx& ctx) {
    auto j = find(ctx, ctx.id_param(), false);
    return Response::json(bj::serialize(job_json(j, result_url(j))));
  });
  add("GET", "/api/v1/jobs/{id}/result", http::kLogin, "下载后台任务生成的文件", [](Ctx& ctx) { return result(ctx, find(ctx, ctx.id_param(), false), "jobs."); });
  // The earlier names of the same routes (document builds), kept for existing clients.
  add("GET", "/api/v1/document-builds/{id}", http::kLogin, "文档生成任务的进度（旧地址，同 /api/v1/jobs/{id}）", [](Ctx& ctx) {
    auto j = find(ctx, ctx.id_param(), true);
    return Response::json(bj::serialize(job_json(j, "/api/v1/document-builds/" + std::to_string(j.id) + "/file")));
  });
  add("GET", "/api/v1/document-builds/{id}/file", http::kLogin, "下载生成好的文档（旧地址，同 /api/v1/jobs/{id}/result）",
      [](Ctx& ctx) { return result(ctx, find(ctx, ctx.id_param(), true), "documents.build_"); });
}
}  // namespace xt::jobs
