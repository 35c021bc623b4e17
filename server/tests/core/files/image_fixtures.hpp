// Tiny JPEG and PNG files with a correct structure (signature, frame header, end marker).
// Pixels are not real: the upload check does not decode them.
#pragma once
#include <string>

namespace xt::testing_image {

inline std::string be32(unsigned v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

inline std::string png(unsigned w = 1240, unsigned h = 1754) {
  std::string s = "\x89PNG\r\n\x1a\n";
  auto chunk = [&](const std::string& kind, const std::string& data) { s += be32((unsigned)data.size()) + kind + data + be32(0); };
  chunk("IHDR", be32(w) + be32(h) + std::string("\x08\x02\x00\x00\x00", 5));
  chunk("IDAT", std::string(64, '\x01'));
  chunk("IEND", "");
  return s;
}

inline std::string jpeg(unsigned w = 1240, unsigned h = 1754) {
  std::string s("\xFF\xD8", 2);
  s += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  s += std::string("\xFF\xC0\x00\x11\x08", 5) + char(h >> 8) + char(h) + char(w >> 8) + char(w) +
       std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14) + std::string(64, '\x55');
  s += std::string("\xFF\xD9", 2);
  return s;
}
}  // namespace xt::testing_image
