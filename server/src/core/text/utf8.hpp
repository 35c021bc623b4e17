// UTF-8 validity: text that reaches JSON, headers or the database must be well-formed.
#pragma once
#include <string>
#include <string_view>

namespace xt::text {

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);
// The text with every ill-formed sequence replaced by U+FFFD, for echoing input in a message.
std::string printable_utf8(std::string_view s);
}  // namespace xt::text
