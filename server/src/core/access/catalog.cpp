#include "core/access/catalog.hpp"

#include <algorithm>
#include <mutex>

namespace xt::access {
namespace {
std::mutex mu;
std::vector<PermissionInfo>& perms() { static std::vector<PermissionInfo> v; return v; }
std::vector<MenuItem>& menus() { static std::vector<MenuItem> v; return v; }
}  // namespace

void register_permission(PermissionInfo p) {
  std::lock_guard l(mu);
  for (auto& e : perms())
    if (e.code == p.code) return;
  perms().push_back(std::move(p));
}
const std::vector<PermissionInfo>& permissions() { return perms(); }
bool known_permission(const std::string& code) {
  for (auto& e : perms())
    if (e.code == code) return true;
  return false;
}

const PermissionInfo* find_permission(const std::string& code) {
  std::lock_guard l(mu);
  for (auto& e : perms())
    if (e.code == code) return &e;
  return nullptr;
}

bool scope_applies(const std::string& perm, const std::string& kind) {
  auto* k = find_scope(kind);
  if (!k) return false;
  if (!k->relationship) return true;
  auto* info = find_permission(perm);
  if (!info) return false;
  for (auto& s : info->scopes)
    if (s == kind) return true;
  return false;
}

void register_menu(MenuItem m) {
  std::lock_guard l(mu);
  for (auto& e : menus())
    if (e.key == m.key) return;
  menus().push_back(std::move(m));
}

boost::json::array menus_for(const Principal& p) {
  std::vector<MenuItem> all = menus();
  std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.sort < b.sort; });
  boost::json::array out;
  for (auto& d : all) {
    if (!d.parent.empty()) continue;
    boost::json::object node{{"key", d.key}, {"title", d.title}, {"path", d.path}, {"icon", d.icon}};
    boost::json::array kids;
    for (auto& c : all) {
      if (c.parent != d.key) continue;
      if (!c.perm.empty() && c.perm != "login" && !p.can(c.perm)) continue;
      if (c.when && !c.when(p)) continue;
      kids.push_back(boost::json::object{{"key", c.key}, {"title", c.title}, {"path", c.path}, {"icon", c.icon}, {"children", boost::json::array{}}});
    }
    bool leaf_visible = !d.perm.empty() && (d.perm == "login" || p.can(d.perm)) && (!d.when || d.when(p));
    if (kids.empty() && !leaf_visible) continue;
    node["children"] = std::move(kids);
    out.push_back(std::move(node));
  }
  return out;
}
}  // namespace xt::access
