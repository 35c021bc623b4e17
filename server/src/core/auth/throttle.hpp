// Failed logins per client address, counted in the database over a sliding window, so that
// every server behind the proxy sees the failures sent to the others.
#pragma once
#include <string>

#include "core/db/db.hpp"

namespace xt::auth {
// Have `limit` or more logins failed from `ip` within the last `window_ms`?
bool address_throttled(db::Conn& c, const std::string& ip, int limit, long long window_ms, long long now_ms);
// Records a failure (its own write transaction) and prunes failures older than the window.
void address_failed(db::Conn& c, const std::string& ip, long long window_ms, long long now_ms);
}  // namespace xt::auth
