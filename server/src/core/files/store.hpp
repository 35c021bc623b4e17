// Content-addressed file store outside the web root: a file is kept once under its SHA-256.
#pragma once
#include <string>

namespace xt::files {

std::string sha256_file(const std::string& path);
std::string sha256_bytes(const std::string& data);

class Store {
 public:
  explicit Store(std::string root);
  // Moves (or copies) a checked temporary file in; returns its SHA-256. The temp file is gone after.
  std::string put(const std::string& temp_path);
  // Same, when the caller has already hashed the file with sha256_file().
  std::string put(const std::string& temp_path, const std::string& sha256);
  // Bytes made in memory (a generated document): written under tmp_dir first, then moved in.
  std::string put_bytes(const std::string& bytes, const std::string& tmp_dir);
  std::string path_of(const std::string& sha256) const;
  bool has(const std::string& sha256) const;
  std::string read(const std::string& sha256) const;

 private:
  std::string root_;
};

// A temporary upload path under dir; removed by the guard unless released.
struct TempFile {
  std::string path;
  bool keep = false;
  explicit TempFile(const std::string& dir);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};
}  // namespace xt::files
