// A deterministic demo city: the city bureau, 10 district bureaus, schools of every stage,
// the departments of the 教联体 plan, social units, and demo accounts for every role.
#pragma once
#include <string>
#include <vector>

#include "core/db/db.hpp"

namespace xt::demo {

struct Options {
  int schools = 300;         // about; scales to 2000 for benchmarks
  int social_per_district = 14;
  unsigned seed = 20250101;
  std::string password = "Demo@2026";
};

struct Account { std::string username, display_name, unit, role; };

struct Summary {
  int units = 0, schools = 0, users = 0;
  std::vector<Account> accounts;  // the documented demo logins
};

// Fills an empty database (refuses one that already has units).
Summary generate(db::Conn& c, const Options& o);
}  // namespace xt::demo
