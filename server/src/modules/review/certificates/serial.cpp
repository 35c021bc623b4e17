#include "modules/review/certificates/serial.hpp"

#include <cctype>
#include <cstdio>

namespace xt::review {

std::string make_serial(const std::string& year, int seq, const std::string& random) {
  static const char* alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // no 0/O, 1/I
  std::string tail;
  for (size_t i = 0; i < 8; ++i) tail += alphabet[(unsigned char)(random.empty() ? 0 : random[i % random.size()]) % 32];
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", seq);
  return year + "-" + buf + "-" + tail;
}

bool serial_well_formed(const std::string& s) {
  if (s.size() < 17 || s.size() > 20) return false;
  for (size_t i = 0; i < 4; ++i)
    if (!std::isdigit((unsigned char)s[i])) return false;
  if (s[4] != '-') return false;
  size_t dash = s.find('-', 5);
  if (dash == std::string::npos || dash < 8) return false;
  for (size_t i = 5; i < dash; ++i)
    if (!std::isdigit((unsigned char)s[i])) return false;
  if (s.size() - dash - 1 != 8) return false;
  for (size_t i = dash + 1; i < s.size(); ++i)
    if (!std::isalnum((unsigned char)s[i]) || std::islower((unsigned char)s[i])) return false;
  return true;
}
}  // namespace xt::review
