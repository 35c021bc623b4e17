// Assigning the pool to the cases: the board (every case with its experts and progress), the
// automatic proposal (shown before it is applied; existing assignments and pins stay, conflicts
// and forbidden pairs are never proposed), applying it, and changes by hand with the same checks.
#pragma once
#include <boost/json.hpp>

#include "modules/review/context.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {

// Cases with their experts (status of each sheet), conflicts per case, loads per expert.
boost::json::object board(db::Conn& c, const Review& r);
// Every active expert for one case: conflict reason, field match, load, mark, assigned or not.
boost::json::object case_candidates(db::Conn& c, const Review& r, long long case_id);
// Computes and stores a proposal; nothing is assigned yet.
boost::json::object propose(db::Conn& c, const Caller& who, long long review_id, long long now);
// Applies the stored proposal: 409 review.proposal_stale when anything changed since, 409
// review.case_short when a case would stay below k while free experts exist.
boost::json::object apply_proposal(db::Conn& c, const Caller& who, long long review_id, long long now);
// 409 review.conflict (with the reason), review.forbidden_pair, review.assigned, review.expert_withdrawn.
long long assign_by_hand(db::Conn& c, const Caller& who, long long review_id, long long case_id, long long user_id, long long now);
// 409 review.sheet_submitted when the expert has submitted the sheet.
void unassign(db::Conn& c, const Caller& who, long long review_id, long long assignment_id, long long now);
// mark: "pin", "forbid" or "" (neither). A pin on a conflicted pair is 409 review.conflict.
void set_mark(db::Conn& c, const Caller& who, long long review_id, long long case_id, long long user_id, const std::string& mark, long long now);
}  // namespace xt::review
