// What other modules may ask of the sports map: the 15-minute coverage counts (the 教联体
// dashboard shows them under measures 5 and 10). Answered from the view every server holds.
#pragma once
#include <optional>
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::venues::facts {
struct WalkCoverage {
  long long schools = 0;         // located schools
  long long without_sports = 0;  // no sports venue within 15 minutes' walk
  long long without_study = 0;   // no free study place within 15 minutes' walk
  std::string mode;              // network | straight
};
// The whole city, or one district bureau's schools.
WalkCoverage walk_coverage(db::Conn& c, files::Store& generated, std::optional<long long> district);
}  // namespace xt::venues::facts
