// Evidence PDFs of a case: checked, stored by content, listed as the catalog (附件2).
#pragma once
#include "core/files/store.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {

struct Evidence {
  long long id = 0, case_id = 0, size = 0;
  int seq = 0, pages = 0, min_dpi = 0;
  std::string name, material_date, remark, sha256, original_name;
  long long created_at = 0;
  bool is_public = false;  // shown in the public case library once the case is selected
};

struct EvidenceInput { std::string name, material_date, remark, original_name; };

std::vector<Evidence> list_evidence(db::Conn& c, const access::Principal& p, long long case_id);
// temp_path is the streamed upload; on success it is moved into the store, otherwise removed by the caller.
Evidence add_evidence(db::Conn& c, const Caller& who, long long case_id, const std::string& temp_path, const EvidenceInput& in,
                      files::Store& uploads);
Evidence update_evidence(db::Conn& c, const Caller& who, long long evidence_id, const EvidenceInput& in);
void delete_evidence(db::Conn& c, const Caller& who, long long evidence_id, files::Store& uploads);
void order_evidence(db::Conn& c, const Caller& who, long long case_id, const std::vector<long long>& ids);
// The case's own unit shows the file in the public case library, or stops showing it.
Evidence set_evidence_public(db::Conn& c, const Caller& who, long long evidence_id, bool is_public);
// Every evidence of a case in catalog order, without a permission check (document builds).
std::vector<Evidence> evidence_of(db::Conn& c, long long case_id);
// The evidence and its case, when the principal may see the case.
Evidence get_evidence(db::Conn& c, const access::Principal& p, long long evidence_id);
}  // namespace xt::cases
