#include "core/files/pdf_check.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/files/pdf_active.hpp"
#include "core/files/pdf_content.hpp"

namespace xt::files {
namespace {
constexpr const char* kResave = "。请用 WPS 或浏览器打开后“另存为 PDF”（或“打印”为 PDF），再上传";

PdfReport refuse(const char* code, std::string msg) {
  PdfReport r;
  r.code = code;
  r.message = std::move(msg);
  return r;
}
}  // namespace

bool pdf_looks_complete(const std::string& path, const std::string& bytes) {
  std::string tail;
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    auto size = (long long)in.tellg();
    if (size <= 0) return false;
    auto n = std::min<long long>(size, 1024);
    in.seekg(size - n);
    tail.resize((size_t)n);
    in.read(tail.data(), n);
    tail.resize((size_t)in.gcount());
  } else {
    tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  }
  return tail.find("%%EOF") != std::string::npos;
}

std::vector<PdfWarning> dpi_warnings(int min_dpi, int page) {
  if (min_dpi <= 0 || min_dpi >= kLowDpi) return {};
  std::string where = page > 0 ? "第" + std::to_string(page) + "页的" : "";
  return {{"files.pdf_low_dpi", where + "扫描图像清晰度约 " + std::to_string(min_dpi) + " dpi，低于 " + std::to_string(kLowDpi) +
                                    " dpi，打印或放大后可能看不清；有原件的，建议按 300 dpi 重新扫描"}};
}

PdfReport check_pdf(const std::string& path, const PdfLimits& limits) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return refuse("files.empty", "文件为空");
  {
    std::ifstream in(path, std::ios::binary);
    std::string head(1024, '\0');
    in.read(head.data(), (std::streamsize)head.size());
    head.resize((size_t)in.gcount());
    if (head.find("%PDF-") == std::string::npos) return refuse("files.not_pdf", "不是 PDF 文件（请把材料扫描或导出为 PDF）");
    // A complete file ends with %%EOF (a little trailing junk is common); without it the file
    // was cut off, and a repair would only hide lost pages.
    if (!pdf_looks_complete(path))
      return refuse("files.pdf_damaged", std::string("PDF 文件不完整（可能下载或复制时中断），无法读取") + kResave);
  }
  PdfReport r;
  try {
    QPDF q;
    q.setSuppressWarnings(true);
    q.setAttemptRecovery(true);  // an ordinary xref repair, as every viewer does
    q.processFile(path.c_str());
    r.repaired = !q.getWarnings().empty();
    auto all = QPDFPageDocumentHelper(q).getAllPages();
    r.pages = (int)all.size();
    if (r.pages == 0) return refuse("files.pdf_damaged", std::string("PDF 没有任何页面") + kResave);

    auto active = find_active_content(q);
    if (!active.code.empty()) return refuse(active.code.c_str(), active.message);
    if (active.auto_print) r.warnings.push_back({"files.pdf_auto_print", "PDF 打开时会自动弹出打印；不影响上传，审阅时可能先弹出打印窗口"});

    DecodeBudget budget{limits.max_decoded_bytes, std::chrono::steady_clock::now() +
                                                      std::chrono::milliseconds((long long)(limits.max_seconds * 1000))};
    switch (decode_all_content(q, budget)) {
      case DecodeResult::ok: break;
      case DecodeResult::damaged:
        return refuse("files.pdf_damaged", std::string("PDF 的页面内容已损坏，无法完整显示") + kResave);
      case DecodeResult::too_large:
      case DecodeResult::too_slow:
        return refuse("files.pdf_too_complex", std::string("PDF 的页面内容解压后过大或过于复杂，无法检查") + kResave);
    }
    auto dpi = lowest_image_dpi(q, budget);
    r.min_dpi = dpi.min_dpi;
    r.min_dpi_page = dpi.page;
    r.low_dpi = dpi.min_dpi > 0 && dpi.min_dpi < kLowDpi;
    for (auto& w : dpi_warnings(dpi.min_dpi, dpi.page)) r.warnings.push_back(w);
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) return refuse("files.pdf_encrypted", "PDF 设置了打开密码，请去掉密码后再上传");
    return refuse("files.pdf_damaged", std::string("PDF 文件已损坏或不完整，无法读取") + kResave);
  } catch (const std::exception&) {
    return refuse("files.pdf_damaged", std::string("PDF 文件已损坏或不完整，无法读取") + kResave);
  }
  r.ok = true;
  return r;
}
}  // namespace xt::files
