// HTTP routes of the Excel imports: the templates, and one upload answered as a check, an
// import (all rows or only the good ones) or the file back with its error column.
#include "modules/alliance/imports/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/app/download.hpp"
#include "core/export/xlsx.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/imports/service.hpp"
#include "modules/org/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
constexpr size_t kImportBytes = 16u << 20;

imports::Mode mode_of(Ctx& ctx, bool& errors_file) {
  auto m = ctx.req.query_param("mode").value_or("check");
  errors_file = m == "errors";
  if (m == "check" || m == "errors") return imports::Mode::Check;
  if (m == "all") return imports::Mode::All;
  if (m == "good") return imports::Mode::Good;
  throw bad_request("request.bad_param", "mode 只能是 check、all、good 或 errors", "mode");
}

Response answer(Ctx& ctx, const imports::Result& r, bool errors_file, const char* sheet, const char* file) {
  if (errors_file)
    return app::xlsx_download(ctx, imports::error_file(ctx.app.tmp_dir(), sheet, r.table), file, "alliance:import:errors", "alliance", r.summary.bad);
  bj::array errors;
  for (auto& row : r.table.rows)
    if (!row.error.empty() && errors.size() < 200) errors.push_back(bj::object{{"row", row.number}, {"message", row.error}});
  return Response::json(bj::serialize(bj::object{{"total", r.summary.total},
                                                 {"good", r.summary.good},
                                                 {"bad", r.summary.bad},
                                                 {"imported", r.summary.imported},
                                                 {"errors", errors}}));
}
}  // namespace

void register_import_permissions() {
  access::register_permission({imports::kImportPerm, "导入所辖学校的校级教联体（Excel）", "alliance", "家校社协同育人教联体"});
  org::register_builtin_grant("city_staff", imports::kImportPerm, "all");
  org::register_builtin_grant("district_staff", imports::kImportPerm, "subtree");
}

void register_import_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "alliance");
  add("GET", "/api/v1/alliance/imports/alliances/template", imports::kImportPerm, "下载校级教联体导入模板（学校、成员单位下拉）", [](Ctx& ctx) {
    auto bytes = imports::alliance_template(ctx.conn(), ctx.principal(), ctx.app.tmp_dir());
    return app::xlsx_download(ctx, std::move(bytes), "校级教联体导入模板.xlsx", "alliance:import:template", "alliance", 0);
  });
  add(
      "POST", "/api/v1/alliance/imports/alliances", imports::kImportPerm,
      "导入校级教联体（请求体为 XLSX；mode=check 只检查，all 全部无误才导入，good 只导入无误的，errors 返回带错误说明的文件）",
      [](Ctx& ctx) {
        bool errors_file = false;
        auto mode = mode_of(ctx, errors_file);
        auto r = imports::import_alliances(ctx.conn(), ctx.caller(), ctx.req.body, mode);
        return answer(ctx, r, errors_file, "校级教联体", "校级教联体导入-错误说明.xlsx");
      },
      kImportBytes);
  add("GET", "/api/v1/alliance/imports/activities/template", kActivityRecordPerm, "下载活动导入模板（活动类型、合作单位下拉）", [](Ctx& ctx) {
    auto bytes = imports::activity_template(ctx.conn(), ctx.principal(), ctx.app.tmp_dir());
    return app::xlsx_download(ctx, std::move(bytes), "活动导入模板.xlsx", "alliance:import:template", "alliance_activity", 0);
  });
  add(
      "POST", "/api/v1/alliance/imports/activities", kActivityRecordPerm,
      "导入本单位组织的活动（请求体为 XLSX；mode 同上）",
      [](Ctx& ctx) {
        bool errors_file = false;
        auto mode = mode_of(ctx, errors_file);
        auto r = imports::import_activities(ctx.conn(), ctx.caller(), ctx.req.body, mode);
        return answer(ctx, r, errors_file, "活动", "活动导入-错误说明.xlsx");
      },
      kImportBytes);
}
}  // namespace xt::alliance
