// What the dashboard reads of alliances: every district- and school-level alliance with its
// dated history and members, in three queries.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"

namespace xt::alliance::dashboard_repo {

struct Row {
  long long id = 0, anchor = 0;
  std::string level, status;
  std::vector<std::pair<std::string, std::string>> history;  // status, effective_on
  std::vector<std::pair<long long, std::string>> members;    // unit, role
};
// `anchor`: only the alliances anchored at that unit (a school's page).
std::vector<Row> alliances(db::Conn& c, const std::vector<std::string>& levels, std::optional<long long> anchor = std::nullopt);

struct Target {
  std::string level, due_on, label, source;
  int share_pct = 0;
};
std::vector<Target> targets(db::Conn& c);
}  // namespace xt::alliance::dashboard_repo
