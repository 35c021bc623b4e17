// The DOCX of a document, in the 公文 layout: A4 with GB/T 9704 margins, fonts and sizes per
// level from the layout, exact line spacing, first-line indent in both characters and twips,
// East Asian punctuation in the CJK font, page numbers "— N —" at the foot. No document grid
// (LibreOffice mis-renders it).
#pragma once
#include "core/docs/model.hpp"

namespace xt::docs {
std::string docx(const Document& doc, const Layout& layout);
}
