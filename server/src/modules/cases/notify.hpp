// Notices the typical-case call sends: a case returned, rejected or recommended (to the unit
// that wrote it), a package arrived (to the bureau that published the call), and deadline
// reminders 7 days and 1 day before (to units with unsent cases and reviewers with work left).
#pragma once
#include "modules/cases/model.hpp"
#include "core/db/db.hpp"

namespace xt::cases {
void notify_review(db::Conn& c, const Case& k, const std::string& to_status, const std::string& note);
void notify_package_sent(db::Conn& c, const Call& call, long long review_unit_id, const std::string& review_unit_name, size_t cases);
// Sends the reminders due at `now`; each one lands once however often it runs. Returns how
// many were sent.
int remind_deadlines(db::Conn& c, long long now);
// "11月30日" from "2026-11-30".
}  // namespace xt::cases
