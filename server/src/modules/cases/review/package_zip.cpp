#include "modules/cases/review/package_zip.hpp"

#include <stdexcept>

#include "core/docs/docx.hpp"
#include "core/docs/zip.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/writeups/archive.hpp"
#include "modules/cases/writeups/document.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/review/summary.hpp"

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

namespace {
// Each recommended case's inputs, in the package's order.
std::vector<CaseFiles> inputs(db::Conn& c, const Call& call, const Package& p) {
  std::vector<CaseFiles> out;
  for (auto& row : p.rows) {
    auto k = repo::find_case(c, row.case_id);
    if (!k) throw std::runtime_error("推荐的案例已不存在（编号 " + std::to_string(row.case_id) + "）");
    out.push_back(case_files(c, call, *k));
  }
  return out;
}

std::string summary_text(const Package& p) {
  std::string s = "package-2|" + p.review_unit_name + "|" + p.contact_name + "|" + p.contact_phone + "|" + p.stamp_sha256 + "|" + p.stamp_name;
  for (auto& row : package_table(p))
    for (auto& cell : row) s += std::to_string(cell.size()) + ":" + cell;
  return s;
}
}  // namespace

std::string package_key(db::Conn& c, const Package& p) {
  auto call = get_call(c, p.call_id);
  std::string s = summary_text(p);
  for (auto& f : inputs(c, call, p)) s += "|" + f.key;
  return files::sha256_bytes(s);
}

void package_zip(db::Conn& c, const Package& p, const files::Stores& stores, const std::string& out_path,
                 const std::function<bool(int, int)>& progress) {
  auto call = get_call(c, p.call_id);
  auto layout = layout_of(call.rules.format);
  auto cases = inputs(c, call, p);
  int total = (int)cases.size() + 1, done = 0;
  auto step = [&] {
    if (progress && !progress(done, total)) throw std::runtime_error("服务正在停止，生成已取消");
  };
  step();
  std::vector<docs::ZipEntry> entries;
  for (size_t i = 0; i < cases.size(); ++i) {
    auto& f = cases[i];
    auto& row = p.rows[i];
    auto name = safe_file_name(std::to_string(row.rank) + "_" + row.unit + "_" + row.title);
    entries.push_back({name + ".docx", docs::docx(f.doc, layout), ""});
    entries.push_back({name + ".pdf", "", stores.generated.local_path(cached_case_archive(c, f, stores))});
    ++done;
    step();
  }
  auto unit = safe_file_name(p.review_unit_name);
  entries.push_back({"附件3_" + unit + "_汇总表.xlsx",
                     package_xlsx(stores.tmp_dir, call, p), ""});
  entries.push_back({"附件3_" + unit + "_汇总表.docx", docs::docx(package_document(call, p), layout), ""});
  if (!p.stamp_sha256.empty()) {
    auto dot = p.stamp_name.rfind('.');
    auto ext = dot == std::string::npos ? (p.stamp_type == "application/pdf" ? ".pdf" : p.stamp_type == "image/png" ? ".png" : ".jpg")
                                        : p.stamp_name.substr(dot);
    entries.push_back({"汇总表盖章扫描件" + safe_file_name(ext), "", stores.uploads.local_path(p.stamp_sha256)});
  }
  docs::zip_file(out_path, entries);
  done = total;
  step();
}
}  // namespace xt::cases
