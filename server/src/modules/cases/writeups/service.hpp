// Write-ups (案例) of a call: drafts with versions, submission under the call's rules and
// quotas, withdrawal before the deadline. `now` is passed in so that tests can stand one
// second after a deadline.
#pragma once
#include "core/access/access.hpp"
#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "core/http/errors.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/writeups/rules.hpp"

namespace xt::cases {
using Caller = app::Caller;

// Every rule a submission must meet (check_submission with the facts read here); empty when
// the case may be submitted.
std::vector<ApiError> submission_problems(db::Conn& c, const Call& call, const Case& k, long long now);

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
}  // namespace xt::cases
