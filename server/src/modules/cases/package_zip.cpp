#include "modules/cases/package_zip.hpp"

#include "core/docs/docx.hpp"
#include "core/docs/zip.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/document.hpp"
#include "modules/cases/repo.hpp"
#include "modules/cases/summary.hpp"

namespace xt::cases {

std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char ch : name)
    out += (ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' || ch == '<' || ch == '>' || ch == '|' ||
            (unsigned char)ch < 0x20)
               ? '_'
               : ch;
  return out;
}

std::string package_zip(db::Conn& c, const Package& p, const std::string& tmp_dir, const std::string& store_root) {
  auto call = get_call(c, p.call_id);
  auto layout = layout_of(call.rules.format);
  std::vector<std::pair<std::string, std::string>> entries;
  for (auto& row : p.rows) {
    auto k = repo::find_case(c, row.case_id);
    if (!k) continue;
    std::vector<std::string> partners;
    for (auto& x : k->content.partners) partners.push_back(x.name);
    auto name = std::to_string(row.rank) + "_" + row.unit + "_" + row.title;
    entries.emplace_back(safe_file_name(name) + ".docx", docs::docx(case_document(call, *k, partners), layout));
  }
  entries.emplace_back("附件3_" + safe_file_name(p.review_unit_name) + "_汇总表.xlsx",
                       exporting::xlsx_table(tmp_dir, "汇总表", {{"序号", 8}, {"单位"}, {"案例名称"}, {"联系电话"}, {"备注"}}, package_table(p)));
  entries.emplace_back("附件3_" + safe_file_name(p.review_unit_name) + "_汇总表.docx", docs::docx(package_document(call, p), layout));
  if (!p.stamp_name.empty()) {
    db::Query q("SELECT stamp_sha256 FROM case_packages WHERE call_id = ");
    q << q.bind(p.call_id) << " AND review_unit_id = " << q.bind(p.review_unit_id);
    if (auto r = c.row(q); r && !r->null(0)) {
      auto dot = p.stamp_name.rfind('.');
      auto ext = dot == std::string::npos ? (p.stamp_type == "application/pdf" ? ".pdf" : p.stamp_type == "image/png" ? ".png" : ".jpg")
                                          : p.stamp_name.substr(dot);
      entries.emplace_back("汇总表盖章扫描件" + safe_file_name(ext), files::Store(store_root).read(r->str(0)));
    }
  }
  return docs::zip_archive(entries);
}
}  // namespace xt::cases
