#include "modules/cases/writeups/evidence_repo.hpp"

#include "core/db/versioned_cache.hpp"

namespace xt::cases::files_repo {
using db::Query;

namespace {
const char* kEvidence =
    "SELECT id, case_id, seq, name, material_date, remark, file_sha256, file_size, pages, min_dpi, original_name, created_at, is_public FROM case_evidence";
Evidence evidence_from(const db::Row& r) {
  Evidence e;
  e.id = r.i64(0); e.case_id = r.i64(1); e.seq = (int)r.i64(2); e.name = r.str(3); e.material_date = r.str(4); e.remark = r.str(5);
  e.sha256 = r.str(6); e.size = r.i64(7); e.pages = (int)r.i64(8); e.min_dpi = (int)r.i64(9); e.original_name = r.str(10); e.created_at = r.i64(11); e.is_public = r.flag(12);
  return e;
}
}  // namespace

std::vector<Evidence> evidence_of_case(db::Conn& c, long long case_id) {
  Query q(std::string(kEvidence) + " WHERE case_id = ");
  q << q.bind(case_id) << " ORDER BY seq, id";
  std::vector<Evidence> out;
  for (auto& r : c.rows(q)) out.push_back(evidence_from(r));
  return out;
}

std::optional<Evidence> find_evidence(db::Conn& c, long long id) {
  Query q(std::string(kEvidence) + " WHERE id = ");
  q << q.bind(id);
  if (auto r = c.row(q)) return evidence_from(*r);
  return std::nullopt;
}

long long insert_evidence(db::Conn& c, const Evidence& e, long long creator) {
  Query q("INSERT INTO case_evidence (case_id, seq, name, material_date, remark, file_sha256, file_size, pages, min_dpi, original_name, creator_id, created_at) VALUES (");
  q << q.bind(e.case_id) << ", " << q.bind((long long)e.seq) << ", " << q.bind(e.name) << ", " << q.bind(e.material_date) << ", "
    << q.bind(e.remark) << ", " << q.bind(e.sha256) << ", " << q.bind(e.size) << ", " << q.bind((long long)e.pages) << ", "
    << q.bind((long long)e.min_dpi) << ", " << q.bind(e.original_name) << ", " << q.bind(creator) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  return c.scalar(q);
}

void update_evidence(db::Conn& c, long long id, const EvidenceInput& in) {
  Query u("UPDATE case_evidence SET name = ");
  u << u.bind(in.name) << ", material_date = " << u.bind(in.material_date) << ", remark = " << u.bind(in.remark) << " WHERE id = " << u.bind(id);
  c.exec(u);
}

void delete_evidence(db::Conn& c, long long id) {
  Query d("DELETE FROM case_evidence WHERE id = ");
  d << d.bind(id);
  c.exec(d);
}

void renumber_evidence(db::Conn& c, const std::vector<long long>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    Query u("UPDATE case_evidence SET seq = ");
    u << u.bind((long long)i + 1) << " WHERE id = " << u.bind(ids[i]);
    c.exec(u);
  }
}

void touch_case(db::Conn& c, long long case_id) {
  Query q("UPDATE cases SET updated_at = ");
  q << q.bind(db::now_ms()) << " WHERE id = " << q.bind(case_id);
  c.exec(q);
}
void set_public(db::Conn& c, long long id, bool is_public) {
  Query q("UPDATE case_evidence SET is_public = ");
  q << q.bind((long long)is_public) << " WHERE id = " << q.bind(id);
  c.exec(q);
  db::bump_version(c, "case_evidence_public");
}
}  // namespace xt::cases::files_repo
