// Is an uploaded file a real, readable, unencrypted PDF without active content? qpdf opens it
// (magic bytes alone are not enough) and every object is walked for scripts, launch and
// open actions, additional actions, embedded files and XFA.
#pragma once
#include <string>

namespace xt::files {

struct PdfReport {
  bool ok = false;
  std::string code;     // e.g. files.not_pdf, files.pdf_encrypted, files.pdf_damaged, files.pdf_active_content
  std::string message;  // Chinese
  int pages = 0;
  int min_dpi = 0;      // lowest estimated resolution of a page-sized image, 0 when none
  bool low_dpi = false; // under 150 dpi: a warning, not a refusal
};

PdfReport check_pdf(const std::string& path);
}  // namespace xt::files
