#include "modules/cases/files_repo.hpp"

namespace xt::cases::files_repo {
using db::Query;

namespace {
const char* kEvidence =
    "SELECT id, case_id, seq, name, material_date, remark, file_sha256, file_size, pages, min_dpi, original_name, created_at FROM case_evidence";
Evidence evidence_from(const db::Row& r) {
  Evidence e;
  e.id = r.i64(0); e.case_id = r.i64(1); e.seq = (int)r.i64(2); e.name = r.str(3); e.material_date = r.str(4); e.remark = r.str(5);
  e.sha256 = r.str(6); e.size = r.i64(7); e.pages = (int)r.i64(8); e.min_dpi = (int)r.i64(9); e.original_name = r.str(10); e.created_at = r.i64(11);
  return e;
}

const char* kCallFiles = "SELECT id, call_id, seq, name, content_type, file_sha256, file_size, created_at FROM case_call_files";
CallFile call_file_from(const db::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(6), r.i64(7), (int)r.i64(2), r.str(3), r.str(4), r.str(5)};
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

std::vector<CallFile> call_files_of(db::Conn& c, long long call_id) {
  Query q(std::string(kCallFiles) + " WHERE call_id = ");
  q << q.bind(call_id) << " ORDER BY seq, id";
  std::vector<CallFile> out;
  for (auto& r : c.rows(q)) out.push_back(call_file_from(r));
  return out;
}

std::optional<CallFile> find_call_file(db::Conn& c, long long id) {
  Query q(std::string(kCallFiles) + " WHERE id = ");
  q << q.bind(id);
  if (auto r = c.row(q)) return call_file_from(*r);
  return std::nullopt;
}

long long insert_call_file(db::Conn& c, const CallFile& f, long long creator) {
  Query q("INSERT INTO case_call_files (call_id, seq, name, content_type, file_sha256, file_size, creator_id, created_at) VALUES (");
  q << q.bind(f.call_id) << ", " << q.bind((long long)f.seq) << ", " << q.bind(f.name) << ", " << q.bind(f.content_type) << ", "
    << q.bind(f.sha256) << ", " << q.bind(f.size) << ", " << q.bind(creator) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  return c.scalar(q);
}

void delete_call_file(db::Conn& c, const CallFile& f) {
  Query d("DELETE FROM case_call_files WHERE id = ");
  d << d.bind(f.id);
  c.exec(d);
  Query rest("SELECT id FROM case_call_files WHERE call_id = ");
  rest << rest.bind(f.call_id) << " ORDER BY seq, id";
  long long seq = 0;
  for (auto& r : c.rows(rest)) {
    Query u("UPDATE case_call_files SET seq = ");
    u << u.bind(++seq) << " WHERE id = " << u.bind(r.i64(0));
    c.exec(u);
  }
}

void upsert_stamp(db::Conn& c, long long call_id, long long unit, const std::string& sha, const std::string& type, const std::string& name,
                  long long size, long long now) {
  Query q("INSERT INTO case_packages (call_id, review_unit_id, updated_at, stamp_sha256, stamp_type, stamp_name, stamp_size, stamp_at) VALUES (");
  q << q.bind(call_id) << ", " << q.bind(unit) << ", " << q.bind(now) << ", " << q.bind(sha) << ", " << q.bind(type) << ", " << q.bind(name)
    << ", " << q.bind(size) << ", " << q.bind(now)
    << ") ON CONFLICT (call_id, review_unit_id) DO UPDATE SET stamp_sha256 = excluded.stamp_sha256, stamp_type = excluded.stamp_type, "
    << "stamp_name = excluded.stamp_name, stamp_size = excluded.stamp_size, stamp_at = excluded.stamp_at, updated_at = excluded.updated_at";
  c.exec(q);
}

std::optional<StampFile> find_stamp(db::Conn& c, long long call_id, long long unit) {
  Query q("SELECT stamp_sha256, stamp_type, stamp_name FROM case_packages WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(unit) << " AND stamp_sha256 IS NOT NULL";
  if (auto r = c.row(q)) return StampFile{r->str(0), r->str(1), r->str(2)};
  return std::nullopt;
}
}  // namespace xt::cases::files_repo
