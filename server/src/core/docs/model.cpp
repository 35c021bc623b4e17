#include "core/docs/model.hpp"

#include <algorithm>

namespace xt::docs {

std::string xml_safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = (unsigned char)s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) { ++i; continue; }
    unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      unsigned char d = (unsigned char)s[i + k];
      if ((d >> 6) != 2) { ok = false; break; }
      cp = cp << 6 | (d & 0x3F);
    }
    if (!ok) { ++i; continue; }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    bool bad = overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF ||
               (cp < 0x20 && cp != '\t' && cp != '\n');
    if (!bad) out.append(s, i, len);
    i += len;
  }
  return out;
}

std::vector<std::string> paragraphs_of(const std::string& raw) {
  std::string text = xml_safe(raw);
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto line = text.substr(start, end - start);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty() || (out.empty() && end == text.size())) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::vector<double> column_shares(const Table& t) {
  double total = 0;
  for (size_t i = 0; i < t.header.size(); ++i) total += i < t.widths.size() ? t.widths[i] : 1;
  std::vector<double> shares;
  for (size_t i = 0; i < t.header.size(); ++i) shares.push_back((i < t.widths.size() ? t.widths[i] : 1) / std::max(1.0, total));
  return shares;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : xml_safe(s)) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}
}  // namespace xt::docs
