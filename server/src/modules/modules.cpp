#include "modules/modules.hpp"

#include "core/app/app.hpp"
#include "modules/account/routes.hpp"
#include "modules/cases/routes.hpp"
#include "modules/cases/service.hpp"
#include "modules/notices/routes.hpp"
#include "modules/org/routes.hpp"
#include "modules/org/service.hpp"
#include "modules/system/routes.hpp"

namespace xt::modules {
void register_all(app::App& a) {
  account::register_routes(a);
  org::register_routes(a);
  cases::register_routes(a);
  notices::register_routes(a);
  sys::register_routes(a);
  sys::register_openapi(a);
}

void ensure_builtin(app::App& a) {
  org::register_permissions();
  cases::register_permissions();
  auto lease = a.db().lease();
  org::ensure_builtin(lease->conn);
}
}  // namespace xt::modules
