#include "core/db/versioned_cache.hpp"

namespace xt::db {

long long data_version(Conn& c, const std::string& name) {
  Query q("SELECT version FROM data_versions WHERE name = ");
  q << q.bind(name);
  return c.scalar(q);
}

void bump_version(Conn& c, const std::string& name) {
  Query q("UPDATE data_versions SET version = version + 1 WHERE name = ");
  q << q.bind(name);
  c.exec(q);
}

std::optional<std::string> VersionedCache::get(const std::string& key, long long version) {
  std::lock_guard l(mu_);
  auto it = map_.find(key);
  if (it == map_.end() || it->second.version != version) {
    if (it == map_.end()) {
      if (misses_.size() >= 4 * cap_) misses_.clear();
      auto& n = misses_[std::hash<std::string>{}(key)];
      if (n < 255) ++n;
    }
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second.lru);
  return it->second.value;
}

void VersionedCache::put(const std::string& key, long long version, const std::string& value) {
  std::lock_guard l(mu_);
  auto it = map_.find(key);
  if (it != map_.end()) {
    it->second.version = version;
    it->second.value = value;
    order_.splice(order_.begin(), order_, it->second.lru);
    return;
  }
  auto h = std::hash<std::string>{}(key);
  auto m = misses_.find(h);
  if (m == misses_.end() || m->second < 2) return;  // asked once so far
  misses_.erase(m);
  order_.push_front(key);
  map_.emplace(key, Entry{version, value, order_.begin()});
  while (map_.size() > cap_) {
    map_.erase(order_.back());
    order_.pop_back();
  }
}

size_t VersionedCache::size() const {
  std::lock_guard l(mu_);
  return map_.size();
}
}  // namespace xt::db
