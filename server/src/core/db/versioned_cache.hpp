// Answers cached in process and checked against a database version counter (data_versions):
// a write bumps the counter inside its own transaction, so every server sees a stale entry
// at once and no answer outlives the data it was computed from. An answer is kept from the
// second time its key is asked on: a key asked once (a new filter, a page paged past) would
// only push out answers that are asked again, and copying it costs more than it saves.
#pragma once
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/db/db.hpp"

namespace xt::db {

long long data_version(Conn& c, const std::string& name);
void bump_version(Conn& c, const std::string& name);

class VersionedCache {
 public:
  explicit VersionedCache(size_t capacity = 2048) : cap_(capacity) {}
  // The answer for key at this version; a miss is remembered for put().
  std::optional<std::string> get(const std::string& key, long long version);
  // Keeps the answer when its key missed before (or is already held at an older version).
  void put(const std::string& key, long long version, const std::string& value);
  size_t size() const;

 private:
  struct Entry { long long version; std::string value; std::list<std::string>::iterator lru; };
  size_t cap_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::list<std::string> order_;  // front = most recent
  std::unordered_map<size_t, unsigned char> misses_;  // key hash → misses so far (bounded)
};
}  // namespace xt::db
