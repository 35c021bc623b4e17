// The score sheet as JSON (stored and sent), its checks, and the default from the notice.
#pragma once
#include <boost/json.hpp>

#include "modules/review/model.hpp"

namespace xt::review {
boost::json::object to_json(const Sheet& s);
// 422 review.sheet_invalid naming the part: no criteria, a duplicate key, a range with
// max ≤ min, weights that do not add up to 100.
Sheet sheet_from(const boost::json::value& v);
// 代表性, 可操作性, 可复制性, 创新性, 实践成效, 材料真实完整 with the notice's wording.
Sheet default_sheet();
// 422 review.score_invalid: a criterion not on the sheet, a value outside its range or not a
// multiple of 0.5; with `complete`, every criterion must be scored.
std::map<std::string, double> scores_from(const Sheet& s, const boost::json::value& v, bool complete);
boost::json::object scores_json(const std::map<std::string, double>& scores);
}  // namespace xt::review
