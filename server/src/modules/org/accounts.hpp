// Accounts that another module keeps for its own purpose (a city review's expert accounts): the
// module has checked its own permission, org does the writing. Every function runs inside the
// caller's transaction and records its audit row there.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"

namespace xt::org::accounts {

// A role the system keeps (like the 三员 and the business roles) that a module declares.
struct BuiltinRole {
  std::string key, name, description;
  int level = 5;
};
void register_builtin_role(const BuiltinRole& r);
const std::vector<BuiltinRole>& module_roles();

struct NewAccount {
  std::string username, display_name, phone;
  std::string password_hash;  // hashed by the caller, outside its transaction
  long long unit_id = 0;      // the person's home unit
  std::string role_key;       // the one role of that membership
  std::optional<long long> valid_until;
};
// 409 org.username_taken; 422 org.username_invalid, org.phone_invalid, org.unit_not_found.
long long create(db::Conn& c, const app::Caller& who, const NewAccount& in);

// Gives the person the role in their membership of `unit_id`, adding the membership when they
// have none there. Returns true when something changed (their sessions must reload).
bool grant_role(db::Conn& c, const app::Caller& who, long long user_id, long long unit_id, const std::string& role_key);

// Sets when the account ends (nullopt = never); an end in the past signs it out everywhere.
void set_valid_until(db::Conn& c, const app::Caller& who, long long user_id, std::optional<long long> until, long long now);

struct Person {
  long long id = 0;
  std::string username, display_name, phone, status;
  std::optional<long long> valid_until;
  std::vector<long long> unit_ids;  // of their memberships, in their order
};
bool username_taken(db::Conn& c, const std::string& username);
// People by id, deleted ones left out.
std::map<long long, Person> people(db::Conn& c, const std::vector<long long>& ids);
// Active people whose name or username holds `keyword`, with a membership in a unit, at most `limit`.
std::vector<Person> find_people(db::Conn& c, const std::string& keyword, int limit);
}  // namespace xt::org::accounts
