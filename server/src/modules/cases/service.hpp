// Rules of the typical-case call: calls as data, drafts with versions, submission checks
// (字数, partners, practice length, unit type, deadline and grace, quotas), withdrawal.
// `now` is passed in so that tests can stand one second after a deadline.
#pragma once
#include "core/access/access.hpp"
#include "core/app/caller.hpp"
#include "core/audit/audit.hpp"
#include "core/db/db.hpp"
#include "core/http/errors.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases {

using Caller = app::Caller;

struct CallInput {
  std::string title, notice, deadline_date, status = "open";
  int grace_minutes = 0;
  Rules rules;
};

// 23:59:59 Asia/Shanghai on the date, in ms since the epoch (UTC). 422 on a bad date.
long long deadline_ms(const std::string& yyyy_mm_dd);
// True when `start` is at least `months` before `deadline` (both YYYY-MM-DD).
bool practice_long_enough(const std::string& start, const std::string& deadline, int months);

struct Counts {
  std::vector<std::pair<std::string, size_t>> sections;
  size_t total = 0;
};
Counts count(const Rules& r, const Content& c);
// Every rule a submission must meet; empty when the case may be submitted.
std::vector<ApiError> submission_problems(db::Conn& c, const Call& call, const Case& k, long long now);

Call create_call(db::Conn& c, const Caller& who, const CallInput& in);
Call update_call(db::Conn& c, const Caller& who, long long id, const CallInput& in);
Call get_call(db::Conn& c, long long id);
// Bureaus review and departments are not addressed by the call: they write no cases.
bool unit_type_writes_cases(const std::string& unit_type);
// District and city bureaus and 局属 schools pre-review (the city for the units under it).
bool unit_pre_reviews(const std::string& unit_type, bool city_affiliated);
// A call as the caller may see it: a draft only to the bureau that publishes it (404 elsewhere).
Call visible_call(db::Conn& c, const access::Principal& p, long long id);
std::vector<Call> visible_calls(db::Conn& c, const access::Principal& p);
// A new call in draft state with the rules and notice of `id`, a year later: the deadline
// moves on one year and a year in the title (2024 → 2025) too; otherwise "（副本）" is added.
Call copy_call(db::Conn& c, const Caller& who, long long id);

// What a submitting unit may still send: per city-affiliated school, or per district with its schools.
struct Quota {
  std::string kind;  // school | district
  std::string scope_name;
  int quota = 0;
  long long used = 0, remaining = 0;
};
Quota quota_of(db::Conn& c, long long call_id, long long unit_id);

Case get_case(db::Conn& c, const access::Principal& p, long long id);
// What access knows of a case (its reviewing unit as the relation review_unit).
access::Record case_record(const Case& k);
Case create_case(db::Conn& c, const Caller& who, long long call_id, const std::string& title, long long now);
Case save_case(db::Conn& c, const Caller& who, long long id, int version, const std::string& title, const Content& content);
Case restore_version(db::Conn& c, const Caller& who, long long id, int version);
Case submit_case(db::Conn& c, const Caller& who, long long id, long long now);
Case withdraw_case(db::Conn& c, const Caller& who, long long id, long long now);

void register_permissions();
}  // namespace xt::cases
