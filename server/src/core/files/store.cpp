#include "core/files/store.hpp"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/auth/password.hpp"

namespace fs = std::filesystem;

namespace xt::files {

namespace {
std::string hex_of(const unsigned char* h, unsigned len) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[h[i] >> 4];
    out += hex[h[i] & 15];
  }
  return out;
}
}  // namespace

std::string sha256_bytes(const std::string& data) {
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), h, &len, EVP_sha256(), nullptr) != 1) throw std::runtime_error("sha256 failed");
  return hex_of(h, len);
}

std::string sha256_file(const std::string& path) {
  // OpenSSL uses the CPU's SHA extensions where present (several times libsodium's speed).
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("sha256 init failed");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), (std::streamsize)buf.size());
    auto n = in.gcount();
    if (n > 0 && EVP_DigestUpdate(ctx.get(), buf.data(), (size_t)n) != 1) throw std::runtime_error("sha256 update failed");
  }
  unsigned char h[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), h, &len) != 1) throw std::runtime_error("sha256 final failed");
  return hex_of(h, len);
}

Store::Store(std::string root) : root_(std::move(root)) { fs::create_directories(root_); }

std::string Store::path_of(const std::string& sha) const {
  static const std::regex re("^[0-9a-f]{64}$");
  if (!std::regex_match(sha, re)) throw std::invalid_argument("bad file id");
  return (fs::path(root_) / sha.substr(0, 2) / sha).string();
}

bool Store::has(const std::string& sha) const { return fs::exists(path_of(sha)); }

std::string Store::put(const std::string& temp) { return put(temp, sha256_file(temp)); }

std::string Store::put(const std::string& temp, const std::string& sha) {
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

std::string Store::put_bytes(const std::string& bytes, const std::string& tmp_dir) {
  TempFile tmp(tmp_dir);
  {
    std::ofstream out(tmp.path, std::ios::binary);
    out.write(bytes.data(), (std::streamsize)bytes.size());
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.path);
  }
  return put(tmp.path);
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
