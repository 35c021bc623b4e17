// Does a string read as a telephone number in China: a mobile (11 digits, optionally +86), a
// landline with or without its area code and an extension (0531-86001234-123), or a 400/800
// service number? Spaces are ignored.
#pragma once
#include <string>

namespace xt::text {
bool looks_like_phone(const std::string& s);
constexpr const char* kPhoneHint = "手机号为11位数字，固定电话写作“区号-号码”，如 0531-86001234";
}  // namespace xt::text
