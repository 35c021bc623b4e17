#include "core/files/names.hpp"

#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "core/text/utf8.hpp"

namespace xt::files {

void check_name(const std::string& name, const std::string& field) {
  if (name.empty()) return;
  if (!text::valid_utf8(name)) throw unprocessable("files.bad_name", "文件名含有无法识别的字符，请改名后再上传", field);
  if (json::char_count(name) > kMaxNameChars)
    throw unprocessable("request.too_long", "文件名不超过" + std::to_string(kMaxNameChars) + "字", field);
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f) throw unprocessable("files.bad_name", "文件名不能含有换行、制表等控制字符，请改名后再上传", field);
    if (std::string_view("/\\:*?\"<>|").find((char)ch) != std::string_view::npos)
      throw unprocessable("files.bad_name", "文件名不能含有 / \\ : * ? \" < > | 等字符，请改名后再上传", field);
  }
  if (name == "." || name.find("..") != std::string::npos)
    throw unprocessable("files.bad_name", "文件名不能含有“..”，请改名后再上传", field);
}
}  // namespace xt::files
