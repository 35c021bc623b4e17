// Is an uploaded file a real, readable, unencrypted PDF that runs and fetches nothing? qpdf
// opens it (magic bytes alone are not enough; an ordinary xref repair is accepted, as viewers
// do), every content stream is decoded within a size and time budget, active content is
// classified (scripts, launch, form actions, rich media, embedded files, XFA, open or page
// actions that fetch something) and each kind refused with its own code, and the resolution of
// every large image is measured where it is drawn.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace xt::files {

struct PdfWarning {
  std::string code;     // files.pdf_low_dpi, files.pdf_auto_print
  std::string message;  // Chinese
};

struct PdfReport {
  bool ok = false;
  std::string code;     // files.not_pdf, files.pdf_encrypted, files.pdf_damaged, files.pdf_javascript, …
  std::string message;  // Chinese, with how to fix it
  int pages = 0;
  int min_dpi = 0;      // lowest effective resolution of a large image where it is drawn, 0 when none
  int min_dpi_page = 0; // the page (1-based) it is on
  bool low_dpi = false; // under kLowDpi: a warning, not a refusal
  bool repaired = false;  // opened after an xref repair
  std::vector<PdfWarning> warnings;
};

struct PdfLimits {
  size_t max_decoded_bytes = 256u << 20;  // all content streams together, decoded
  double max_seconds = 20;                // decoding and measuring
};

constexpr int kLowDpi = 150;

PdfReport check_pdf(const std::string& path, const PdfLimits& limits = {});

// Does a PDF end as a complete file does (%%EOF within its last 1024 bytes)? Such a file may be
// opened with an xref repair; one without it was cut off. `path` or, when empty, `bytes`.
bool pdf_looks_complete(const std::string& path, const std::string& bytes = {});

// The warning shown for an image of min_dpi (page 0 = unknown), or none when it is fine.
std::vector<PdfWarning> dpi_warnings(int min_dpi, int page = 0);
}  // namespace xt::files
