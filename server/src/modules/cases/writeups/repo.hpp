// SQL of the write-ups (案例) of a call: the cases, their versions, their counts per quota.
#pragma once
#include <map>
#include <tuple>

#include "core/access/access.hpp"
#include "core/app/app.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases::repo {
long long insert_case(db::Conn& c, const Case& k);
std::optional<Case> find_case(db::Conn& c, long long id);
// The columns of `cases k` for access::scope_filter (review_unit: k.review_unit_id).
access::Columns case_columns();
// Cases in `status` (of one call, or of those ids), with their recommendation rank, by reviewing unit then rank.
std::vector<std::pair<Case, std::optional<long long>>> cases_where(db::Conn& c, std::optional<long long> call_id, const std::string& status,
                                                                   const std::vector<long long>& ids = {});
// Cases visible under perm; drafts only to their own unit.
struct CaseFilter {
  std::optional<long long> call_id;
  std::string status, keyword;  // keyword: in the case title or the unit's name
  bool reviewing = false;       // only cases the active unit reviews (no drafts)
};
std::pair<std::vector<Case>, long long> list_cases(db::Conn& c, const access::Principal& p, const CaseFilter& f, const app::Page& pg);
// false when the stored version is not `expected` (someone saved in between)
bool update_content(db::Conn& c, long long id, int expected, const std::string& title, const Content& content, long long by);
// Moves a case on only from the state `from`; false when it was no longer in it.
bool set_status(db::Conn& c, long long id, const std::vector<std::string>& from, const std::string& status, std::optional<long long> submitted_at);
long long count_active_by_owner(db::Conn& c, long long call_id, long long owner_unit, long long except_case);
long long count_active_by_reviewer(db::Conn& c, long long call_id, long long review_unit, long long except_case);
boost::json::array versions(db::Conn& c, long long case_id);
std::optional<std::pair<std::string, Content>> version(db::Conn& c, long long case_id, int v);
// Cases by id as 《title》 for the audit viewer.
std::map<std::string, std::string> case_titles(db::Conn& c, const std::vector<long long>& ids);
// How many of a unit's own cases of the call are in each status.
std::map<std::string, long long> status_counts_of_owner(db::Conn& c, long long call_id, long long owner_unit);
// The unit's most recently returned case of the call: id, title, the reviewer's comment.
std::optional<std::tuple<long long, std::string, std::string>> latest_returned(db::Conn& c, long long call_id, long long owner_unit);
}  // namespace xt::cases::repo
