// Every capability module, registered in one place.
#pragma once
namespace xt::app { class App; }
namespace xt::modules {
void register_all(app::App& a);   // routes, permissions, menus, OpenAPI last
void ensure_builtin(app::App& a); // built-in roles and dictionaries
}
