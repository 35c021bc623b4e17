#include "core/docs/pdf_merge.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <memory>

#include "core/files/pdf_check.hpp"

namespace xt::docs {

Merged merge_pdfs(const std::vector<PdfPart>& parts, const std::string& title) {
  QPDF out;
  out.emptyPDF();
  QPDFPageDocumentHelper dst(out);
  std::vector<std::unique_ptr<QPDF>> inputs;  // alive until written: pages are copied lazily
  Merged m;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto q = std::make_unique<QPDF>();
    q->setSuppressWarnings(true);
    // As the upload check: an ordinary xref repair for a complete file; a cut-off one is refused.
    q->setAttemptRecovery(files::pdf_looks_complete(parts[i].path, parts[i].bytes));
    try {
      if (!parts[i].path.empty())
        q->processFile(parts[i].path.c_str());
      else
        q->processMemoryFile(parts[i].title.c_str(), parts[i].bytes.data(), parts[i].bytes.size());
      auto pages = QPDFPageDocumentHelper(*q).getAllPages();
      if (pages.empty()) throw MergeError(i, "no pages");
      m.first_pages.push_back(m.pages + 1);
      for (auto& p : pages) dst.addPage(p, false);
      m.pages += (int)pages.size();
    } catch (const MergeError&) {
      throw;
    } catch (const std::exception& e) {
      throw MergeError(i, e.what());
    }
    inputs.push_back(std::move(q));
  }

  // Bookmarks: /Outlines with one item per part, each opening its first page.
  auto all = dst.getAllPages();
  auto root = out.getRoot();
  auto outlines = out.makeIndirectObject(QPDFObjectHandle::newDictionary());
  outlines.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
  std::vector<QPDFObjectHandle> items;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto item = out.makeIndirectObject(QPDFObjectHandle::newDictionary());
    item.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(parts[i].title));
    item.replaceKey("/Parent", outlines);
    auto dest = QPDFObjectHandle::newArray();
    dest.appendItem(all[(size_t)m.first_pages[i] - 1].getObjectHandle());
    dest.appendItem(QPDFObjectHandle::newName("/Fit"));
    item.replaceKey("/Dest", dest);
    if (!items.empty()) {
      item.replaceKey("/Prev", items.back());
      items.back().replaceKey("/Next", item);
    }
    items.push_back(item);
  }
  if (!items.empty()) {
    outlines.replaceKey("/First", items.front());
    outlines.replaceKey("/Last", items.back());
    outlines.replaceKey("/Count", QPDFObjectHandle::newInteger((long long)items.size()));
    root.replaceKey("/Outlines", outlines);
    root.replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
  }
  auto info = out.makeIndirectObject(QPDFObjectHandle::newDictionary());
  info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(title));
  info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString("协同 · 家校社协同育人平台"));
  out.getTrailer().replaceKey("/Info", info);

  QPDFWriter w(out);
  w.setOutputMemory();
  w.setStaticID(false);
  w.write();
  auto buf = w.getBufferSharedPointer();
  m.bytes.assign(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
  return m;
}
}  // namespace xt::docs
