// The city review of a call: opened by the city's staff once district packages are in, with
// its settings (experts per case, blind or not, the last day, the selection limit) and score
// sheet as data; closed (no more scoring, expert accounts end) and published (results out).
#pragma once
#include <optional>

#include "core/access/access.hpp"
#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "modules/review/model.hpp"

namespace xt::review {
using Caller = app::Caller;

constexpr const char* kManagePerm = "review:review:manage";
constexpr const char* kScorePerm = "review:case:score";
constexpr const char* kExpertRole = "review_expert";

struct ReviewInput {
  std::optional<int> k, select_limit, version;
  std::optional<bool> blind;
  std::optional<Sheet> sheet;
  std::optional<std::string> ends_on;
};

// 409 review.exists (one per call), review.no_cases (nothing reached the city yet); 422 on bad
// settings. Without a sheet, the latest review's sheet is copied (the default the first time).
Review open_review(db::Conn& c, const Caller& who, long long call_id, const ReviewInput& in, long long now);
// The sheet a new review starts from: the latest review's, else the notice's default.
Sheet initial_sheet(db::Conn& c);
// 404 review.not_found.
Review get_review(db::Conn& c, long long id);
std::vector<Review> list_reviews(db::Conn& c);
// 409 review.sheet_in_use when k or the sheet change after a sheet was submitted; 409
// review.version_conflict; 409 review.closed once closed.
Review update_review(db::Conn& c, const Caller& who, long long id, const ReviewInput& in, long long now);
// Scoring ends: the accounts created for the review end, sheets can no longer change.
Review close_review(db::Conn& c, const Caller& who, long long id, long long now);
// 409 review.closed unless the review is open.
void require_open(const Review& r);
// City staff, the case's lead unit and its recommending district see its result and certificate.
bool may_see_result(const access::Principal& p, long long owner_unit, long long review_unit);
// End of the review's last day (Beijing time), for the accounts created for it.
long long ends_at(const Review& r);
std::string today(long long now);
}  // namespace xt::review
