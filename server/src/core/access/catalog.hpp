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
};
void register_permission(PermissionInfo p);
const std::vector<PermissionInfo>& permissions();
bool known_permission(const std::string& code);

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
