// Where uploaded and generated files live: addressed by their SHA-256, kept once, outside the
// web root. Store is the interface; its backends are a local directory (one machine, the
// default) and PostgreSQL (pg_store.hpp: every server sees every file). A put() returns only
// once the file is durable: a power cut right after it loses nothing.
#pragma once
#include <string>
#include <vector>

namespace xt::files {

std::string sha256_file(const std::string& path);
std::string sha256_bytes(const std::string& data);

class Store {
 public:
  // `name` tells the stores of one deployment apart ("uploads", "generated"): references and
  // pins are kept per store name.
  explicit Store(std::string name) : name_(std::move(name)) {}
  virtual ~Store() = default;
  const std::string& name() const { return name_; }

  // Moves a checked temporary file in under its SHA-256; the temporary file is gone afterwards.
  // A file already stored is kept (its stored time refreshed). True when the file is new.
  virtual bool put(const std::string& temp_path, const std::string& sha256) = 0;
  virtual bool has(const std::string& sha256) const = 0;
  // Size in bytes; -1 when the file is not stored.
  virtual long long size(const std::string& sha256) const = 0;
  // A path on this machine to read the file from (a backend that keeps files elsewhere copies
  // the file to a local cache first). The path may not exist when the file is not stored.
  virtual std::string local_path(const std::string& sha256) const = 0;
  virtual void remove(const std::string& sha256) = 0;
  struct Entry {
    std::string sha256;
    long long stored_at_ms = 0;  // the last put
  };
  virtual std::vector<Entry> list() const = 0;
  // Throws std::runtime_error with a Chinese message when the store cannot be used (a
  // directory that cannot be written, a database that cannot be reached): checked at start.
  virtual void check() const = 0;
  // Housekeeping run with the hourly sweep (a local cache trimmed).
  virtual void maintain() {}
  virtual std::string describe() const = 0;  // for logs and operator commands

  // put() after hashing the file; returns its SHA-256.
  std::string put_file(const std::string& temp_path);
  // Bytes made in memory: written under tmp_dir first, then put in.
  std::string put_bytes(const std::string& bytes, const std::string& tmp_dir);
  std::string read(const std::string& sha256) const;

 private:
  std::string name_;
};

// DATA_DIR/<name>/<2 hex>/<sha256>.
class LocalStore final : public Store {
 public:
  LocalStore(std::string name, std::string root);
  bool put(const std::string& temp_path, const std::string& sha256) override;
  bool has(const std::string& sha256) const override;
  long long size(const std::string& sha256) const override;
  std::string local_path(const std::string& sha256) const override;
  void remove(const std::string& sha256) override;
  std::vector<Entry> list() const override;
  void check() const override;
  std::string describe() const override { return "local:" + root_; }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// The stores of a deployment and where temporary files go, as a module's services need them.
struct Stores {
  Store& uploads;
  Store& generated;
  std::string tmp_dir;
};

// fsync of a file's contents, and of a directory (so that a new or renamed entry in it is
// durable). Throw std::runtime_error on failure.
void sync_file(const std::string& path);
void sync_dir(const std::string& path);
// Throws std::runtime_error ("<what>不可写：<dir>…") unless a file can be written in dir.
void check_writable(const std::string& dir, const std::string& what);

// Is this a SHA-256 as the store names files (64 lowercase hex digits)?
bool valid_sha256(const std::string& s);

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
