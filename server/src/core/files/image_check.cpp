#include "core/files/image_check.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace xt::files {
namespace {
using Bytes = std::vector<unsigned char>;

unsigned be16(const Bytes& b, size_t i) { return (unsigned)b[i] << 8 | b[i + 1]; }
uint32_t be32(const Bytes& b, size_t i) { return (uint32_t)b[i] << 24 | (uint32_t)b[i + 1] << 16 | (uint32_t)b[i + 2] << 8 | b[i + 3]; }

ImageReport damaged(const char* type) { return {false, type, "files.image_damaged", "图片文件不完整或已损坏"}; }

ImageReport check_png(const Bytes& b) {
  ImageReport r;
  r.type = "image/png";
  // Walk the chunks: IHDR first, IEND last, lengths inside the file.
  size_t i = 8;
  bool first = true;
  while (i + 12 <= b.size()) {
    uint32_t len = be32(b, i);
    std::string kind(b.begin() + (long)i + 4, b.begin() + (long)i + 8);
    if (len > b.size() || i + 12 + len > b.size()) return damaged("image/png");
    if (first) {
      if (kind != "IHDR" || len != 13) return damaged("image/png");
      r.width = (int)be32(b, i + 8);
      r.height = (int)be32(b, i + 12);
      first = false;
    }
    i += 12 + len;
    if (kind == "IEND") {
      if (r.width <= 0 || r.height <= 0) return damaged("image/png");
      r.ok = true;
      return r;
    }
  }
  return damaged("image/png");
}

ImageReport check_jpeg(const Bytes& b) {
  ImageReport r;
  r.type = "image/jpeg";
  size_t n = b.size();
  if (n < 4 || b[n - 2] != 0xFF || b[n - 1] != 0xD9) {
    // Some scanners pad after EOI; allow trailing zero bytes only.
    size_t k = n;
    while (k > 0 && b[k - 1] == 0) --k;
    if (k < 4 || b[k - 2] != 0xFF || b[k - 1] != 0xD9) return damaged("image/jpeg");
  }
  // Segments up to the first frame header (SOF0–SOF15 except DHT C4, JPG C8, DAC CC).
  size_t i = 2;
  while (i + 4 <= n) {
    if (b[i] != 0xFF) return damaged("image/jpeg");
    unsigned m = b[i + 1];
    if (m == 0xFF) { ++i; continue; }
    if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { i += 2; continue; }
    unsigned len = be16(b, i + 2);
    if (len < 2 || i + 2 + len > n) return damaged("image/jpeg");
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      if (len < 7) return damaged("image/jpeg");
      r.height = (int)be16(b, i + 5);
      r.width = (int)be16(b, i + 7);
      if (r.width <= 0 || r.height <= 0) return damaged("image/jpeg");
      r.ok = true;
      return r;
    }
    if (m == 0xDA) break;  // scan data before any frame header
    i += 2 + len;
  }
  return damaged("image/jpeg");
}
}  // namespace

ImageReport check_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (b.size() >= 8 && std::equal(png_sig, png_sig + 8, b.begin())) return check_png(b);
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return check_jpeg(b);
  return {false, "", "files.not_image", "文件不是 JPEG 或 PNG 图片"};
}
}  // namespace xt::files
