#include "core/files/store.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/auth/password.hpp"

namespace fs = std::filesystem;

namespace xt::files {

std::string sha256_file(const std::string& path) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), (std::streamsize)buf.size());
    auto n = in.gcount();
    if (n > 0) crypto_hash_sha256_update(&st, (const unsigned char*)buf.data(), (unsigned long long)n);
  }
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, h);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

Store::Store(std::string root) : root_(std::move(root)) { fs::create_directories(root_); }

std::string Store::path_of(const std::string& sha) const {
  static const std::regex re("^[0-9a-f]{64}$");
  if (!std::regex_match(sha, re)) throw std::invalid_argument("bad file id");
  return (fs::path(root_) / sha.substr(0, 2) / sha).string();
}

bool Store::has(const std::string& sha) const { return fs::exists(path_of(sha)); }

std::string Store::put(const std::string& temp) {
  auto sha = sha256_file(temp);
  auto dest = path_of(sha);
  fs::create_directories(fs::path(dest).parent_path());
  std::error_code ec;
  if (fs::exists(dest)) {
    fs::remove(temp, ec);
    return sha;
  }
  fs::rename(temp, dest, ec);
  if (ec) {  // another file system: copy, then remove
    fs::copy_file(temp, dest + ".part", fs::copy_options::overwrite_existing);
    fs::rename(dest + ".part", dest);
    fs::remove(temp, ec);
  }
  return sha;
}

std::string Store::read(const std::string& sha) const {
  std::ifstream in(path_of(sha), std::ios::binary);
  if (!in) throw std::runtime_error("stored file missing: " + sha);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TempFile::TempFile(const std::string& dir) {
  fs::create_directories(dir);
  path = (fs::path(dir) / ("upload-" + auth::random_token(12))).string();
}

TempFile::~TempFile() {
  if (keep) return;
  std::error_code ec;
  fs::remove(path, ec);
}
}  // namespace xt::files
