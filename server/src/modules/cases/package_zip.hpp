// A reviewing unit's package in one ZIP: each recommended case's write-up (DOCX) named
// 序号_单位_案例名称, the summary table 附件3 (XLSX) and the stamped scan when uploaded.
#pragma once
#include "modules/cases/review.hpp"

namespace xt::cases {
std::string package_zip(db::Conn& c, const Package& p, const std::string& tmp_dir, const std::string& store_root);
// A file name with the characters Windows refuses replaced by '_'.
std::string safe_file_name(const std::string& name);
}  // namespace xt::cases
