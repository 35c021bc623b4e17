#include "modules/cases/calls/files_repo.hpp"

namespace xt::cases::files_repo {
using db::Query;

namespace {
const char* kCallFiles = "SELECT id, call_id, seq, name, content_type, file_sha256, file_size, created_at FROM case_call_files";
CallFile call_file_from(const db::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(6), r.i64(7), (int)r.i64(2), r.str(3), r.str(4), r.str(5)};
}
}  // namespace

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
}  // namespace xt::cases::files_repo
