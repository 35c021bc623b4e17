// Files kept in PostgreSQL, so that every server behind the proxy sees every file: a file is a
// row of stored_files and its contents rows of stored_file_chunks (1 MiB each), streamed in and
// out one chunk at a time, never held whole in memory. Readers get a local copy, fetched once
// into a cache directory on this machine (files never change under their SHA-256, so a copy
// never goes stale) and checked against its hash on the way; the cache is bounded and trimmed.
// The store talks to PostgreSQL on connections of its own, so that a request holding one of
// the pool's connections can never wait on the pool for the store.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "core/files/store.hpp"

struct pg_conn;

namespace xt::files {

class PgStore final : public Store {
 public:
  static constexpr size_t kChunkBytes = 1 << 20;
  // `url`: the PostgreSQL database (the one the server uses: its migrations make the tables);
  // `cache_dir`: this machine's copies; `cache_bytes`: the cache's upper bound.
  PgStore(std::string name, std::string url, std::string cache_dir, long long cache_bytes, int connections = 2);
  ~PgStore() override;

  bool put(const std::string& temp_path, const std::string& sha256) override;
  bool has(const std::string& sha256) const override;
  long long size(const std::string& sha256) const override;
  std::string local_path(const std::string& sha256) const override;
  void remove(const std::string& sha256) override;
  std::vector<Entry> list() const override;
  void check() const override;
  void maintain() override;
  std::string describe() const override { return "postgresql (cache " + cache_dir_ + ")"; }

  // Copies in this machine's cache now (tests and the benchmark).
  long long cached_bytes() const { return cached_bytes_.load(); }

 private:
  class Conn;
  struct Lease;
  Lease acquire() const;
  void release_conn(pg_conn* c) const;
  std::string cache_path(const std::string& sha256) const;
  bool fetch(const std::string& sha256, const std::string& dest) const;
  void trim(long long target) const;

  std::string url_, cache_dir_;
  long long cache_limit_;
  int max_conns_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable std::vector<pg_conn*> idle_;
  mutable int open_ = 0;
  mutable std::atomic<long long> cached_bytes_{0};
  mutable std::mutex trim_mu_;
};
}  // namespace xt::files
