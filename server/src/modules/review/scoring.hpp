// The expert's side: the cases assigned to them with progress, a case to read (masked in a
// blind review), the score sheet saved as a draft while typing, submitted, and revised until
// the review closes. An expert reaches only their own assignments (404 otherwise, the same
// answer as for an id that does not exist) and never sees another expert's scores.
#pragma once
#include <boost/json.hpp>

#include "core/access/access.hpp"
#include "modules/cases/writeups/evidence.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {

boost::json::object my_assignments(db::Conn& c, const access::Principal& p);
// The case as the expert reads it, the sheet and the expert's own scores.
boost::json::object open_assignment(db::Conn& c, const access::Principal& p, long long assignment_id);
// Saves a draft, or (submit) checks that every criterion is scored and submits.
boost::json::object save_sheet(db::Conn& c, const Caller& who, long long assignment_id, const boost::json::value& scores,
                               const std::string& comment, bool submit, long long now);
struct EvidenceFile {
  std::string sha256, name;
};
// An evidence PDF of an assigned case, with its name masked in a blind review.
EvidenceFile evidence_file(db::Conn& c, const access::Principal& p, long long assignment_id, long long evidence_id);
}  // namespace xt::review
