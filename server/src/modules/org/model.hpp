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

// One entry of the unit directory every signed-in user may search (partner pickers): names and
// types only, no people, no contacts.
struct DirectoryEntry {
  long long id = 0;
  std::string name, type, district;  // district: the nearest district bureau above, "" for city level
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

// The 三员 duties that permission codes carry. Reading the audit log goes with nothing else;
// managing accounts (系统管理员) and managing roles (安全管理员) do not go together; granting
// roles goes with either of those two but never with the audit log. The rule holds for one
// role and for everything one person holds, whatever role names are used.
struct Duties {
  bool audit = false, account = false, security = false, grant = false;
  void add(const std::string& code) {
    audit |= code.rfind("sys:audit:", 0) == 0;
    account |= code == "org:user:create" || code == "org:user:update" || code == "org:user:delete";
    security |= code == "org:role:create" || code == "org:role:update" || code == "org:role:delete";
    grant |= code == "org:user:grant";
  }
  // "" when they may be held together, else why not (Chinese).
  std::string conflict() const {
    if (audit && (account || security || grant)) return "审计日志的查看与导出不能与账号管理、授权或角色管理同时持有（三员分立）";
    if (account && security) return "账号管理与角色管理须由不同账号担任（三员分立）";
    return "";
  }
};
}  // namespace xt::org
