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
}  // namespace xt::app
