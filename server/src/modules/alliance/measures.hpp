// The measure catalog of the 教联体 plan: linkages (医教, 体教, 社教, 家校, 馆校, 警校) and their
// numbered measures with text and responsible departments, as data. City staff keep it: a
// later plan adds measures or retires them without code. Activities will count per measure.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"

namespace xt::alliance {

struct Linkage {
  std::string key, name;
  int sort = 0;
};

struct Measure {
  long long id = 0;
  int code = 0;  // the number in the plan (1–20 in Jinan's)
  std::string linkage, title, body;
  std::vector<std::string> departments;  // 责任单位, as the plan writes them
  std::string status = "active";         // active | retired
  std::string source;                    // the plan it comes from, e.g. 济教发〔2025〕8号
  long long updated_at = 0;
};

struct MeasureInput {
  int code = 0;
  std::string linkage, title, body;
  std::vector<std::string> departments;
  std::string status = "active";
  std::string source;
};

std::vector<Linkage> linkages(db::Conn& c);
// In the plan's order (linkage, then number); retired ones only when asked.
std::vector<Measure> measures(db::Conn& c, bool include_retired);
std::optional<Measure> find_measure(db::Conn& c, long long id);
// "举措16：…" by id (for the audit log), in one query.
std::map<std::string, std::string> measure_names(db::Conn& c, const std::vector<long long>& ids);

// Throw ApiError 422 naming the field: an unknown linkage, a number already used, an empty
// title, a status other than active/retired; 404 for an unknown measure on update.
Measure create_measure(db::Conn& c, const app::Caller& who, const MeasureInput& in);
Measure update_measure(db::Conn& c, const app::Caller& who, long long id, const MeasureInput& in);
}  // namespace xt::alliance
