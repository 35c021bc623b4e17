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
http::Response stored_file(Ctx& ctx, const std::string& sha256, const std::string& content_type, const std::string& download_name,
                           bool generated) {
  auto& store = generated ? ctx.app.generated() : ctx.app.uploads();
  if (!store.has(sha256)) throw not_found("files.missing", "文件已不存在，请联系上传单位重新上传");
  http::Response res;
  res.content_type = content_type;
  res.file = store.local_path(sha256);
  res.set_header("Content-Disposition", exporting::attachment(download_name));
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  return res;
}
}  // namespace xt::app
