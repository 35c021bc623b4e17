// Server-side sessions: 256-bit random tokens (only their SHA-256 is stored), idle and
// absolute timeouts. Each server keeps the principal it loaded for a session and checks on
// every request, in one query, that the session still exists and that neither it (the active
// unit) nor the grants or units changed since: a logout, a unit switch or a role change on
// one server holds on all of them at once.
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
};

access::Principal load_principal(db::Conn& c, long long user_id, long long membership_id);

class Sessions {
 public:
  explicit Sessions(const Config& cfg) : cfg_(cfg) {}
  struct Created { std::string token; std::string csrf; };
  // A session never outlives the account's valid_until (if any).
  Created create(db::Conn& c, long long user_id, long long membership_id, const std::string& ip, const std::string& ua,
                 std::optional<long long> valid_until = std::nullopt);
  // The data versions read with the session check, for the request that made it.
  struct Versions { long long grants = 0, units = 0; };
  std::shared_ptr<const Resolved> resolve(db::Conn& c, const std::string& token, Versions* read = nullptr);
  void destroy(db::Conn& c, const std::string& token_hash);
  void destroy_user(db::Conn& c, long long user_id, const std::string& except_hash = {});
  void switch_membership(db::Conn& c, const std::string& token_hash, long long membership_id);
  void forget(const std::string& token_hash);
  // The session (or every session of the user) changed in what the principal holds (the
  // password-change flag, the name): every server loads it again.
  void changed(db::Conn& c, const std::string& token_hash);
  void changed_user(db::Conn& c, long long user_id);
  // After role, grant or membership changes: every server loads its principals again.
  void forget_all(db::Conn& c);
  long long idle_ms() const { return (long long)cfg_.idle_timeout_min * 60'000; }

 private:
  const Config& cfg_;
  std::mutex mu_;
  struct Entry { std::shared_ptr<Resolved> r; long long version, grants, units; };
  std::map<std::string, Entry> cache_;
  static constexpr long long kTouchMs = 60'000;
};
}  // namespace xt::auth
