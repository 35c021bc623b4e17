// HTTP routes of case documents: a case as Word and as one archive PDF, the summary tables as
// Excel, and a reviewing unit's package ZIP built in the background with progress. Every
// document is made on the document pool (Route::heavy), never on the API's threads.
#include "core/jobs/queue.hpp"
#include "core/jobs/routes.hpp"
#include "core/docs/docx.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/writeups/archive.hpp"
#include "modules/cases/writeups/document.hpp"
#include "modules/cases/review/package_zip.hpp"
#include "modules/cases/review/service.hpp"
#include "modules/cases/routes_common.hpp"
#include "modules/cases/review/summary.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
constexpr const char* kZip = "application/zip";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The package a request is about: the caller's own unit's, or (city, unit) any unit's.
Package requested_package(db::Conn& c, const access::Principal& p, long long call_id, std::optional<long long> unit) {
  if (unit && (*unit != p.unit_id || !p.can("cases:case:review"))) {
    if (!p.can("cases:call:update")) throw forbidden("access.denied", "只有市教育局可以下载其他单位的推荐材料");
    get_call(c, call_id);
    return package_of(c, call_id, *unit);
  }
  if (!p.can("cases:case:review")) throw forbidden("access.denied", "没有执行此操作的权限（cases:case:review）");
  return get_package(c, p, call_id);
}

std::optional<long long> unit_param(Ctx& ctx) { return app::int_param(ctx.req, "unit_id", 1, app::kMaxId); }

Package requested_package(Ctx& ctx, long long call_id) { return requested_package(ctx.conn(), ctx.principal(), call_id, unit_param(ctx)); }

std::string package_scope(const Package& pk) { return "package:" + std::to_string(pk.call_id) + ":" + std::to_string(pk.review_unit_id); }

bj::object build_json(const jobs::Job& j) { return jobs::job_json(j, "/api/v1/document-builds/" + std::to_string(j.id) + "/file"); }

long long param_id(const bj::value& params, const char* key, const char* label) {
  auto* v = params.as_object().if_contains(key);
  if (!v || !v->is_int64() || v->as_int64() <= 0) throw unprocessable("request.required", std::string("缺少") + label, key);
  return v->as_int64();
}

// The package ZIP of a reviewing unit and a case's archive PDF, as jobs of the queue.
void register_job_kinds(app::App& a) {
  auto stores = a.stores();
  jobs::Kind package{"cases.package", "推荐材料包"};
  package.perms = {"cases:case:review", "cases:call:update"};
  package.prepare = [](db::Conn& c, const access::Principal& p, const bj::value& params) {
    auto call = param_id(params, "call_id", "征集活动");
    std::optional<long long> unit;
    if (params.as_object().if_contains("unit_id")) unit = param_id(params, "unit_id", "初评单位");
    auto pk = requested_package(c, p, call, unit);
    if (pk.rows.empty()) throw unprocessable("cases.package_empty", "还没有推荐的案例");
    jobs::Spec s;
    s.scope = package_scope(pk);
    s.key = package_key(c, pk);
    s.payload = bj::object{{"call_id", pk.call_id}, {"unit_id", pk.review_unit_id}};
    s.result_name = safe_file_name(pk.review_unit_name) + "_典型案例推荐材料.zip";
    s.result_type = kZip;
    return s;
  };
  package.work = [stores](jobs::Run& run) {
    auto& o = run.job.payload.as_object();
    package_zip(run.conn, package_of(run.conn, o.at("call_id").as_int64(), o.at("unit_id").as_int64()), stores, run.out_path, run.progress);
  };
  package.may_see = [](db::Conn&, const access::Principal& p, const jobs::Job& j) {
    long long call = 0, unit = 0;
    if (std::sscanf(j.scope.c_str(), "package:%lld:%lld", &call, &unit) != 2) return false;
    return p.can("cases:call:update") || (unit == p.unit_id && p.can("cases:case:review"));
  };
  jobs::register_kind(std::move(package));

  jobs::Kind archive{"cases.archive", "案例档案（PDF）", 1};
  archive.perms = {"cases:case:list"};
  archive.prepare = [](db::Conn& c, const access::Principal& p, const bj::value& params) {
    auto k = get_case(c, p, param_id(params, "case_id", "案例"));
    auto f = case_files(c, get_call(c, k.call_id), k);
    jobs::Spec s;
    s.scope = "case:" + std::to_string(k.id);
    s.key = f.key;
    s.payload = bj::object{{"case_id", k.id}};
    s.result_name = document_file_name(k, "pdf");
    s.result_type = "application/pdf";
    return s;
  };
  archive.work = [stores](jobs::Run& run) {
    auto k = repo::find_case(run.conn, run.job.payload.as_object().at("case_id").as_int64());
    if (!k) throw not_found("cases.not_found", "案例不存在");
    run.stored_sha256 = cached_case_archive(run.conn, case_files(run.conn, get_call(run.conn, k->call_id), *k), stores);
  };
  archive.may_see = [](db::Conn& c, const access::Principal& p, const jobs::Job& j) {
    try {
      get_case(c, p, j.payload.as_object().at("case_id").as_int64());
      return true;
    } catch (const std::exception&) {
      return false;
    }
  };
  jobs::register_kind(std::move(archive));
}

void add_heavy(http::Router& r, const char* m, const char* path, const char* perm, const char* summary, http::Handler h) {
  http::Route route{m, path, perm, "cases", summary, 64 * 1024, std::move(h)};
  route.heavy = true;
  r.add(std::move(route));
}
}  // namespace

void register_document_routes(app::App& a) {
  register_job_kinds(a);
  auto& r = a.router();
  http::ModuleRoutes add(r, "cases");
  add_heavy(r, "GET", "/api/v1/cases/{id}/docx", "cases:case:list", "下载案例文本（Word，按征集通知规定的格式）", [](Ctx& ctx) {
    auto& c = ctx.conn();
    auto k = get_case(c, ctx.principal(), ctx.id_param());
    auto f = case_files(c, get_call(c, k.call_id), k);
    Response res;
    res.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    res.body = docs::docx(f.doc, f.layout);
    res.set_header("Content-Disposition", exporting::attachment(document_file_name(k, "docx")));
    return res;
  });
  add_heavy(r, "GET", "/api/v1/cases/{id}/pdf", "cases:case:list",
            "下载案例档案（PDF：案例文本、案例档案目录（附件2）、按目录顺序的全部佐证材料，带书签）", [](Ctx& ctx) {
              // Made by the job queue (or taken from an earlier job with the same inputs); the request waits for it.
              auto& c = ctx.conn();
              auto* kind = jobs::find_kind("cases.archive");
              auto spec = kind->prepare(c, ctx.principal(), bj::object{{"case_id", ctx.id_param()}});
              spec.kind = kind->kind;
              spec.owner_user = ctx.principal().user_id;
              spec.owner_unit = ctx.principal().unit_id;
              auto j = ctx.app.queue().wait(c, ctx.app.queue().submit(c, spec).id, 10 * 60 * 1000);
              if (j.status == "failed") throw unprocessable(j.error_code, j.error);
              if (j.status != "done") throw ApiError(503, "jobs.busy", "档案还在生成中，请稍后再试");
              return stored_file(ctx, j.result_sha256, "application/pdf", j.result_name, true);
            });
  add_heavy(r, "GET", "/api/v1/case-calls/{id}/package.xlsx", "cases:case:review", "导出本单位的汇总表（附件3，Excel）", [](Ctx& ctx) {
    auto p = get_package(ctx.conn(), ctx.principal(), ctx.id_param());
    Response res;
    res.content_type = kXlsx;
    res.body = package_xlsx(ctx.app.config().data_dir + "/tmp", get_call(ctx.conn(), ctx.id_param()), p);
    res.set_header("Content-Disposition", exporting::attachment(p.review_unit_name + "_典型案例汇总表.xlsx"));
    return res;
  });
  add_heavy(r, "GET", "/api/v1/case-calls/{id}/summary.xlsx", "cases:call:update", "导出全市案例汇总（Excel：各初评单位、每个案例、状态与推荐顺序）",
            [](Ctx& ctx) {
              auto call = get_call(ctx.conn(), ctx.id_param());
              Response res;
              res.content_type = kXlsx;
              res.body = exporting::xlsx_table(ctx.app.config().data_dir + "/tmp", "全市汇总",
                                               {{"初评单位"}, {"推荐顺序", 10}, {"单位"}, {"案例名称"}, {"协同形式"}, {"聚焦主题"}, {"状态"}, {"联系人"}, {"联系电话"}, {"报送时间"}},
                                               city_summary(ctx.conn(), call.id));
              res.set_header("Content-Disposition", exporting::attachment(call.title + "_全市汇总.xlsx"));
              return res;
            });

  add("POST", "/api/v1/case-calls/{id}/package/build", "cases:case:list",
      "生成推荐材料包（后台进行；内容未变时直接返回上次生成的结果；unit_id：市教育局生成某初评单位的）", [&a](Ctx& ctx) {
        bj::object params{{"call_id", ctx.id_param()}};
        if (auto u = unit_param(ctx)) params["unit_id"] = *u;
        auto* kind = jobs::find_kind("cases.package");
        auto spec = kind->prepare(ctx.conn(), ctx.principal(), params);
        spec.kind = kind->kind;
        spec.owner_user = ctx.principal().user_id;
        spec.owner_unit = ctx.principal().unit_id;
        auto j = a.queue().submit(ctx.conn(), spec);
        return Response::json(bj::serialize(build_json(j)), j.status == "done" ? 200 : 202);
      });
  add("GET", "/api/v1/case-calls/{id}/package/build", "cases:case:list", "推荐材料包最近一次生成的情况（fresh：内容是否仍是最新）", [&a](Ctx& ctx) {
    auto& c = ctx.conn();
    auto pk = requested_package(ctx, ctx.id_param());
    auto b = a.queue().latest(c, "cases.package", package_scope(pk));
    if (!b) return Response::json(bj::serialize(bj::object{{"build", nullptr}, {"fresh", false}}));
    bool fresh = !pk.rows.empty() && b->key == package_key(c, pk) && (b->status != "done" || a.queue().usable(*b));
    return Response::json(bj::serialize(bj::object{{"build", build_json(*b)}, {"fresh", fresh}}));
  });
  add("GET", "/api/v1/case-calls/{id}/package.zip", "cases:case:list",
      "下载最近生成且仍是最新的推荐材料包（ZIP；unit_id：市教育局下载某初评单位的）", [&a](Ctx& ctx) {
        auto& c = ctx.conn();
        auto pk = requested_package(ctx, ctx.id_param());
        auto b = a.queue().latest(c, "cases.package", package_scope(pk));
        if (!b || !a.queue().usable(*b) || pk.rows.empty() || b->key != package_key(c, pk))
          throw conflict("documents.not_built", "材料包尚未生成或内容已有变化，请先点击“生成材料包”");
        return stored_file(ctx, b->result_sha256, kZip, b->result_name, true);
      });
}
}  // namespace xt::cases
