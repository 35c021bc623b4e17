// Document benchmark: DOCX, write-up PDF, the archive with 10 evidence PDFs of 1 MB and a
// 300-row summary XLSX, each timed warm (median and worst of N runs) against the issue's
// targets; the first render in the process (font loading) is reported on its own.
//   xietong_doc_bench [--runs N] [--out DIR]   (--out also writes the documents for checking)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <algorithm>

#include "core/docs/docx.hpp"
#include "core/docs/pdf.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/writeups/archive.hpp"
#include "modules/cases/writeups/document.hpp"
#include "modules/cases/review/summary.hpp"
#include "support/doc_samples.hpp"
#include "timing.hpp"

using namespace xt;
namespace fs = std::filesystem;

namespace {
using bench::ms_since;

template <class F>
void timed(const char* name, int runs, double target_ms, F f) {
  auto t = bench::sorted_runs(runs, f);
  double median = t[t.size() / 2], worst = t.back();
  std::printf("%-44s median %8.1f ms  worst %8.1f ms  target %6.0f ms  (median/target %.2f)\n", name, median, worst, target_ms, median / target_ms);
}

void save(const std::string& dir, const std::string& name, const std::string& bytes) {
  if (dir.empty()) return;
  std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
}
}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--out") out = argv[i + 1];
  }
  auto work = fs::temp_directory_path() / ("xt-doc-bench-" + std::to_string(::getpid()));
  fs::create_directories(work / "tmp");
  if (!out.empty()) fs::create_directories(out);

  auto call = samples::qingdao_call();
  cases::CaseFiles f;
  f.k = samples::long_case();
  std::vector<std::string> partners;
  for (auto& p : f.k.content.partners) partners.push_back(p.name);
  f.doc = cases::case_document(call, f.k, partners);
  f.layout = cases::layout_of(call.rules.format);
  files::LocalStore store("uploads", (work / "files").string());
  for (int i = 1; i <= 10; ++i) {
    cases::Evidence e;
    e.seq = i;
    e.name = i == 3 ? "活动照片（含“引号”与很长很长很长很长很长很长很长很长很长的材料名称）" : "佐证材料第" + std::to_string(i) + "份";
    e.material_date = "2024-0" + std::to_string(1 + i % 9) + "-15";
    e.remark = i % 2 ? "扫描件" : "";
    e.sha256 = store.put_bytes(samples::evidence_pdf(1 << 20, 3, (unsigned)i), (work / "tmp").string());
    f.evidence.push_back(e);
  }
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 300; ++i)
    rows.push_back({"历下区教育局", std::to_string(i % 11), "济南市第" + std::to_string(i) + "中学", "“家长学校进社区”协同育人实践第" + std::to_string(i) + "例",
                    "社区+学校", "法治教育、反诈骗", "已推荐", "王老师", "0531860" + std::to_string(10000 + i), "2024-05-20 16:30"});
  const std::vector<exporting::Column> cols = {{"初评单位"}, {"推荐顺序", 10}, {"单位"}, {"案例名称"}, {"协同形式"}, {"聚焦主题"}, {"状态"}, {"联系人"}, {"联系电话"}, {"报送时间"}};

  auto t0 = std::chrono::steady_clock::now();
  auto first = docs::pdf(f.doc, f.layout);
  std::printf("first write-up PDF in the process (font loading): %.1f ms, %d pages\n", ms_since(t0), first.pages);

  timed("DOCX, 3,000 字", runs, 10, [&] { docs::docx(f.doc, f.layout); });
  timed("write-up PDF, 3,000 字", runs, 100, [&] { docs::pdf(f.doc, f.layout); });
  timed("archive: write-up + catalog + 10 PDFs of 1 MB", runs, 300, [&] { cases::case_archive_pdf(f, store); });
  timed("summary XLSX, 300 rows", runs, 50, [&] { exporting::xlsx_table((work / "tmp").string(), "全市汇总", cols, rows); });

  if (!out.empty()) {
    save(out, "case.docx", docs::docx(f.doc, f.layout));
    save(out, "case.pdf", docs::pdf(f.doc, f.layout).bytes);
    save(out, "catalog.pdf", docs::pdf(cases::catalog_document(f.k, f.evidence), f.layout).bytes);
    auto archive = cases::case_archive_pdf(f, store);
    save(out, "archive.pdf", archive);
    auto alt_call = call;
    alt_call.rules.format.title = {"黑体", 16};
    alt_call.rules.format.body = {"宋体", 14};
    alt_call.rules.format.line_pt = 24;
    auto alt = cases::layout_of(alt_call.rules.format);
    save(out, "alt.docx", docs::docx(f.doc, alt));
    save(out, "alt.pdf", docs::pdf(f.doc, alt).bytes);
    save(out, "summary.xlsx", exporting::xlsx_table((work / "tmp").string(), "全市汇总", cols, rows));
    std::printf("archive: %.1f MB; documents written to %s\n", archive.size() / 1048576.0, out.c_str());
  }
  fs::remove_all(work);
  return 0;
}
