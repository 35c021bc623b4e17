#include "core/auth/throttle.hpp"

namespace xt::auth {
using db::Query;

bool address_throttled(db::Conn& c, const std::string& ip, int limit, long long window_ms, long long now) {
  Query q("SELECT COUNT(*) FROM login_failures WHERE ip = ");
  q << q.bind(ip) << " AND at > " << q.bind(now - window_ms);
  return c.scalar(q) >= limit;
}

void address_failed(db::Conn& c, const std::string& ip, long long window_ms, long long now) {
  db::Tx tx(c, true);
  Query ins("INSERT INTO login_failures (ip, at) VALUES (");
  ins << ins.bind(ip) << ", " << ins.bind(now) << ")";
  c.exec(ins);
  Query prune("DELETE FROM login_failures WHERE at <= ");
  prune << prune.bind(now - window_ms);
  c.exec(prune);
  tx.commit();
}
}  // namespace xt::auth
