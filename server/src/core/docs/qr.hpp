// QR codes (libqrencode): the module matrix of a text, to draw in a document.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace xt::docs {
struct QrMatrix {
  int size = 0;                 // modules per side (without the quiet zone)
  std::vector<uint8_t> dark;    // size × size, row by row: 1 = dark
  bool at(int x, int y) const { return dark[(size_t)y * size + x] != 0; }
};
// Error correction level M, 8-bit mode. Throws std::runtime_error when the text does not fit.
QrMatrix qr_encode(const std::string& text);
}  // namespace xt::docs
