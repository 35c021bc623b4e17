// ZIP archives built in memory (DOCX parts, packages), with libzip.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace xt::docs {

// Deflated entries in the given order; names use '/' and must be unique.
std::string zip_archive(const std::vector<std::pair<std::string, std::string>>& entries);
// Every entry of an archive (for tests and checks); throws std::runtime_error on a broken archive.
std::vector<std::pair<std::string, std::string>> unzip_archive(const std::string& bytes);
}  // namespace xt::docs
