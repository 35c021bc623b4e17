// Plain structs of the city review: the review's settings and score sheet are data.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xt::review {

struct Criterion {
  std::string key, name, description;
  double weight = 0, min = 0, max = 10;
};

// Criteria with weights summing to 100: a sheet's total is Σ weight × (score − min) / (max − min),
// out of 100.
struct Sheet {
  std::vector<Criterion> criteria;
  std::string comment_label = "评审意见";
  bool comment_required = false;
  double disagreement = 15;  // totals of one case further apart than this are flagged
};

struct Review {
  long long id = 0, call_id = 0, owner_unit_id = 0, creator_id = 0;
  std::string call_title, status;  // open | closed | published
  int k = 3;
  bool blind = true;
  Sheet sheet;
  std::string ends_on;             // YYYY-MM-DD: expert accounts created here end that day
  int select_limit = 30;
  std::string exception_note;
  std::optional<long long> closed_at, published_at, proposal_at;
  int version = 1;
  long long created_at = 0, updated_at = 0;
};

struct Expert {
  long long user_id = 0, unit_id = 0;
  std::string name, username, unit_name, phone, status;  // status: active | withdrawn
  std::vector<std::string> fields;
  bool account_created = false;
  std::optional<long long> valid_until, reminded_at;
  std::vector<std::pair<long long, std::string>> declared;  // (unit, note)
};

struct Assignment {
  long long id = 0, review_id = 0, case_id = 0, user_id = 0;
  std::string how;  // auto | manual
  std::map<std::string, double> scores;
  std::string comment;
  std::optional<long long> saved_at, submitted_at;
  long long assigned_at = 0;
};

// Total out of 100 of the scores given (criteria not scored count 0).
double sheet_total(const Sheet& s, const std::map<std::string, double>& scores);
}  // namespace xt::review
