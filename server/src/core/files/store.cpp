#include "core/files/store.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <memory>
#include <chrono>
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

namespace {
void sync_path(const std::string& path, int flags, const char* what) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error(std::string("fsync of ") + what + " " + path + " failed: " + std::strerror(err));
}
}  // namespace

void sync_file(const std::string& path) { sync_path(path, O_RDONLY, "file"); }
void sync_dir(const std::string& path) { sync_path(path, O_RDONLY | O_DIRECTORY, "directory"); }

bool valid_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

std::string Store::put_file(const std::string& temp) {
  auto sha = sha256_file(temp);
  put(temp, sha);
  return sha;
}

std::string Store::put_bytes(const std::string& bytes, const std::string& tmp_dir) {
  TempFile tmp(tmp_dir);
  {
    std::ofstream out(tmp.path, std::ios::binary);
    out.write(bytes.data(), (std::streamsize)bytes.size());
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.path);
  }
  return put_file(tmp.path);
}

std::string Store::read(const std::string& sha) const {
  std::ifstream in(local_path(sha), std::ios::binary);
  if (!in) throw std::runtime_error("stored file missing: " + sha);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

LocalStore::LocalStore(std::string name, std::string root) : Store(std::move(name)), root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) throw std::runtime_error("无法建立文件存储目录 " + root_ + "：" + ec.message());
}

std::string LocalStore::local_path(const std::string& sha) const {
  if (!valid_sha256(sha)) throw std::invalid_argument("bad file id");
  return (fs::path(root_) / sha.substr(0, 2) / sha).string();
}

bool LocalStore::has(const std::string& sha) const { return valid_sha256(sha) && fs::exists(local_path(sha)); }

long long LocalStore::size(const std::string& sha) const {
  std::error_code ec;
  auto n = fs::file_size(local_path(sha), ec);
  return ec ? -1 : (long long)n;
}

bool LocalStore::put(const std::string& temp, const std::string& sha) {
  auto dest = local_path(sha);
  auto dir = fs::path(dest).parent_path();
  std::error_code ec;
  if (!fs::exists(dir)) {
    fs::create_directories(dir);
    sync_dir(root_);  // the new directory's entry
  }
  if (fs::exists(dest)) {
    fs::remove(temp, ec);
    // Refreshed, so a sweep's grace period counts from this put.
    fs::last_write_time(dest, fs::file_time_type::clock::now(), ec);
    return false;
  }
  // Durable before it is acknowledged: the contents, then the name in its directory.
  sync_file(temp);
  fs::rename(temp, dest, ec);
  if (ec) {  // another file system: copy, then remove
    fs::copy_file(temp, dest + ".part", fs::copy_options::overwrite_existing);
    sync_file(dest + ".part");
    fs::rename(dest + ".part", dest);
    fs::remove(temp, ec);
  }
  sync_dir(dir.string());
  return true;
}

void check_writable(const std::string& dir, const std::string& what) {
  auto probe = (fs::path(dir) / (".probe-" + auth::random_token(6))).string();
  std::ofstream out(probe, std::ios::binary);
  out << "probe";
  out.flush();
  bool ok = (bool)out;
  out.close();
  std::error_code ec;
  fs::remove(probe, ec);
  if (!ok) throw std::runtime_error(what + "不可写：" + dir + "（请检查目录权限与磁盘空间）");
}

void LocalStore::check() const { check_writable(root_, "文件存储目录"); }

void LocalStore::remove(const std::string& sha) {
  std::error_code ec;
  fs::remove(local_path(sha), ec);
}

std::vector<Store::Entry> LocalStore::list() const {
  std::vector<Entry> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto name = it->path().filename().string();
    if (!valid_sha256(name)) continue;
    auto t = it->last_write_time(ec);
    if (ec) continue;
    auto sys = std::chrono::file_clock::to_sys(t);
    out.push_back({name, (long long)std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch()).count()});
  }
  return out;
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
