// SQL of the city review: reviews, the expert pool and its declared conflicts, pinned and
// forbidden pairs, assignments with their score sheets, decisions and certificates.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/review/model.hpp"

namespace xt::review::repo {

long long insert_review(db::Conn& c, const Review& r);
std::optional<Review> find_review(db::Conn& c, long long id);
std::optional<Review> find_by_call(db::Conn& c, long long call_id);
std::vector<Review> list_reviews(db::Conn& c);
std::vector<Review> published_reviews(db::Conn& c);
// false when the stored version is not r.version (someone saved in between).
bool update_settings(db::Conn& c, const Review& r, long long now);
// Serialises writers of one review (selection count, publishing, assignment): a row lock.
void lock_review(db::Conn& c, long long id);
void set_status(db::Conn& c, long long id, const std::string& status, long long now, std::optional<long long> by = std::nullopt,
                const std::string& exception_note = "");
void set_proposal(db::Conn& c, long long id, const std::optional<std::string>& json, long long now);
std::optional<std::string> proposal(db::Conn& c, long long id);

struct ExpertRow {
  long long user_id = 0, unit_id = 0;
  std::vector<std::string> fields;
  std::string status;
  bool account_created = false;
  std::optional<long long> reminded_at;
};
std::vector<ExpertRow> experts(db::Conn& c, long long review_id);
std::optional<ExpertRow> find_expert(db::Conn& c, long long review_id, long long user_id);
void insert_expert(db::Conn& c, long long review_id, const ExpertRow& e, long long by, long long now);
void update_expert(db::Conn& c, long long review_id, long long user_id, const std::vector<std::string>& fields, const std::string& status);
void set_reminded(db::Conn& c, long long review_id, long long user_id, long long now);
// Open reviews the person is an active expert of.
std::vector<long long> reviews_of_expert(db::Conn& c, long long user_id);

// (user, unit, note) of every declared conflict of the review.
std::vector<std::tuple<long long, long long, std::string>> declared_conflicts(db::Conn& c, long long review_id);
void insert_conflict(db::Conn& c, long long review_id, long long user_id, long long unit_id, const std::string& note);
bool delete_conflict(db::Conn& c, long long review_id, long long user_id, long long unit_id);

// (case, user, mark) of the pinned and forbidden pairs.
std::vector<std::tuple<long long, long long, std::string>> pair_marks(db::Conn& c, long long review_id);
void set_pair_mark(db::Conn& c, long long review_id, long long case_id, long long user_id, const std::string& mark);

std::vector<Assignment> assignments(db::Conn& c, long long review_id);
std::vector<Assignment> assignments_of_user(db::Conn& c, long long user_id, const std::vector<long long>& review_ids);
std::optional<Assignment> find_assignment(db::Conn& c, long long id);
long long insert_assignment(db::Conn& c, long long review_id, long long case_id, long long user_id, const std::string& how, long long by, long long now);
void delete_assignment(db::Conn& c, long long id);
// Saves a draft (submitted false) or submits; false when the sheet was submitted already and
// this is a draft (a submitted sheet changes only by submitting again).
void save_scores(db::Conn& c, long long id, const std::string& scores_json, const std::string& comment, bool submit, long long now);

// (case, decision, reason) of the review.
struct Decision {
  long long case_id = 0;
  std::string decision, reason;
  long long decided_at = 0;
};
std::vector<Decision> decisions(db::Conn& c, long long review_id);
void set_decision(db::Conn& c, long long review_id, long long case_id, const std::string& decision, const std::string& reason, long long by, long long now);
long long count_selected(db::Conn& c, long long review_id, long long except_case);

struct Certificate {
  std::string serial;
  long long review_id = 0, case_id = 0, issued_at = 0;
};
void insert_certificate(db::Conn& c, const Certificate& x);
std::optional<Certificate> find_certificate(db::Conn& c, const std::string& serial);
std::vector<Certificate> certificates(db::Conn& c, long long review_id);
}  // namespace xt::review::repo
