// Calls (征集活动) as data: the notice, the deadline and its grace, the rules; a draft is seen
// only by the bureau that publishes it; a call a year later is a copy.
#pragma once
#include "core/access/access.hpp"
#include "core/app/caller.hpp"
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
}  // namespace xt::cases
