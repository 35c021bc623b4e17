// Several PDFs as one, in order, with one bookmark per part (qpdf). Parts come from memory (a
// rendered write-up) or from a file (stored evidence); a part that cannot be read throws
// MergeError naming it, so the caller can tell the user which file is at fault.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace xt::docs {
struct PdfPart {
  std::string title;  // the bookmark, e.g. "证据材料 3：家长会签到表"
  std::string bytes;  // either the PDF itself…
  std::string path;   // …or the file holding it
};

struct MergeError : std::runtime_error {
  size_t part;
  MergeError(size_t i, const std::string& what) : std::runtime_error(what), part(i) {}
};

struct Merged {
  std::string bytes;
  std::vector<int> first_pages;  // 1-based first page of each part
  int pages = 0;
};

Merged merge_pdfs(const std::vector<PdfPart>& parts, const std::string& title);
}  // namespace xt::docs
