#include "core/text/zishu.hpp"

namespace xt::text {
namespace {
bool is_space(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}
}  // namespace

size_t zishu(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = (unsigned char)s[i];
    char32_t cp;
    size_t len;
    if (b < 0x80) { cp = b; len = 1; }
    else if ((b >> 5) == 6) { cp = b & 0x1F; len = 2; }
    else if ((b >> 4) == 14) { cp = b & 0x0F; len = 3; }
    else if ((b >> 3) == 30) { cp = b & 0x07; len = 4; }
    else { ++n; ++i; continue; }  // stray byte: counts as one character
    if (i + len > s.size()) { ++n; break; }
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
    if (!is_space(cp)) ++n;
    i += len;
  }
  return n;
}
}  // namespace xt::text
