// SQL of the files a call and its cases carry: evidence PDFs (附件2 catalog), the notice's
// attachments, and the stamped scan of a reviewing unit's summary table.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/call_files.hpp"
#include "modules/cases/evidence.hpp"
#include "modules/cases/stamp.hpp"

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
// The case changed (its documents are out of date).
void touch_case(db::Conn& c, long long case_id);

std::vector<CallFile> call_files_of(db::Conn& c, long long call_id);
std::optional<CallFile> find_call_file(db::Conn& c, long long id);
long long insert_call_file(db::Conn& c, const CallFile& f, long long creator);
// Removes one and numbers the rest of the call's attachments 1..n.
void delete_call_file(db::Conn& c, const CallFile& f);

void upsert_stamp(db::Conn& c, long long call_id, long long unit, const std::string& sha256, const std::string& type,
                  const std::string& name, long long size, long long now);
std::optional<StampFile> find_stamp(db::Conn& c, long long call_id, long long unit);
}  // namespace xt::cases::files_repo
