// The bureau's picture of the plan, computed from the records (nothing is re-filed): coverage
// against the targets as of today with its monthly trend and projection, the drill-down to the
// schools, and activity per measure, linkage, district and month from the rollup.
//
// City staff see the city and every district; district staff their own district in detail and
// the city only as an aggregate; a school its own page.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/dashboard/coverage.hpp"

namespace xt::alliance {

inline constexpr const char* kDashboardPerm = "alliance:dashboard:view";

struct Count {
  long long activities = 0, reached = 0;
};

struct DistrictCoverage {
  long long id = 0;  // a district bureau, or −1 for the city-affiliated schools
  std::string name;
  long long schools = 0, covered = 0, preparing = 0;
  // Its district-level alliance (none for −1).
  long long alliance_id = 0;
  std::string alliance_status;              // "" when it has none
  std::optional<std::string> formed_since;  // counting without a break since
  std::vector<Count> by_linkage;            // in linkages' order
  Count activities;
};

struct TargetView {
  std::string level, label, due_on, source;
  int share_pct = 0;
  long long total = 0, met = 0, needed = 0;
  std::optional<coverage::Projection> projection;  // school targets
};

struct Dashboard {
  std::string as_of, kind;  // city | district
  long long unit_id = 0;
  std::string name;
  long long schools = 0, covered = 0, preparing = 0;
  long long city_schools = 0, city_covered = 0;  // the city as an aggregate (for a district's view)
  std::vector<DistrictCoverage> districts;       // the city's: all; a district's: itself
  std::vector<TargetView> targets;
  std::vector<std::pair<std::string, long long>> trend;  // month end → covered
  struct MeasureCount {
    int code = 0;
    std::string linkage, title;
    Count count;
  };
  std::vector<MeasureCount> measures;
  std::vector<std::pair<std::string, std::string>> linkages;  // key, name
  std::vector<Count> by_linkage;
  std::vector<std::pair<std::string, Count>> by_month;
  std::vector<int> idle_measures;  // active measures with no completed activity in scope
};

// `district`: a district bureau's id (city staff drill down); none: the caller's own level.
// 403 alliance.other_district for another district's details.
Dashboard dashboard(db::Conn& c, const access::Principal& p, std::optional<long long> district);

struct SchoolCoverage {
  long long id = 0, district_id = 0;
  std::string code, name, stage, district_name;
  // covered | no_external | not_lead | preparing | none
  std::string status;
  long long alliance_id = 0;
  std::optional<std::string> since;
};
// The counted schools in scope (a district, or the whole city), in the tree's order, filtered
// by status (`uncovered`: every status but covered) and a keyword in the name or code.
std::vector<SchoolCoverage> schools(db::Conn& c, const access::Principal& p, std::optional<long long> district,
                                    const std::optional<std::string>& status, const std::string& keyword);

struct SchoolPage {
  SchoolCoverage school;
  bool counted = false;  // one of the 普通中小学 the targets count
  std::string alliance_name;
  long long members = 0, external_members = 0;
  std::vector<Dashboard::MeasureCount> measures;  // the measures its completed activities served
  struct Semester {
    std::string name, from, to;
    std::vector<std::string> dates;
  };
  std::vector<Semester> open_days;
};
// 403 alliance.other_district unless the school is in the caller's scope.
SchoolPage school_page(db::Conn& c, const access::Principal& p, long long school_id);

const char* status_label(const std::string& status);
}  // namespace xt::alliance
