// Venue imports over HTTP: the template, and one upload (XLSX or GeoJSON) answered as a check,
// an import (only when every row passes) or the sheet back with its error column.
#include "core/app/download.hpp"
#include "core/json/json.hpp"
#include "modules/venues/imports.hpp"
#include "modules/venues/routes.hpp"
#include "modules/venues/service.hpp"

namespace xt::venues {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_import_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "venues");
  add("GET", "/api/v1/venues/import/template", kManagePerm, "下载场馆导入模板（Excel）", [](Ctx& ctx) {
    return app::xlsx_download(ctx, imports::template_file(ctx.app.tmp_dir()), "场馆导入模板.xlsx", "venues:import:template", "venue", 0);
  });
  add(
      "POST", "/api/v1/venues/import", kManagePerm,
      "导入场馆（请求体为 XLSX 或 GeoJSON；format=xlsx|geojson，crs=wgs84|gcj02|bd09，mode=check 只检查、all 全部无误才导入、errors 返回带错误说明的表格）",
      [](Ctx& ctx) {
        imports::Options o;
        auto format = ctx.req.query_param("format").value_or("xlsx");
        if (format != "xlsx" && format != "geojson") throw bad_request("request.bad_param", "format 只能是 xlsx 或 geojson", "format");
        o.geojson = format == "geojson";
        o.crs = ctx.req.query_param("crs").value_or("wgs84");
        o.file_name = ctx.req.query_param("name").value_or(o.geojson ? "venues.geojson" : "venues.xlsx");
        if (json::char_count(o.file_name) > 100) o.file_name = o.file_name.substr(0, 100);
        auto mode = ctx.req.query_param("mode").value_or("check");
        if (mode != "check" && mode != "all" && mode != "errors") throw bad_request("request.bad_param", "mode 只能是 check、all 或 errors", "mode");
        o.commit = mode == "all";
        auto v = view(ctx.conn(), ctx.app.generated());
        auto r = imports::run(ctx.conn(), ctx.caller(), *v, ctx.req.body, o);
        if (mode == "errors")
          return app::xlsx_download(ctx, imports::error_file(ctx.app.tmp_dir(), r), "场馆导入-错误说明.xlsx", "venues:import:errors", "venue", r.bad);
        if (o.commit && r.bad == 0) refresh(ctx.conn(), ctx.app.generated());
        bj::array errors;
        for (auto& row : r.rows)
          if (!row.error.empty() && errors.size() < 200) errors.push_back(bj::object{{"row", row.number}, {"message", row.error}});
        bj::object out{{"total", r.total}, {"good", r.good}, {"bad", r.bad}, {"added", r.added}, {"updated", r.updated}, {"imported", r.added + r.updated},
                       {"errors", errors}};
        if (o.commit && r.bad > 0) {  // nothing was imported: an error, with the report beside it
          out["error"] = bj::object{{"code", "import.rows_invalid"}, {"message", std::to_string(r.bad) + "行有错误，未导入任何场馆；请改正后重新上传"}};
          return Response::json(bj::serialize(out), 422);
        }
        return Response::json(bj::serialize(out));
      },
      16u << 20);
}
}  // namespace xt::venues
