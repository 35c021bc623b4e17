#include "core/text/phone.hpp"

#include <regex>

namespace xt::text {
bool looks_like_phone(const std::string& raw) {
  std::string s;
  for (char ch : raw)
    if (ch != ' ') s += ch;
  static const std::regex mobile(R"(^(\+?86-?)?1[3-9]\d{9}$)");
  static const std::regex landline(R"(^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$)");
  static const std::regex service(R"(^[48]00-?\d{3}-?\d{4}$)");
  return std::regex_match(s, mobile) || std::regex_match(s, landline) || std::regex_match(s, service);
}
}  // namespace xt::text
