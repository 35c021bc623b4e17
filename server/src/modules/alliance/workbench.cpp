// What the 工作台 shows of the 教联体 work: activities partners recorded that wait for this
// unit's one-click confirmation, and the 会商 actions it owns (those past due apart). Nothing
// when there is nothing: no card asks for a number of records.
#include "modules/alliance/workbench.hpp"

#include "core/workbench/workbench.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/service.hpp"

namespace xt::alliance {
namespace {
std::vector<workbench::Card> cards(db::Conn& c, const access::Principal& p, long long) {
  if (!p.can(kActivityRecordPerm)) return {};
  db::Query a("SELECT COUNT(*) FROM alliance_activity_partners x JOIN alliance_activities a ON a.id = x.activity_id WHERE x.unit_id = ");
  a << a.bind(p.unit_id) << " AND x.confirmed_at IS NULL AND a.state <> 'cancelled'";
  auto awaiting = c.scalar(a);
  db::Query o("SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_on < ");
  auto today_s = today();
  o << o.bind(today_s) << " THEN 1 ELSE 0 END), 0) FROM alliance_actions WHERE status = 'open' AND owner_unit_id = " << o.bind(p.unit_id);
  auto r = c.row(o);
  long long open = r ? r->i64(0) : 0, overdue = r ? r->i64(1) : 0;
  if (!awaiting && !open) return {};
  workbench::Card card{"alliance", "教联体工作", {}, {}, "/alliance/activities", 30};
  if (awaiting) card.figures.push_back({"待本单位确认的活动", std::to_string(awaiting), "/alliance/activities?awaiting=1", "warning"});
  if (open) card.figures.push_back({"本单位负责的会商事项", std::to_string(open), "/alliance/actions", ""});
  if (overdue) card.figures.push_back({"其中已逾期", std::to_string(overdue), "/alliance/actions", "danger"});
  return {card};
}
}  // namespace

void register_workbench() { workbench::register_provider("alliance", cards); }
}  // namespace xt::alliance
