// ZIP archives built in memory (DOCX parts, packages), with libzip.
#pragma once
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace xt::docs {

// Deflated entries in the given order; names use '/' and must be unique.
std::string zip_archive(const std::vector<std::pair<std::string, std::string>>& entries);

// An entry of a ZIP file: its bytes, or the file that holds them (read while writing, so a
// large package never sits in memory whole).
struct ZipEntry {
  std::string name;
  std::string data;
  std::string path;
};
// Writes a ZIP file. Content that is compressed already (PDF, JPEG, PNG, DOCX, XLSX, ZIP) is
// stored as is: deflating it again costs seconds and saves nothing. Names are UTF-8 (flagged),
// each shortened by entry_name(); entry times are Beijing wall-clock time (ZIP keeps local
// time without a zone, and the people who open the package are in China).
void zip_file(const std::string& out_path, const std::vector<ZipEntry>& entries);
// A name every unzip can create: at most max_bytes of UTF-8 (file systems allow 255 bytes per
// name), cut at a character boundary before its extension, which is kept.
std::string entry_name(const std::string& name, size_t max_bytes = 200);
// now as the time_t whose local-time reading is Beijing's wall clock (for DOS times).
long long beijing_dos_time(long long unix_seconds);
// Already-compressed content, judged by the name's extension.
bool stored_uncompressed(const std::string& name);
// Every entry of an archive (for tests and checks); throws std::runtime_error on a broken archive.
std::vector<std::pair<std::string, std::string>> unzip_archive(const std::string& bytes);
// Only the named entries (those present), each refused when it unpacks to more than max_bytes
// (a small file that inflates to gigabytes is not read): throws std::runtime_error.
std::map<std::string, std::string> unzip_entries(const std::string& bytes, const std::set<std::string>& names, size_t max_bytes);
}  // namespace xt::docs
