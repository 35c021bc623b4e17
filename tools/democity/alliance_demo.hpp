// The demo city's 教联体 work: the city's and the districts' alliances, school-level alliances
// forming over the years (some in preparation, a few dissolved, a few without an outside
// member), activities organised by schools, police stations, hospitals, communities, museums
// and departments with schools as partners, most confirmed, and 会商 meetings with follow-up
// actions (some closed, some overdue). Deterministic for a seed and a day.
#pragma once
#include <map>
#include <string>

#include "core/db/db.hpp"

namespace xt::demo {

struct AllianceOptions {
  int years = 2;                     // of history, up to `today`
  int activities_per_school_year = 8;
  double formed_share = 0.42;        // counted schools with an alliance formed by today
  unsigned seed = 20250101;
  std::string today;                 // YYYY-MM-DD (Beijing); empty: today
};

struct AllianceSummary {
  long long alliances = 0, activities = 0, meetings = 0;
  // What the generator made, for tests to hold the dashboard against: counted schools whose
  // alliance is formed today, led by the school, with a member outside education; completed
  // activities by type code; district alliances formed by 2025-12-31.
  long long covered_today = 0, districts_formed_by_2025 = 0;
  std::map<std::string, long long> done_by_type;
};

// Writes into a database that holds the demo city's units and no alliances yet.
AllianceSummary generate_alliances(db::Conn& c, const AllianceOptions& o);
}  // namespace xt::demo
