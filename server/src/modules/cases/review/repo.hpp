// SQL of the preliminary review: review states and ranks of cases, the reviewing unit's
// package row (附件3 fields, the stamped scan, sending) and the counts of the city's board.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/review/service.hpp"

namespace xt::cases::review_repo {
// Moves a case on only from one of the states `from`; false when it was no longer in one
// (someone else changed it first).
bool set_review(db::Conn& c, long long case_id, const std::vector<std::string>& from, const std::string& status, const std::string& comment,
                std::optional<long long> rank);
// When the unit's package for the call was sent; nullopt while it is being prepared.
std::optional<long long> sent_at(db::Conn& c, long long call_id, long long unit);
// How many cases the unit has recommended and the highest rank given.
std::pair<long long, long long> recommended_count_and_max_rank(db::Conn& c, long long call_id, long long unit);
std::vector<long long> recommended_ids(db::Conn& c, long long call_id, long long unit);
void set_ranks(db::Conn& c, const std::vector<long long>& ids_in_order);
// Fills the package's 附件3 fields and scan from its row (if any); returns the remarks by case id.
boost::json::object load_package_fields(db::Conn& c, Package& pk);
// The recommended (or sent) cases in order, with the remark of each.
std::vector<PackageRow> package_rows(db::Conn& c, long long call_id, long long unit, const boost::json::object& remarks);
void upsert_package(db::Conn& c, long long call_id, long long unit, const std::string& name, const std::string& phone,
                    const std::string& remarks_json, long long now);
long long count_submitted(db::Conn& c, long long call_id, long long unit);
void mark_sent(db::Conn& c, long long call_id, long long unit, long long user, long long now);
// (reviewing unit, its name, status, count) for every case of the call.
std::vector<std::tuple<long long, std::string, std::string, long long>> status_counts(db::Conn& c, long long call_id);
// (reviewing unit, sent_at, has a stamped scan) for every package of the call.
std::vector<std::tuple<long long, std::optional<long long>, bool>> package_marks(db::Conn& c, long long call_id);
// (unit, cases in draft or returned) of the units that lead cases of the call.
std::vector<std::pair<long long, long long>> unsent_by_owner(db::Conn& c, long long call_id);
// (reviewing unit, cases still to review) of the units whose package has not been sent.
std::vector<std::pair<long long, long long>> unsent_packages(db::Conn& c, long long call_id);
struct SubmittedCase {
  std::string review_unit, unit, title, status, content_json;
  std::optional<long long> rank, submitted_at;
};
// Every case of the call that left its unit, by reviewing unit (code order), then rank.
std::vector<SubmittedCase> submitted_cases(db::Conn& c, long long call_id);
}  // namespace xt::cases::review_repo
