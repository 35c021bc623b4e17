// A document as PDF, drawn with cairo + pango from the same blocks and layout as the DOCX: A4,
// GB/T 9704 margins, exact line pitch, first-line indent, justified body, "— N —" page numbers,
// bordered tables with the header row repeated on each page. CJK fonts are embedded as subsets.
#pragma once
#include <string>

#include "core/docs/model.hpp"

namespace xt::docs {
struct Pdf {
  std::string bytes;
  int pages = 0;
};

// Thread-safe; each thread keeps its own font map, so the first render on a thread loads fonts.
Pdf pdf(const Document& doc, const Layout& layout);

// Page geometry shared with the DOCX (points).
constexpr double kPageWidth = 595.3, kPageHeight = 841.9;
constexpr double kMarginTop = 104.9, kMarginBottom = 99.2, kMarginLeft = 79.35, kMarginRight = 73.7;
constexpr double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 442.25 pt = 8845 twips
}  // namespace xt::docs
