// Server-side sessions: 256-bit random tokens (only their SHA-256 is stored), idle and
// absolute timeouts, a short in-process cache so app servers stay stateless.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/access/access.hpp"
#include "core/config/config.hpp"
#include "core/db/db.hpp"

namespace xt::auth {

struct Resolved {
  access::Principal principal;
  std::string token_hash;
  std::string csrf;
  long long last_seen_at = 0;
};

access::Principal load_principal(db::Conn& c, long long user_id, long long membership_id);

class Sessions {
 public:
  explicit Sessions(const Config& cfg) : cfg_(cfg) {}
  struct Created { std::string token; std::string csrf; };
  Created create(db::Conn& c, long long user_id, long long membership_id, const std::string& ip, const std::string& ua);
  std::shared_ptr<const Resolved> resolve(db::Database& db, const std::string& token);
  void destroy(db::Conn& c, const std::string& token_hash);
  void destroy_user(db::Conn& c, long long user_id, const std::string& except_hash = {});
  void switch_membership(db::Conn& c, const std::string& token_hash, long long membership_id);
  void forget(const std::string& token_hash);
  void forget_all();  // after role or grant changes
  long long idle_ms() const { return (long long)cfg_.idle_timeout_min * 60'000; }

 private:
  const Config& cfg_;
  std::mutex mu_;
  struct Entry { std::shared_ptr<Resolved> r; long long cached_at; };
  std::map<std::string, Entry> cache_;
  static constexpr long long kCacheMs = 5'000;
  static constexpr long long kTouchMs = 60'000;
};
}  // namespace xt::auth
