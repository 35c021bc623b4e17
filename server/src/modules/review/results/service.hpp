// The city's side after scoring: progress and reminders, the results table (raw mean,
// normalised score, spread, the district's own order beside it), 入选 / 未入选 within the
// limit, publishing (with the exception of missing sheets confirmed and recorded), and the
// notices that tell units and districts their cases' results.
#pragma once
#include <boost/json.hpp>

#include "modules/review/context.hpp"
#include "modules/review/results/compute.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {

struct ResultRow {
  const CaseView* k = nullptr;
  CaseResult res;
  std::optional<repo::Decision> decision;
};
struct Results {
  Context x;
  std::vector<ResultRow> rows;  // in the order of the places
  int selected = 0, incomplete = 0, undecided = 0;
};
Results results(db::Conn& c, const Review& r);
// With each selected case's certificate serial once published.
boost::json::object results_json(const Results& res, db::Conn& c);
// The results as an XLSX table (名次, 案例, 单位, 区县, 初评位次, 评分份数, 原始均分, 标准化得分, 分差, 结果, 理由).
std::string results_xlsx(const Results& res, const std::string& tmp_dir);

// decision: "selected", "not_selected" or "" (undecided). 409 review.limit_reached on a
// selection beyond the limit; 422 review.reason_required for 未入选 without a reason.
void decide(db::Conn& c, const Caller& who, long long review_id, long long case_id, const std::string& decision, const std::string& reason,
            long long now);
// Every undecided case becomes 未入选 with the reason; returns how many.
int decide_rest(db::Conn& c, const Caller& who, long long review_id, const std::string& reason, long long now);
// 409 review.undecided while a case has no decision; 409 review.incomplete while a case has
// fewer than k submitted sheets, unless `confirm_incomplete` with a `note` (recorded).
Review publish(db::Conn& c, const Caller& who, long long review_id, bool confirm_incomplete, const std::string& note, long long now);
// A case's published result for its lead unit, its recommending district and city staff:
// {published, decision, reason, certificate}; 404 review.case_not_found for anyone else.
boost::json::object case_result(db::Conn& c, const access::Principal& p, long long case_id);
// A notice to each active expert with unsubmitted sheets (once a day each); returns how many.
int remind(db::Conn& c, const Caller& who, long long review_id, long long now);
}  // namespace xt::review
