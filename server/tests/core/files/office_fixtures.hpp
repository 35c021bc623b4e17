// Minimal OOXML documents (stored ZIP entries with a correct central directory) and an OLE2
// header, for upload checks. Contents are not meant to open in Word.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xt::testing_office {

inline void le16(std::string& s, unsigned v) { s += char(v & 0xFF); s += char((v >> 8) & 0xFF); }
inline void le32(std::string& s, uint32_t v) { for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xFF); }

// A ZIP with the given (name, data) entries, stored without compression (CRC left 0).
inline std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, cd;
  for (auto& [name, data] : entries) {
    uint32_t off = (uint32_t)out.size();
    le32(out, 0x04034B50); le16(out, 20); le16(out, 0); le16(out, 0); le16(out, 0); le16(out, 0);
    le32(out, 0); le32(out, (uint32_t)data.size()); le32(out, (uint32_t)data.size());
    le16(out, (unsigned)name.size()); le16(out, 0);
    out += name + data;
    le32(cd, 0x02014B50); le16(cd, 20); le16(cd, 20); le16(cd, 0); le16(cd, 0); le16(cd, 0); le16(cd, 0);
    le32(cd, 0); le32(cd, (uint32_t)data.size()); le32(cd, (uint32_t)data.size());
    le16(cd, (unsigned)name.size()); le16(cd, 0); le16(cd, 0); le16(cd, 0); le16(cd, 0); le32(cd, 0); le32(cd, off);
    cd += name;
  }
  uint32_t cd_off = (uint32_t)out.size();
  out += cd;
  le32(out, 0x06054B50); le16(out, 0); le16(out, 0); le16(out, (unsigned)entries.size()); le16(out, (unsigned)entries.size());
  le32(out, (uint32_t)cd.size()); le32(out, cd_off); le16(out, 0);
  return out;
}

inline std::string docx() { return zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}}); }
inline std::string xlsx() { return zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}); }
inline std::string docm() {
  return zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}, {"word/vbaProject.bin", "macro"}});
}
inline std::string ole(size_t sectors = 4) {
  std::string s("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  s.resize(512 * sectors, '\0');
  return s;
}
}  // namespace xt::testing_office
