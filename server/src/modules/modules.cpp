#include "modules/modules.hpp"

#include "core/app/app.hpp"
#include "core/files/retention.hpp"
#include "core/jobs/routes.hpp"

#include <atomic>
#include <memory>
#include "modules/account/routes.hpp"
#include "modules/alliance/routes.hpp"
#include "modules/cases/routes.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/notices/routes.hpp"
#include "modules/org/routes.hpp"
#include "modules/org/service.hpp"
#include "modules/review/routes.hpp"
#include "modules/system/routes.hpp"
#include "modules/venues/routes.hpp"

namespace xt::modules {
namespace {
// Hourly, on every server: what the sweep at start would find (files nothing refers to any more
// because a release failed, pins and temporary files a crash left).
void register_file_sweep(app::App& a) {
  a.jobs().add("files.sweep", [&a, last = std::make_shared<std::atomic<long long>>(db::now_ms())](db::Conn& c, long long now) {
    if (now - last->load() < files::kSweepGraceMs) return;
    last->store(now);
    for (auto* store : {&a.uploads(), &a.generated()}) files::sweep(c, *store, a.tmp_dir(), now);
  });
}
}  // namespace

void register_all(app::App& a) {
  account::register_routes(a);
  org::register_routes(a);
  cases::register_routes(a);
  alliance::register_routes(a);
  review::register_routes(a);
  venues::register_routes(a);
  notices::register_routes(a);
  sys::register_routes(a);
  jobs::register_routes(a);
  register_file_sweep(a);
  sys::register_openapi(a);
}

void ensure_builtin(app::App& a) {
  org::register_permissions();
  cases::register_permissions();
  alliance::register_permissions();
  review::register_permissions();
  venues::register_permissions();
  auto lease = a.db().lease();
  org::ensure_builtin(lease->conn);
}
}  // namespace xt::modules
