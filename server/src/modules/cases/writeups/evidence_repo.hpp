// SQL of a case's evidence PDFs (附件2 catalog).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/writeups/evidence.hpp"

namespace xt::cases::files_repo {
// Evidence of a case in catalog order; one by id.
std::vector<Evidence> evidence_of_case(db::Conn& c, long long case_id);
std::optional<Evidence> find_evidence(db::Conn& c, long long id);
// e.case_id, seq, name, material_date, remark, sha256, size, pages, min_dpi, original_name.
long long insert_evidence(db::Conn& c, const Evidence& e, long long creator);
void update_evidence(db::Conn& c, long long id, const EvidenceInput& in);
void delete_evidence(db::Conn& c, long long id);
// Sequence numbers 1..n in the given order.
void renumber_evidence(db::Conn& c, const std::vector<long long>& ids);
// Shown in the public case library or not (moves the version "case_evidence_public" on).
void set_public(db::Conn& c, long long id, bool is_public);
// The case changed (its documents are out of date).
void touch_case(db::Conn& c, long long case_id);
}  // namespace xt::cases::files_repo
