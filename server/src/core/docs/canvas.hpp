// A one-page PDF of placed items (a certificate, a form): text boxes in the 公文 fonts,
// rectangles and QR codes, at positions in points from the top left. Drawn with the same cairo
// + pango set-up as the documents (fonts embedded as subsets).
#pragma once
#include <string>
#include <vector>

#include "core/docs/qr.hpp"

namespace xt::docs {
struct CanvasText {
  std::string text, font;
  double size_pt = 16, x = 0, y = 0, width = 0;  // width 0: no wrapping
  enum Align { Left, Center, Right } align = Left;
  bool bold = false;
  double line_pt = 0;     // exact line pitch; 0 = the font's
  double indent_chars = 0;
  unsigned rgb = 0x000000;
};
struct CanvasRect {
  double x = 0, y = 0, w = 0, h = 0, line_pt = 1;
  unsigned rgb = 0x000000;
};
struct CanvasQr {
  QrMatrix m;
  double x = 0, y = 0, side = 72;  // the code with its 4-module quiet zone fits `side`
};
struct Canvas {
  double width = 841.9, height = 595.3;  // A4 landscape
  std::vector<CanvasRect> rects;
  std::vector<CanvasText> texts;
  std::vector<CanvasQr> codes;
  std::string title;  // PDF metadata
};
std::string canvas_pdf(const Canvas& c);
}  // namespace xt::docs
