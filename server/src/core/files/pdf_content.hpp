// The content of a PDF's pages: every content stream decoded within a budget (damaged or
// bomb-like streams are found here, not later in the case archive), and the effective
// resolution of each large image from the matrix it is drawn with, form XObjects included.
#pragma once
#include <qpdf/QPDF.hh>

#include <chrono>
#include <cstddef>
#include <string>

namespace xt::files {

struct DecodeBudget {
  size_t max_bytes = 0;
  std::chrono::steady_clock::time_point deadline;
  size_t used = 0;
};

enum class DecodeResult { ok, damaged, too_large, too_slow };

// Decodes every page content stream and every form XObject stream.
DecodeResult decode_all_content(QPDF& q, DecodeBudget& budget);

struct DpiResult {
  int min_dpi = 0;  // 0 = no large image
  int page = 0;     // 1-based
};

// Lowest effective dpi of an image that covers at least a tenth of its page and is not an icon.
DpiResult lowest_image_dpi(QPDF& q, const DecodeBudget& budget);
}  // namespace xt::files
