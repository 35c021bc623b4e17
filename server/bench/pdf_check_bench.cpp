// PDF check benchmark: what the evidence check costs now that it decodes every content
// stream and measures image placement, against opening the file and walking its objects (what
// the check did before) in the same run, on a 1 MB scan of 10 pages, a 30-page text PDF and a
// decompression bomb.
//   xietong_pdf_check_bench [--runs N]
#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/docs/pdf.hpp"
#include "core/files/pdf_check.hpp"
#include "modules/cases/writeups/document.hpp"
#include "support/doc_samples.hpp"
#include "timing.hpp"

using namespace xt;
namespace fs = std::filesystem;

namespace {
using bench::ms_since;
template <class F>
double median_ms(int runs, F f) {
  auto t = bench::sorted_runs(runs, f);
  return t[t.size() / 2];
}
void baseline(const std::string& path) {  // open and walk every object: the earlier check's work
  QPDF q;
  q.setSuppressWarnings(true);
  q.processFile(path.c_str());
  size_t n = 0;
  for (auto& o : q.getAllObjects()) n += o.isDictionary() || o.isStream();
  if (n == 0) std::puts("");
}
std::string bomb(size_t zeros) {
  std::string z;
  Pl_String out("out", nullptr, z);
  Pl_Flate fl("deflate", &out, Pl_Flate::a_deflate);
  std::string chunk(1 << 20, '\0');
  for (size_t i = 0; i < zeros; i += chunk.size()) fl.write(reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size());
  fl.finish();
  std::string body = "%PDF-1.7\n";
  std::vector<size_t> off;
  auto obj = [&](const std::string& s) { off.push_back(body.size()); body += std::to_string(off.size()) + " 0 obj\n" + s + "\nendobj\n"; };
  obj("<< /Type /Catalog /Pages 2 0 R >>");
  obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
  obj("<< /Length " + std::to_string(z.size()) + " /Filter /FlateDecode >>\nstream\n" + z + "\nendstream");
  size_t x = body.size();
  body += "xref\n0 5\n0000000000 65535 f \n";
  for (auto o : off) {
    char b[32];
    std::snprintf(b, sizeof b, "%010zu 00000 n \n", o);
    body += b;
  }
  return body + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + std::to_string(x) + "\n%%EOF\n";
}
}  // namespace

int main(int argc, char** argv) {
  int runs = 9;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
  auto dir = fs::temp_directory_path() / ("xt-pdfbench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto put = [&](const char* name, const std::string& bytes) {
    auto p = (dir / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  };
  auto call = samples::qingdao_call();
  std::vector<std::pair<const char*, std::string>> files = {
      {"scan 1 MB, 10 pages", put("scan.pdf", samples::evidence_pdf(1 << 20, 10, 7))},
      {"text, write-up PDF", put("text.pdf", docs::pdf(cases::case_document(call, samples::long_case(), {"𠮷祥社区居委会", "历下区图书馆"}),
                                                        cases::layout_of(call.rules.format)).bytes)},
  };
  std::printf("PDF check, median of %d runs (ms): open+walk (before) vs full check (now), ratio\n", runs);
  for (auto& [name, path] : files) {
    double b = median_ms(runs, [&] { baseline(path); });
    double c = median_ms(runs, [&] {
      auto r = files::check_pdf(path);
      if (!r.ok) std::printf("  refused: %s\n", r.code.c_str());
    });
    std::printf("  %-22s %8.2f  %8.2f  x%.2f  (%zu KB)\n", name, b, c, c / std::max(b, 0.001), (size_t)fs::file_size(path) / 1024);
  }
  auto bomb_path = put("bomb.pdf", bomb(1024u << 20));  // 1 GB of zeros in about 1 MB
  auto t0 = std::chrono::steady_clock::now();
  auto r = files::check_pdf(bomb_path);
  std::printf("  bomb: 1 GB deflated to %zu KB refused as %s in %.0f ms (decoding stops at the 256 MB budget)\n",
              (size_t)fs::file_size(bomb_path) / 1024, r.code.c_str(), ms_since(t0));
  fs::remove_all(dir);
  return 0;
}
