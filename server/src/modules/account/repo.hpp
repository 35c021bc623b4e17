// SQL of signing in and of the signed-in user's own account.
#pragma once
#include <optional>
#include <string>

#include "core/db/db.hpp"

namespace xt::account::repo {
struct LoginRow {
  long long id = 0;
  std::string password_hash, status;
  int failed_count = 0;
  std::optional<long long> locked_until;
  bool demo = false, must_change_password = false;
  std::optional<long long> valid_until;  // the account ends then (a review expert's)
};
// The active (not deleted) user with this username.
std::optional<LoginRow> find_login(db::Conn& c, const std::string& username);
// One more failed password; with lock_until the count restarts and the account is locked.
// One more failed password, counted in the row itself (parallel failures all count, on any
// server): the `lock_after`-th locks the account until `lock_until` and starts the count
// again; while locked, nothing is counted. Returns the account's locked_until afterwards.
std::optional<long long> record_failure(db::Conn& c, long long user_id, int lock_after, long long lock_until, long long now);
void record_login(db::Conn& c, long long user_id, long long now);

struct FirstMembership {
  long long membership_id = 0, unit_id = 0;
  std::string unit_name;
};
// The membership a new session starts in: the first by sort order in a unit not deleted.
std::optional<FirstMembership> first_membership(db::Conn& c, long long user_id);
// Does the user hold this membership (in a unit not deleted)?
bool holds_membership(db::Conn& c, long long user_id, long long membership_id);
std::optional<std::string> password_hash(db::Conn& c, long long user_id);
std::string phone_of(db::Conn& c, long long user_id);
}  // namespace xt::account::repo
