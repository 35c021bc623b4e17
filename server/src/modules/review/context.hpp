// Everything the city's pages of one review are computed from, read once per request: the
// cases that reached the city, the pool with names and units, assignments, pinned and forbidden
// pairs; and the two rules on a (case, expert) pair: the conflict, from the unit tree and the
// declared conflicts, and the field match.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/facts.hpp"
#include "modules/org/directory.hpp"
#include "modules/review/model.hpp"
#include "modules/review/repo.hpp"

namespace xt::review {

struct CaseView {
  long long id = 0, owner_unit = 0, review_unit = 0, district = 0;  // district 0: directly under the city
  std::string title, unit_name, review_unit_name, district_name, form;
  std::vector<std::string> topics;
  std::vector<long long> partners;
  std::vector<std::string> partner_names;
  std::optional<long long> rank;
  long long submitted_at = 0;
};

struct Context {
  Review review;
  cases::Call call;
  std::vector<CaseView> cases;
  std::vector<Expert> experts;  // the pool, withdrawn ones included
  std::vector<long long> expert_district;
  std::vector<Assignment> assignments;
  std::vector<std::tuple<long long, long long, std::string>> marks;  // (case, user, pin|forbid)
  std::shared_ptr<const org::directory::Snapshot> tree;

  std::optional<size_t> case_index(long long case_id) const;
  std::optional<size_t> expert_index(long long user_id) const;
  // Why the expert may not review the case (Chinese, for the page and the 409), or none.
  std::optional<std::string> conflict(size_t ci, size_t ei) const;
  // How many of the expert's fields the case's form and topics name.
  int match(size_t ci, size_t ei) const;
  std::string mark(long long case_id, long long user_id) const;
};

// `with_assignments` false skips the score sheets (the expert pool page).
Context load_context(db::Conn& c, const Review& r, bool with_assignments = true);
// The experts of a review with their names and units (no cases).
std::vector<Expert> load_experts(db::Conn& c, long long review_id);
}  // namespace xt::review
