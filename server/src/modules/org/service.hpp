// Rules of the org module: the unit tree, users and their memberships, roles and grants.
// Callable from tests without HTTP; each write is one transaction with its audit row.
#pragma once
#include <functional>

#include "core/access/access.hpp"
#include "core/app/caller.hpp"
#include "core/audit/audit.hpp"
#include "core/config/config.hpp"
#include "core/db/db.hpp"
#include "modules/org/model.hpp"
#include "modules/org/repo.hpp"

namespace xt::org {

using Caller = app::Caller;

// Other modules register checks that refuse deleting a unit they still refer to.
using UnitReferenceCheck = std::function<std::optional<std::string>(db::Conn&, long long unit_id)>;
void register_unit_reference_check(UnitReferenceCheck f);

Unit get_unit(db::Conn& c, const access::Principal& p, long long id);
Unit create_unit(db::Conn& c, const Caller& who, const UnitInput& in);
Unit update_unit(db::Conn& c, const Caller& who, long long id, const UnitInput& in);
Unit move_unit(db::Conn& c, const Caller& who, long long id, std::optional<long long> new_parent);
void delete_unit(db::Conn& c, const Caller& who, long long id);

User get_user(db::Conn& c, const access::Principal& p, long long id);
User create_user(db::Conn& c, const Caller& who, const UserInput& in, const PasswordPolicy& policy);
User update_user(db::Conn& c, const Caller& who, long long id, const std::string& display_name, const std::string& phone, const std::string& status);
User set_memberships(db::Conn& c, const Caller& who, long long id, const std::vector<MembershipInput>& ms);
void reset_password(db::Conn& c, const Caller& who, long long id, const std::string& password, const PasswordPolicy& policy);
void unlock_user(db::Conn& c, const Caller& who, long long id);
void delete_user(db::Conn& c, const Caller& who, long long id);

std::vector<Role> assignable_roles(db::Conn& c, const access::Principal& p);
Role create_role(db::Conn& c, const Caller& who, Role r);
Role update_role(db::Conn& c, const Caller& who, long long id, Role r);
void delete_role(db::Conn& c, const Caller& who, long long id);

// A module's default grant to a built-in role (applied once, see ensure_builtin).
void register_builtin_grant(const std::string& role_key, const std::string& code, const std::string& scope);

// Built-in roles and dictionaries; idempotent, run at every start.
void ensure_builtin(db::Conn& c);
void register_permissions();

std::string mask_phone(const std::string& phone);
// 422 org.username_invalid / org.phone_invalid.
void validate_username(const std::string& s);
void validate_phone(const std::string& s);
}  // namespace xt::org
