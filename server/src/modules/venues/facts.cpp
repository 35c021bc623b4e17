#include "modules/venues/facts.hpp"

#include "modules/venues/atlas.hpp"

namespace xt::venues::facts {
WalkCoverage walk_coverage(db::Conn& c, files::Store& generated, std::optional<long long> district) {
  auto v = view(c, generated);
  WalkCoverage out;
  out.mode = v->network ? "network" : "straight";
  for (auto& s : *v->coverage15()) {
    if (district && s.school->district_id != district) continue;
    ++out.schools;
    out.without_sports += !s.sports_s;
    out.without_study += !s.study_s;
  }
  return out;
}
}  // namespace xt::venues::facts
