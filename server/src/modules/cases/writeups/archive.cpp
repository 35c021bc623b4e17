#include "modules/cases/writeups/archive.hpp"

#include "core/time/time.hpp"

#include "core/files/cache.hpp"
#include "core/docs/pdf.hpp"
#include "core/docs/pdf_merge.hpp"
#include "core/files/store.hpp"
#include "modules/cases/writeups/document.hpp"

namespace xt::cases {
namespace {
// Bump when the rendering changes, so cached archives are made again.
constexpr const char* kRenderVersion = "archive-1";

void field(std::string& s, const std::string& v) {
  s += std::to_string(v.size());
  s += ':';
  s += v;
}

std::string fingerprint(const CaseFiles& f) {
  std::string s = kRenderVersion;
  auto style = [&](const docs::Style& st) {
    field(s, st.font);
    field(s, std::to_string(st.size_pt));
  };
  style(f.layout.title), style(f.layout.h1), style(f.layout.h2), style(f.layout.body);
  field(s, std::to_string(f.layout.line_pt));
  field(s, std::to_string(f.layout.indent_chars));
  for (auto& b : f.doc.blocks) {
    field(s, std::to_string((int)b.kind));
    field(s, b.text);
  }
  for (auto& e : f.evidence) {
    field(s, std::to_string(e.seq));
    field(s, e.name);
    field(s, e.material_date);
    field(s, e.remark);
    field(s, e.sha256);
  }
  return files::sha256_bytes(s);
}
}  // namespace


docs::Document catalog_document(const Case& k, const std::vector<Evidence>& evidence) {
  using docs::Kind;
  docs::Document d;
  d.title = k.title + "（案例档案目录）";
  d.blocks.push_back({Kind::Plain, "附件2"});
  d.blocks.push_back({Kind::Title, "案例档案目录"});
  d.blocks.push_back({Kind::Plain, "案例名称：" + k.title});
  d.blocks.push_back({Kind::Plain, "牵头单位：" + k.owner_unit_name});
  docs::Table t{{"序号", "材料名称", "时间", "备注"}, {9, 40, 25, 14}, {}};
  for (auto& e : evidence) t.rows.push_back({std::to_string(e.seq), e.name, time::chinese_date(e.material_date), e.remark});
  d.blocks.push_back({Kind::Table, "", t});
  if (evidence.empty()) d.blocks.push_back({Kind::Plain, "（未上传佐证材料）"});
  return d;
}

CaseFiles case_files(db::Conn& c, const Call& call, const Case& k) {
  CaseFiles f;
  f.k = k;
  std::vector<std::string> partners;
  for (auto& p : k.content.partners) partners.push_back(p.name);
  f.doc = case_document(call, k, partners);
  f.layout = layout_of(call.rules.format);
  f.evidence = evidence_of(c, k.id);
  f.key = fingerprint(f);
  return f;
}

std::string case_archive_pdf(const CaseFiles& f, files::Store& uploads) {
  std::vector<docs::PdfPart> parts;
  parts.push_back({"案例文本：" + f.k.title, docs::pdf(f.doc, f.layout).bytes, ""});
  parts.push_back({"案例档案目录", docs::pdf(catalog_document(f.k, f.evidence), f.layout).bytes, ""});
  for (auto& e : f.evidence) parts.push_back({"佐证材料" + std::to_string(e.seq) + "：" + e.name, "", uploads.local_path(e.sha256)});
  try {
    return docs::merge_pdfs(parts, f.k.title).bytes;
  } catch (const docs::MergeError& e) {
    if (e.part < 2) throw;
    auto& ev = f.evidence[e.part - 2];
    throw unprocessable("documents.evidence_unreadable", "《" + f.k.title + "》的佐证材料" + std::to_string(ev.seq) + "「" + ev.name +
                                                             "」已无法读取，请牵头单位删除后重新上传");
  }
}

std::string cached_case_archive(db::Conn& c, const CaseFiles& f, const files::Stores& stores) {
  return files::cached(c, stores.generated, stores.tmp_dir, "case:" + std::to_string(f.k.id), f.key,
                       [&] { return case_archive_pdf(f, stores.uploads); });
}
}  // namespace xt::cases
