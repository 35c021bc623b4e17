// SQL of module-kept accounts (see accounts.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/org/accounts.hpp"

namespace xt::org::accounts_repo {
std::optional<long long> membership_in(db::Conn& c, long long user_id, long long unit_id);
long long add_membership(db::Conn& c, long long user_id, long long unit_id, long long now);
// false when the membership already had the role.
bool add_role(db::Conn& c, long long membership_id, long long role_id);
void set_valid_until(db::Conn& c, long long user_id, std::optional<long long> until, long long now);
std::vector<accounts::Person> people(db::Conn& c, const std::vector<long long>& ids);
std::vector<accounts::Person> find_people(db::Conn& c, const std::string& keyword, int limit);
}  // namespace xt::org::accounts_repo
