// Active content in a PDF, by what it does: what runs or fetches something is refused, what
// only moves the reader inside the document is accepted. Used by check_pdf.
#pragma once
#include <qpdf/QPDF.hh>

#include <string>

namespace xt::files {

struct ActiveFinding {
  std::string code;     // "" = nothing refused
  std::string message;  // Chinese, what it is and how to fix it
  bool auto_print = false;  // an open or page action that prints: a warning only
};

ActiveFinding find_active_content(QPDF& q);
}  // namespace xt::files
