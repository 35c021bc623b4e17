// Registries that modules fill at start: permission codes with Chinese names, and menu entries.
#pragma once
#include <functional>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/access/access.hpp"

namespace xt::access {

struct PermissionInfo {
  std::string code, name, module, module_name;
  // The relationship scopes this permission may be granted with (besides all, subtree,
  // own_unit, self and custom), e.g. {"review_unit"}.
  std::vector<std::string> scopes = {};
  // Every read of a record under this permission is written to the audit log (minors' data).
  bool audit_reads = false;
};
void register_permission(PermissionInfo p);
const std::vector<PermissionInfo>& permissions();
bool known_permission(const std::string& code);
const PermissionInfo* find_permission(const std::string& code);
// May `perm` be granted with scope `kind`? Unit and creator scopes always; a relationship
// scope when the permission declares it.
bool scope_applies(const std::string& perm, const std::string& kind);

struct MenuItem {
  std::string key, title, path, icon, perm, parent;  // perm empty for a directory
  int sort = 0;
  // Shown only when this says so as well (a menu that applies to some kinds of unit only):
  // hidden rather than shown and then refused.
  std::function<bool(const Principal&)> when = {};
};
void register_menu(MenuItem m);
// The menu tree the principal may see: directories appear only with a visible child.
boost::json::array menus_for(const Principal& p);
}  // namespace xt::access
