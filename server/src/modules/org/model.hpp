// Plain structs of the org module: units, users, memberships, roles.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::org {

struct Unit {
  long long id = 0;
  std::optional<long long> parent_id;
  std::string code, name, type;
  std::optional<std::string> school_stage;
  bool city_affiliated = false;
  int sort = 0;
  std::string status = "active";
  bool has_children = false;
  long long creator_id = 0;
  std::string path;  // names from the root, " / "-joined
};

struct UnitInput {
  std::optional<long long> parent_id;
  std::string code, name, type;
  std::optional<std::string> school_stage;
  bool city_affiliated = false;
  int sort = 0;
  std::string status = "active";
};

struct UnitFilter {
  std::string keyword, type, status;
  std::optional<long long> parent_id;  // 0 = the top units visible to the caller
};

struct RoleRef { long long id = 0; std::string key, name; };

struct Membership {
  long long id = 0;
  long long unit_id = 0;
  std::string unit_name, unit_type, post;
  std::vector<RoleRef> roles;
};

struct MembershipInput {
  long long unit_id = 0;
  std::string post;
  std::vector<long long> role_ids;
};

struct User {
  long long id = 0;
  std::string username, display_name, phone, status;
  bool locked = false, must_change_password = false, is_demo = false;
  std::optional<long long> last_login_at;
  long long created_at = 0;
  std::vector<Membership> memberships;
};

struct UserInput {
  std::string username, display_name, phone, password;
  std::vector<MembershipInput> memberships;
};

struct UserFilter {
  std::string keyword, status;
  std::optional<long long> unit_id;
};

struct Grant { std::string code, scope; };

struct Role {
  long long id = 0;
  std::string key, name, category = "business", description;
  int level = 0;
  bool builtin = false;
  std::vector<Grant> permissions;
  std::vector<long long> custom_unit_ids;
};

inline bool is_admin_category(const std::string& c) { return c == "system" || c == "security" || c == "audit"; }
}  // namespace xt::org
