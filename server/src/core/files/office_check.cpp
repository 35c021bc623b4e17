#include "core/files/office_check.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

namespace xt::files {
namespace {
using Bytes = std::vector<unsigned char>;
uint32_t le32(const Bytes& b, size_t i) { return (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 | (uint32_t)b[i + 3] << 24; }
uint16_t le16(const Bytes& b, size_t i) { return (uint16_t)(b[i] | b[i + 1] << 8); }

OfficeReport refuse(const char* code, const char* msg) { return {false, "", "", code, msg}; }

// Names in the ZIP central directory, or empty when the archive's structure is broken.
std::vector<std::string> zip_names(const Bytes& b) {
  std::vector<std::string> names;
  if (b.size() < 22) return names;
  // The end record is within the last 64 KiB + 22 bytes (comment length).
  size_t lo = b.size() > 65557 ? b.size() - 65557 : 0;
  size_t eocd = std::string::npos;
  for (size_t i = b.size() - 22 + 1; i-- > lo;)
    if (b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x05 && b[i + 3] == 0x06) { eocd = i; break; }
  if (eocd == std::string::npos) return names;
  uint16_t count = le16(b, eocd + 10);
  uint32_t cd_size = le32(b, eocd + 12), cd_off = le32(b, eocd + 16);
  if ((size_t)cd_off + cd_size > eocd) return names;
  size_t p = cd_off;
  for (uint16_t n = 0; n < count; ++n) {
    if (p + 46 > eocd || le32(b, p) != 0x02014B50) return {};
    uint16_t nl = le16(b, p + 28), xl = le16(b, p + 30), cl = le16(b, p + 32);
    if (p + 46 + nl > eocd) return {};
    names.emplace_back(b.begin() + (long)p + 46, b.begin() + (long)p + 46 + nl);
    p += 46 + nl + xl + cl;
  }
  return names;
}
}  // namespace

OfficeReport check_office(const std::string& path, const std::string& ext) {
  std::ifstream in(path, std::ios::binary);
  Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (ext == "docx" || ext == "xlsx") {
    if (b.size() < 4 || !(b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4))
      return refuse("files.not_office", "文件不是 Word 或 Excel 文档");
    auto names = zip_names(b);
    if (names.empty()) return refuse("files.office_damaged", "文档不完整或已损坏");
    bool types = false, part = false;
    const std::string prefix = ext == "docx" ? "word/" : "xl/";
    for (auto& n : names) {
      types = types || n == "[Content_Types].xml";
      part = part || n.rfind(prefix, 0) == 0;
    }
    if (!types || !part) return refuse("files.not_office", ext == "docx" ? "文件不是 Word 文档（.docx）" : "文件不是 Excel 表格（.xlsx）");
    for (auto& n : names)
      if (n.find("vbaProject") != std::string::npos) return refuse("files.office_macro", "文档含有宏，不能上传");
    return {true,
            ext == "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ext, "", ""};
  }
  if (ext == "doc" || ext == "xls") {
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (b.size() < 1024 || !std::equal(ole, ole + 8, b.begin())) return refuse("files.not_office", "文件不是 Word 或 Excel 文档");
    if (b.size() % 512 != 0) return refuse("files.office_damaged", "文档不完整或已损坏");
    return {true, ext == "doc" ? "application/msword" : "application/vnd.ms-excel", ext, "", ""};
  }
  return refuse("files.type_not_allowed", "只能上传 PDF、Word（.docx/.doc）或 Excel（.xlsx/.xls）文件");
}
}  // namespace xt::files
