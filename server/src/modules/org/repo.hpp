// SQL of the org module. Every list takes its data-scope predicate from core/access.
#pragma once
#include <map>
#include <utility>

#include "core/access/access.hpp"
#include "core/app/app.hpp"
#include "core/db/db.hpp"
#include "modules/org/model.hpp"

namespace xt::org::repo {

// units
std::optional<Unit> find_unit(db::Conn& c, long long id);
std::optional<long long> unit_id_by_code(db::Conn& c, const std::string& code);
// Every unit, deleted ones included (flagged), without paths or has_children, by id.
std::vector<std::pair<Unit, bool>> all_units(db::Conn& c);
// Ids of the live units the caller sees under perm; `unit_only`: judged on the unit column alone.
std::vector<long long> visible_unit_ids(db::Conn& c, const access::Principal& p, const std::string& perm, bool unit_only);
// Active units whose name holds the keyword: exact names first, then names starting with it.
std::vector<DirectoryEntry> directory(db::Conn& c, const std::string& keyword, const std::string& type, int limit);
std::vector<Unit> children(db::Conn& c, const access::Principal& p, long long parent_id);
long long insert_unit(db::Conn& c, const UnitInput& in, long long creator_id);
void update_unit(db::Conn& c, long long id, const UnitInput& in);
void move_unit(db::Conn& c, long long id, std::optional<long long> new_parent, long long by);
void soft_delete_unit(db::Conn& c, long long id);
long long count_children(db::Conn& c, long long id);
long long count_unit_members(db::Conn& c, long long id);
std::string unit_path(db::Conn& c, long long id);
boost::json::array unit_history(db::Conn& c, long long id);

// users
std::optional<User> find_user(db::Conn& c, long long id);
std::optional<long long> user_id_by_username(db::Conn& c, const std::string& username);
// Users whose username or name holds the keyword (deleted ones included: the audit trail
// outlives accounts), at most `limit`.
std::vector<long long> user_ids_matching(db::Conn& c, const std::string& keyword, int limit);
// Names for the audit viewer: "姓名（用户名）", role names, unit names, "单位 · 岗位".
std::map<std::string, std::string> user_names(db::Conn& c, const std::vector<long long>& ids);
std::map<std::string, std::string> role_names(db::Conn& c, const std::vector<long long>& ids);
std::map<std::string, std::string> unit_names(db::Conn& c, const std::vector<long long>& ids);
std::map<std::string, std::string> membership_names(db::Conn& c, const std::vector<long long>& ids);
std::pair<std::vector<User>, long long> list_users(db::Conn& c, const access::Principal& p, const std::string& perm, const UserFilter& f, const app::Page& pg);
long long insert_user(db::Conn& c, const UserInput& in, const std::string& hash, long long owner_unit, long long creator, bool must_change, bool demo);
void update_user(db::Conn& c, long long id, const std::string& display_name, const std::string& phone, const std::string& status);
void set_password(db::Conn& c, long long id, const std::string& hash, bool must_change);
std::vector<std::string> recent_password_hashes(db::Conn& c, long long id, int n);
void soft_delete_user(db::Conn& c, long long id);
void unlock_user(db::Conn& c, long long id);
void replace_memberships(db::Conn& c, long long user_id, const std::vector<MembershipInput>& ms);
std::vector<Membership> memberships_of(db::Conn& c, long long user_id);
// The permission codes the roles of one membership carry (for notices of a unit not active now).
std::vector<std::string> permission_codes_of_membership(db::Conn& c, long long membership_id);
int max_role_level_of_user(db::Conn& c, long long user_id);
// units of a user's memberships
std::vector<long long> member_units(db::Conn& c, long long user_id);

// roles
std::vector<Role> list_roles(db::Conn& c);
std::optional<Role> find_role(db::Conn& c, long long id);
std::optional<Role> find_role_by_key(db::Conn& c, const std::string& key);
long long insert_role(db::Conn& c, const Role& r);
void update_role(db::Conn& c, const Role& r);
void delete_role(db::Conn& c, long long id);
long long count_role_members(db::Conn& c, long long id);
// Users holding the role in any of their memberships, with the codes of every other role they hold.
std::vector<std::pair<long long, std::vector<std::string>>> holders_and_their_other_codes(db::Conn& c, long long role_id);
// Signs the user out everywhere (disabled, or the password was reset).
void delete_sessions_of(db::Conn& c, long long user_id);
// A permission the system grants to a built-in role once (an administrator may take it away later).
bool builtin_grant_applied(db::Conn& c, const std::string& role_key, const std::string& perm);
void grant_if_missing(db::Conn& c, long long role_id, const std::string& perm, const std::string& scope);
void mark_builtin_grant_applied(db::Conn& c, const std::string& role_key, const std::string& perm);
}  // namespace xt::org::repo
