// Who acts in a service call: the principal whose grants decide, and the actor its audit rows
// name. Routes build it with Ctx::caller(); services of every module take it.
#pragma once
#include "core/access/access.hpp"
#include "core/audit/audit.hpp"

namespace xt::app {
struct Caller {
  const access::Principal& p;
  audit::Actor actor;
};
}  // namespace xt::app
