#include "core/docs/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace xt::docs {
QrMatrix qr_encode(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) throw std::runtime_error("qrencode: text too long for a QR code");
  QrMatrix m;
  m.size = code->width;
  m.dark.resize((size_t)m.size * m.size);
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}
}  // namespace xt::docs
