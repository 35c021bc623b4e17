// The expert pool of a review: existing people, or expert accounts created here (valid until
// the review's last day), each with a home unit from the tree and fields from the call's
// collaboration forms and focus topics; declared conflicts per expert and unit; an expert who
// drops out leaves the pool with their unsubmitted assignments.
#pragma once
#include "core/config/config.hpp"
#include "modules/review/context.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {

struct PoolEntry {
  Expert e;
  int assigned = 0, submitted = 0;
};
std::vector<PoolEntry> pool(db::Conn& c, long long review_id);

// 404 review.person_not_found; 409 review.expert_exists; 422 review.field_invalid, and
// review.unit_invalid when `unit_id` is not one of the person's units.
Expert add_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, std::optional<long long> unit_id,
                  const std::vector<std::string>& fields, long long now);

struct NewExpert {
  std::string name, phone, username;  // username empty: one is made up (zj<review><n>)
  long long unit_id = 0;
  std::vector<std::string> fields;
};
struct CreatedExpert {
  Expert e;
  std::string password;  // shown once
};
CreatedExpert create_expert(db::Conn& c, const Caller& who, long long review_id, const NewExpert& in, const PasswordPolicy& policy, long long now);

Expert update_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, const std::vector<std::string>& fields);
// Returns how many unsubmitted assignments were removed.
int withdraw_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long now);
void add_conflict(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long unit_id, const std::string& note);
void remove_conflict(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long unit_id);
// The fields an expert may have in this review: the call's forms then its topics.
std::vector<std::string> field_options(db::Conn& c, const Review& r);
}  // namespace xt::review
