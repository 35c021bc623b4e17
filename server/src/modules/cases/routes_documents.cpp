// HTTP routes of case documents: a case as Word and as one archive PDF, the summary tables as
// Excel, and a reviewing unit's package ZIP built in the background with progress. Every
// document is made on the document pool (Route::heavy), never on the API's threads.
#include "core/builds/builds.hpp"
#include "core/docs/docx.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/archive.hpp"
#include "modules/cases/document.hpp"
#include "modules/cases/package_zip.hpp"
#include "modules/cases/review.hpp"
#include "modules/cases/routes_common.hpp"
#include "modules/cases/summary.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
constexpr const char* kZip = "application/zip";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The package a request is about: the caller's own unit's, or (city, ?unit_id=) any unit's.
Package requested_package(Ctx& ctx, long long call_id) {
  auto& p = ctx.principal();
  if (auto u = ctx.req.query_param("unit_id"); u && !u->empty()) {
    long long unit = 0;
    try {
      unit = std::stoll(*u);
    } catch (...) {
      throw bad_request("request.bad_param", "unit_id 应为整数", "unit_id");
    }
    if (unit != p.unit_id || !p.can("cases:case:review")) {
      if (!p.can("cases:call:update")) throw forbidden("access.denied", "只有市教育局可以下载其他单位的推荐材料");
      get_call(ctx.conn(), call_id);
      return package_of(ctx.conn(), call_id, unit);
    }
  }
  if (!p.can("cases:case:review")) throw forbidden("access.denied", "没有执行此操作的权限（cases:case:review）");
  return get_package(ctx.conn(), p, call_id);
}

std::string package_scope(const Package& pk) { return "package:" + std::to_string(pk.call_id) + ":" + std::to_string(pk.review_unit_id); }

bj::object build_json(const builds::Build& b) {
  return {{"id", b.id},
          {"status", b.status},
          {"done", b.done},
          {"total", b.total},
          {"error", b.error},
          {"file_name", b.file_name},
          {"size", b.size},
          {"created_at", b.created_at},
          {"finished_at", b.finished_at ? bj::value(*b.finished_at) : bj::value(nullptr)},
          {"download_url", "/api/v1/document-builds/" + std::to_string(b.id) + "/file"}};
}

// May the principal see this build? Its requester, or whoever may request the same package.
void check_build_access(Ctx& ctx, const builds::Build& b) {
  auto& p = ctx.principal();
  if (b.requested_by == p.user_id) return;
  long long call = 0, unit = 0;
  if (std::sscanf(b.scope.c_str(), "package:%lld:%lld", &call, &unit) == 2) {
    if (p.can("cases:call:update")) return;
    if (unit == p.unit_id && p.can("cases:case:review")) return;
  }
  throw not_found("documents.build_not_found", "没有这个生成任务");
}

// A finished build whose file is still there (the generated store may have been cleared).
bool usable(app::App& a, const builds::Build& b) { return files::Store(builds::generated_root(a.config().data_dir)).has(b.sha256); }

void add_heavy(http::Router& r, const char* m, const char* path, const char* perm, const char* summary, http::Handler h) {
  http::Route route{m, path, perm, "cases", summary, 64 * 1024, std::move(h)};
  route.heavy = true;
  r.add(std::move(route));
}
}  // namespace

void register_document_routes(app::App& a) {
  auto& r = a.router();
  auto add = route_adder(r);
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
              auto& c = ctx.conn();
              auto k = get_case(c, ctx.principal(), ctx.id_param());
              auto f = case_files(c, get_call(c, k.call_id), k);
              return stored_file(ctx, cached_case_archive(c, f, ctx.app.config().data_dir), "application/pdf", document_file_name(k, "pdf"), true);
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
        auto& c = ctx.conn();
        auto pk = requested_package(ctx, ctx.id_param());
        if (pk.rows.empty()) throw unprocessable("cases.package_empty", "还没有推荐的案例");
        auto key = package_key(c, pk);
        auto name = safe_file_name(pk.review_unit_name) + "_典型案例推荐材料.zip";
        auto data_dir = a.config().data_dir;
        auto b = a.builds().request(c, "package", package_scope(pk), key, ctx.principal().user_id, name, kZip,
                                    [call = pk.call_id, unit = pk.review_unit_id, data_dir](db::Conn& conn, const builds::Progress& progress,
                                                                                            const std::string& out) {
                                      package_zip(conn, package_of(conn, call, unit), data_dir, out, progress);
                                    });
        auto res = Response::json(bj::serialize(build_json(b)), b.status == "done" ? 200 : 202);
        return res;
      });
  add("GET", "/api/v1/case-calls/{id}/package/build", "cases:case:list", "推荐材料包最近一次生成的情况（fresh：内容是否仍是最新）", [&a](Ctx& ctx) {
    auto& c = ctx.conn();
    auto pk = requested_package(ctx, ctx.id_param());
    auto b = a.builds().latest(c, "package", package_scope(pk));
    if (!b) return Response::json(bj::serialize(bj::object{{"build", nullptr}, {"fresh", false}}));
    bool fresh = !pk.rows.empty() && b->key == package_key(c, pk) && (b->status != "done" || usable(a, *b));
    return Response::json(bj::serialize(bj::object{{"build", build_json(*b)}, {"fresh", fresh}}));
  });
  add("GET", "/api/v1/case-calls/{id}/package.zip", "cases:case:list",
      "下载最近生成且仍是最新的推荐材料包（ZIP；unit_id：市教育局下载某初评单位的）", [&a](Ctx& ctx) {
        auto& c = ctx.conn();
        auto pk = requested_package(ctx, ctx.id_param());
        auto b = a.builds().latest(c, "package", package_scope(pk));
        if (!b || b->status != "done" || !usable(a, *b) || pk.rows.empty() || b->key != package_key(c, pk))
          throw conflict("documents.not_built", "材料包尚未生成或内容已有变化，请先点击“生成材料包”");
        return stored_file(ctx, b->sha256, kZip, b->file_name, true);
      });
  add("GET", "/api/v1/document-builds/{id}", "login", "文档生成任务的进度", [&a](Ctx& ctx) {
    auto b = a.builds().get(ctx.conn(), ctx.id_param());
    if (!b) throw not_found("documents.build_not_found", "没有这个生成任务");
    check_build_access(ctx, *b);
    return Response::json(bj::serialize(build_json(*b)));
  });
  add("GET", "/api/v1/document-builds/{id}/file", "login", "下载生成好的文档", [&a](Ctx& ctx) {
    auto b = a.builds().get(ctx.conn(), ctx.id_param());
    if (!b) throw not_found("documents.build_not_found", "没有这个生成任务");
    check_build_access(ctx, *b);
    if (b->status == "failed") throw conflict("documents.build_failed", "生成失败：" + b->error);
    if (b->status == "superseded") throw conflict("documents.build_superseded", "内容已有更新，这个材料包已被新生成的替代，请重新下载");
    if (b->status != "done") throw conflict("documents.build_running", "还在生成中，请稍候");
    return stored_file(ctx, b->sha256, b->content_type, b->file_name, true);
  });
}
}  // namespace xt::cases
