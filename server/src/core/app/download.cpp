#include "core/app/download.hpp"

#include "core/export/xlsx.hpp"

namespace xt::app {

http::Response xlsx_download(Ctx& ctx, std::string bytes, const std::string& file_name, const std::string& action, const std::string& type,
                             long long rows) {
  auto& c = ctx.conn();
  db::Tx tx(c, true);
  audit::Event e{action, type, ""};
  e.detail["rows"] = rows;
  e.detail["filter"] = ctx.req.query;
  ctx.audit(e);
  tx.commit();
  http::Response r;
  r.content_type = kXlsxType;
  r.body = std::move(bytes);
  r.set_header("Content-Disposition", exporting::attachment(file_name));
  return r;
}
}  // namespace xt::app
