// A reviewing unit's package in one ZIP: for each recommended case, in recommendation order,
// the write-up (DOCX) and the archive (PDF: write-up, 附件2 catalog, evidence) named
// 序号_单位_案例名称; the summary table 附件3 as XLSX and DOCX; the stamped scan when uploaded.
#pragma once
#include <functional>

#include "core/files/store.hpp"
#include "modules/cases/review/service.hpp"

namespace xt::cases {
// Fingerprint of everything in the package (each case's inputs, 附件3, the scan): the same key
// means the same ZIP, so a finished build can be handed out again.
std::string package_key(db::Conn& c, const Package& p);
// Writes the ZIP to out_path; progress(done, total) after each case, returning false to give up.
void package_zip(db::Conn& c, const Package& p, const files::Stores& stores, const std::string& out_path,
                 const std::function<bool(int, int)>& progress = {});
// A file name with the characters Windows refuses replaced by '_'.
std::string safe_file_name(const std::string& name);
}  // namespace xt::cases
