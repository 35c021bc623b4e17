// 字数 as the platform counts it: Unicode code points excluding whitespace. The same rule is
// implemented in web/src/utils/zishu.ts; both are tested on server/tests/vectors/zishu.json.
#pragma once
#include <cstddef>
#include <string_view>

namespace xt::text {
size_t zishu(std::string_view utf8);
inline constexpr const char* kZishuRule = "字数按字符计，不计空格、换行等空白字符；标点、字母、数字各计1字";
}  // namespace xt::text
