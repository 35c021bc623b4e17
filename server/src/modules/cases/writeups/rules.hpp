// The rules a write-up must meet to be submitted (the call's notice): 字数 per section and in
// all, partners, practice length, unit type, contact, authors, deadline and grace, quotas.
// Pure functions of the call, the case and a few facts gathered by the caller: no database.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/http/errors.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases {

// True when `start` is at least `months` before `deadline` (both YYYY-MM-DD).
bool practice_long_enough(const std::string& start, const std::string& deadline, int months);

struct Counts {
  std::vector<std::pair<std::string, size_t>> sections;
  size_t total = 0;
};
Counts count(const Rules& r, const Content& c);

// What the checks need beyond the call and the case.
struct SubmissionFacts {
  long long now = 0;                    // ms since the epoch
  std::optional<std::string> unit_type;  // of the submitting unit; nullopt when it is unknown
  bool city_affiliated_school = false;   // its quota is per school, else per district
  long long quota_used = 0;              // other cases holding a place under the same quota
};
// Every rule the case breaks, in the order of the form; empty when it may be submitted.
std::vector<ApiError> check_submission(const Call& call, const Case& k, const SubmissionFacts& f);
}  // namespace xt::cases
