// The typical-case call at the city's review: last year's call reviewed and published (its
// selected cases fill the public case library, with certificates), and this year's call with
// every district's package in and the expert review under way (demo experts zj01–zj09,
// some sheets submitted, some drafts, some not begun).
#pragma once
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "democity/democity.hpp"

namespace xt::demo {

struct ReviewSummary {
  int calls = 0, cases = 0, experts = 0, selected = 0, sheets = 0;
  std::vector<Account> accounts;  // demo expert logins
};

struct ReviewOptions {
  unsigned seed = 20250101;
  std::string password = "Demo@2026";
  int cases = 36;         // this year's cases at the city; beyond 60 the quotas are ignored (benchmarks)
  bool complete = false;  // every sheet of this year's review submitted (benchmarks)
};

// Runs after generate(); uses the services as city staff and as the experts would.
ReviewSummary generate_reviews(db::Conn& c, const ReviewOptions& o);
}  // namespace xt::demo
