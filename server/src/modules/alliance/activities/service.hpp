// The rules of activity records: who records one, what a record may hold, partners' one-click
// confirmation, and the monthly rollup every dashboard reads.
//
// The organiser is the recorder's current unit (any unit: a school, a department, a museum, a
// community). Partners are any active units but the organiser. An activity counts for the
// organiser, every partner, their districts and the city, once each; only completed ones
// count. People reached are numbers between 0 and 100,000 per group, never names.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/activities/model.hpp"
#include "modules/alliance/activities/repo.hpp"

namespace xt::alliance {

inline constexpr const char* kActivityListPerm = "alliance:activity:list";
inline constexpr const char* kActivityRecordPerm = "alliance:activity:record";
inline constexpr long long kMaxReached = 100000;

// The audience codes an activity may name, with their labels.
const std::vector<std::pair<std::string, std::string>>& audiences();

// The record an input describes, checked against the rules with the type and partners already
// looked up (a bulk import looks them up once): ApiError 422 naming the field.
Activity build_activity(const ActivityInput& in, const std::optional<ActivityType>& type, long long organiser, long long organiser_district,
                        std::vector<Partner> partners);
// Inserts a checked record with its dates and partners and counts it in the rollup (no audit
// row: the caller writes one). Returns the id.
long long store_activity(db::Conn& c, Activity& a);
// Many at once (an import): the rollup added once per month, district and type.
void store_activities(db::Conn& c, std::vector<Activity>& as);

// ApiError 422 naming the field: activity.unknown_type, activity.done_in_future,
// activity.bad_reached, activity.bad_partner, request.bad_date, request.required…
Activity create_activity(db::Conn& c, const app::Caller& who, const ActivityInput& in);
// Only the organiser's unit; 409 request.stale_version.
Activity update_activity(db::Conn& c, const app::Caller& who, long long id, const ActivityInput& in);
// The caller's unit confirms its part; 403 unless it is a partner, 409 when already confirmed.
Activity confirm_activity(db::Conn& c, const app::Caller& who, long long id);
// With partners and names; 404 unless the caller sees it.
Activity get_activity(db::Conn& c, const access::Principal& p, long long id);
bool may_edit(db::Conn& c, const access::Principal& p, const Activity& a);
activity_repo::Page list_activities(db::Conn& c, const access::Principal& p, const ActivityFilter& f, int page, int size);

// A school's 家长开放日 per semester (秋季学期 Aug–Jan, 春季学期 Feb–Jul), newest first, for
// the last `n` semesters up to today: its own status against the plan's 1~2, never a ranking.
struct SemesterOpenDays {
  std::string name, from, to;
  std::vector<std::string> dates;
};
std::vector<SemesterOpenDays> open_days(db::Conn& c, long long unit_id, int n);
// The semester a date falls in: {name, first day, last day}.
SemesterOpenDays semester_of(const std::string& date);
}  // namespace xt::alliance
