// Summary tables as rows: the reviewing unit's 附件3 and the city-wide list of every case
// that has left its unit, for XLSX export.
#pragma once
#include "core/docs/model.hpp"
#include "modules/cases/review/service.hpp"

namespace xt::cases {
// 序号, 单位, 案例名称, 联系电话, 备注 in recommendation order.
std::vector<std::vector<std::string>> package_table(const Package& p);
// 附件3 as the official form: "校家社协同育人典型案例征集汇总表" from the call's title.
std::string summary_title(const Call& call);
// 附件3 in Excel as the official form: the 附件3 label, the title, the 公章 line with the
// contact, then the bordered table. tmp_dir: where libxlsxwriter writes.
std::string package_xlsx(const std::string& tmp_dir, const Call& call, const Package& p);
// Every submitted case of the call (drafts excluded) by reviewing unit, in recommendation order.
std::vector<std::vector<std::string>> city_summary(db::Conn& c, long long call_id);
std::string status_label(const std::string& status);
// 附件3 as a document: the 附件3 label, the title, the 公章 line with the contact, the table.
docs::Document package_document(const Call& call, const Package& p);
}  // namespace xt::cases
