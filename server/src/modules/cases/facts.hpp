// What other modules (the city review, the public case library) may ask of the typical-case
// call: calls, the cases that reached the city, a case's write-up and evidence. Answered from
// the cases module's tables without a permission check: the asking module checks its own.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "core/docs/model.hpp"
#include "modules/cases/model.hpp"
#include "modules/cases/writeups/evidence.hpp"

namespace xt::cases::facts {

std::optional<Call> call(db::Conn& c, long long call_id);

struct SentCase {
  Case k;
  std::string review_unit_name;          // the district (or city-affiliated school) that sent it
  std::optional<long long> rank;         // its place in that unit's recommendation order
  std::vector<long long> partner_units;  // partners chosen from the unit tree
};
// The cases of a call that reached the city (sent in a package), by reviewing unit then rank;
// with `ids`, only those.
std::vector<SentCase> sent_cases(db::Conn& c, long long call_id, const std::vector<long long>& ids = {});
std::optional<SentCase> sent_case(db::Conn& c, long long case_id);

std::vector<Evidence> evidence(db::Conn& c, long long case_id);
std::optional<Evidence> evidence_item(db::Conn& c, long long evidence_id);

// The write-up in the 附件1 layout; `with_people` false leaves out the authors and the contact
// (the public library shows units only).
docs::Document document(const Call& call, const Case& k, bool with_people);
docs::Layout layout(const Call& call);
std::string file_name(const Case& k, const std::string& ext);
}  // namespace xt::cases::facts
