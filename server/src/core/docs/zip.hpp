// ZIP archives built in memory (DOCX parts, packages), with libzip.
#pragma once
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
// stored as is: deflating it again costs seconds and saves nothing.
void zip_file(const std::string& out_path, const std::vector<ZipEntry>& entries);
// Already-compressed content, judged by the name's extension.
bool stored_uncompressed(const std::string& name);
// Every entry of an archive (for tests and checks); throws std::runtime_error on a broken archive.
std::vector<std::pair<std::string, std::string>> unzip_archive(const std::string& bytes);
}  // namespace xt::docs
