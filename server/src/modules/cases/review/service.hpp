// District preliminary review (区县初评): return, reject, recommend within the quota, order the
// recommendations, fill the summary table (附件3) and send the package to the city.
#pragma once
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {

struct PackageRow { long long case_id; int rank; std::string unit, title, phone, remark; };
struct Package {
  long long call_id = 0, review_unit_id = 0;
  std::string review_unit_name, contact_name, contact_phone;
  std::vector<PackageRow> rows;  // recommended (or sent) cases in order
  int quota = 0, remaining = 0;
  // The publishing bureau reviewing the units directly under it: it sends to itself, so no
  // stamped table is asked for and no arrival notice is sent.
  bool self_review = false;
  std::optional<long long> sent_at;
  // The stamped scan of the summary table (公章); empty name = not uploaded yet.
  std::string stamp_name, stamp_type, stamp_sha256;
  long long stamp_size = 0;
  std::optional<long long> stamp_at;
};

Case return_case(db::Conn& c, const Caller& who, long long id, const std::string& comment);
Case reject_case(db::Conn& c, const Caller& who, long long id, const std::string& reason);
Case recommend_case(db::Conn& c, const Caller& who, long long id, long long now);
void order_recommendations(db::Conn& c, const Caller& who, long long call_id, const std::vector<long long>& case_ids);
Package get_package(db::Conn& c, const access::Principal& p, long long call_id);
// Any reviewing unit's package, without a permission check (the caller checks).
Package package_of(db::Conn& c, long long call_id, long long review_unit_id);
Package save_package(db::Conn& c, const Caller& who, long long call_id, const std::string& contact_name, const std::string& contact_phone,
                     const std::vector<std::pair<long long, std::string>>& remarks);
// 403 cases.not_reviewer unless the active unit reviews cases (a bureau or a city-affiliated school).
void require_review_unit(db::Conn& c, const access::Principal& p);
// 409 cases.package_sent once the package has gone to the city.
void require_not_sent(db::Conn& c, long long call_id, long long review_unit_id);
Package send_package(db::Conn& c, const Caller& who, long long call_id, long long now);
// The city's live board: per reviewing unit, counts by status and whether the package arrived.
boost::json::array board(db::Conn& c, long long call_id);
}  // namespace xt::cases
