// A generated table answered as a download, with the export audited (who exported which rows
// under which filter): the one way modules answer "导出 Excel".
#pragma once
#include <string>

#include "core/app/app.hpp"

namespace xt::app {

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Records `action` on `type` with the row count and the query string, in a transaction of its
// own, then answers `bytes` as an attachment named `file_name`.
http::Response xlsx_download(Ctx& ctx, std::string bytes, const std::string& file_name, const std::string& action, const std::string& type,
                             long long rows);
// A file of the store as a download: attachment, nosniff (always set) and a sandbox CSP; 404
// files.missing when the store no longer has it. `generated`: from the store of generated
// documents instead of uploads.
http::Response stored_file(Ctx& ctx, const std::string& sha256, const std::string& content_type, const std::string& download_name,
                           bool generated = false);
}  // namespace xt::app
