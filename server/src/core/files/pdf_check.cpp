#include "core/files/pdf_check.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <filesystem>
#include <fstream>
#include <set>

namespace xt::files {
namespace {
PdfReport refuse(const char* code, std::string msg) {
  PdfReport r;
  r.code = code;
  r.message = std::move(msg);
  return r;
}

// Returns the name of the first active-content entry found in a dictionary, or "".
std::string active_entry(QPDFObjectHandle dict) {
  static const std::set<std::string> keys = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/XFA", "/RichMedia"};
  for (auto& k : dict.getKeys())
    if (keys.count(k)) return k;
  if (dict.hasKey("/S") && dict.getKey("/S").isName()) {
    auto s = dict.getKey("/S").getName();
    if (s == "/JavaScript" || s == "/Launch" || s == "/ImportData" || s == "/SubmitForm") return s;
  }
  if (dict.hasKey("/Type") && dict.getKey("/Type").isName() && dict.getKey("/Type").getName() == "/EmbeddedFile") return "/EmbeddedFile";
  return "";
}

// Direct (nested) dictionaries and arrays are not separate objects: walk into them too.
std::string walk(QPDFObjectHandle h, int depth) {
  if (depth > 64) return "";
  if (h.isStream()) h = h.getDict();
  if (h.isDictionary()) {
    auto hit = active_entry(h);
    if (!hit.empty()) return hit;
    for (auto& k : h.getKeys()) {
      auto v = h.getKey(k);
      if (v.isIndirect()) continue;
      auto inner = walk(v, depth + 1);
      if (!inner.empty()) return inner;
    }
  } else if (h.isArray()) {
    for (auto& v : h.getArrayAsVector()) {
      if (v.isIndirect()) continue;
      auto inner = walk(v, depth + 1);
      if (!inner.empty()) return inner;
    }
  }
  return "";
}
}  // namespace

PdfReport check_pdf(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return refuse("files.empty", "文件为空");
  {
    std::ifstream in(path, std::ios::binary);
    std::string head(1024, '\0');
    in.read(head.data(), (std::streamsize)head.size());
    head.resize((size_t)in.gcount());
    if (head.find("%PDF-") == std::string::npos) return refuse("files.not_pdf", "不是 PDF 文件（请把材料扫描或导出为 PDF）");
  }
  PdfReport r;
  try {
    QPDF q;
    q.setSuppressWarnings(true);
    q.setAttemptRecovery(false);
    q.processFile(path.c_str());
    QPDFPageDocumentHelper pages(q);
    auto all = pages.getAllPages();
    r.pages = (int)all.size();
    if (r.pages == 0) return refuse("files.pdf_damaged", "PDF 没有任何页面");
    for (auto& obj : q.getAllObjects()) {
      auto hit = walk(obj, 0);  // every indirect object, and what it holds directly
      if (!hit.empty())
        return refuse("files.pdf_active_content", "PDF 含有脚本、自动动作或嵌入文件（" + hit.substr(1) + "），请重新导出为普通 PDF");
    }
    int min_dpi = 0;
    for (auto& page : all) {
      auto box = page.getMediaBox().getArrayAsRectangle();
      double width_in = (box.urx - box.llx) / 72.0;
      if (width_in <= 0) continue;
      for (auto& [name, image] : page.getImages()) {
        auto dict = image.getDict();
        if (!dict.hasKey("/Width") || !dict.getKey("/Width").isInteger()) continue;
        long long px = dict.getKey("/Width").getIntValue();
        long long py = dict.hasKey("/Height") && dict.getKey("/Height").isInteger() ? dict.getKey("/Height").getIntValue() : 0;
        if (px < 200 && py < 200) continue;  // icons and logos are not scans
        int dpi = (int)(px / width_in);
        if (min_dpi == 0 || dpi < min_dpi) min_dpi = dpi;
      }
    }
    r.min_dpi = min_dpi;
    r.low_dpi = min_dpi > 0 && min_dpi < 150;
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) return refuse("files.pdf_encrypted", "PDF 设置了打开密码，请去掉密码后再上传");
    return refuse("files.pdf_damaged", "PDF 文件已损坏或不完整，无法读取");
  } catch (const std::exception& e) {
    return refuse("files.pdf_damaged", "PDF 文件已损坏或不完整，无法读取");
  }
  r.ok = true;
  return r;
}
}  // namespace xt::files
