// Is an uploaded file a whole JPEG or PNG image? Checks the signature, reads the dimensions
// from the frame header (JPEG SOFn, PNG IHDR) and requires the end marker (JPEG EOI, PNG
// IEND), so a renamed or truncated file is refused. Pixels are not decoded.
#pragma once
#include <string>

namespace xt::files {

struct ImageReport {
  bool ok = false;
  std::string type;     // image/jpeg or image/png
  std::string code;     // files.not_image, files.image_damaged
  std::string message;  // Chinese
  int width = 0, height = 0;
};

ImageReport check_image(const std::string& path);
}  // namespace xt::files
