#include "modules/alliance/dashboard/repo.hpp"

namespace xt::alliance::dashboard_repo {
using db::Query;

std::vector<Row> alliances(db::Conn& c, const std::vector<std::string>& levels, std::optional<long long> anchor) {
  std::vector<Row> out;
  std::map<long long, size_t> at;
  auto only = [&](Query& x, const char* col) {
    if (anchor) x << " AND " << col << " = " << x.bind(*anchor);
  };
  Query q("SELECT id, anchor_unit_id, level, status FROM alliances WHERE level IN (");
  q << q.bind_list(levels) << ")";
  only(q, "anchor_unit_id");
  q << " ORDER BY id";
  for (auto& r : c.rows(q)) {
    at[r.i64(0)] = out.size();
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), {}, {}});
  }
  Query h("SELECT h.alliance_id, h.status, h.effective_on FROM alliance_status_history h JOIN alliances a ON a.id = h.alliance_id WHERE a.level IN (");
  h << h.bind_list(levels) << ")";
  only(h, "a.anchor_unit_id");
  h << " ORDER BY h.alliance_id, h.id";
  for (auto& r : c.rows(h))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].history.emplace_back(r.str(1), r.str(2));
  Query m("SELECT m.alliance_id, m.unit_id, m.role FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id WHERE a.level IN (");
  m << m.bind_list(levels) << ")";
  only(m, "a.anchor_unit_id");
  for (auto& r : c.rows(m))
    if (auto it = at.find(r.i64(0)); it != at.end()) out[it->second].members.emplace_back(r.i64(1), r.str(2));
  return out;
}

std::vector<Target> targets(db::Conn& c) {
  std::vector<Target> out;
  for (auto& r : c.rows(Query("SELECT level, share_pct, due_on, label, source FROM alliance_targets ORDER BY due_on, id")))
    out.push_back({r.str(0), r.str(2), r.str(3), r.str(4), (int)r.i64(1)});
  return out;
}
}  // namespace xt::alliance::dashboard_repo
