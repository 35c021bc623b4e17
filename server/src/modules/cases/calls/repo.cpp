#include "modules/cases/calls/repo.hpp"

#include "core/audit/names.hpp"
#include "modules/cases/json.hpp"

namespace xt::cases::repo {
using db::Query;
namespace bj = boost::json;

namespace {
Call call_from(const db::Row& r) {
  Call x;
  x.id = r.i64(0); x.title = r.str(1); x.notice = r.str(2);
  x.rules = rules_from(bj::parse(r.str(3)));
  x.deadline_at = r.i64(4); x.deadline_date = r.str(5); x.grace_minutes = (int)r.i64(6); x.status = r.str(7); x.created_at = r.i64(8);
  x.owner_unit_id = r.i64(9);
  return x;
}
const char* kCallCols = "SELECT id, title, notice, rules, deadline_at, deadline_date, grace_minutes, status, created_at, owner_unit_id FROM case_calls";
}  // namespace

long long insert_call(db::Conn& c, const Call& x, long long owner_unit, long long creator) {
  long long now = db::now_ms();
  Query q("INSERT INTO case_calls (title, notice, rules, deadline_at, deadline_date, grace_minutes, status, owner_unit_id, creator_id, created_at, updated_at) VALUES (");
  q << q.bind(x.title) << ", " << q.bind(x.notice) << ", " << q.bind(bj::serialize(to_json(x.rules))) << ", " << q.bind(x.deadline_at)
    << ", " << q.bind(x.deadline_date) << ", " << q.bind((long long)x.grace_minutes) << ", " << q.bind(x.status) << ", "
    << q.bind(owner_unit) << ", " << q.bind(creator) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  return c.scalar(q);
}

void update_call(db::Conn& c, const Call& x) {
  Query q("UPDATE case_calls SET title = ");
  q << q.bind(x.title) << ", notice = " << q.bind(x.notice) << ", rules = " << q.bind(bj::serialize(to_json(x.rules)))
    << ", deadline_at = " << q.bind(x.deadline_at) << ", deadline_date = " << q.bind(x.deadline_date) << ", grace_minutes = "
    << q.bind((long long)x.grace_minutes) << ", status = " << q.bind(x.status) << ", updated_at = " << q.bind(db::now_ms())
    << " WHERE id = " << q.bind(x.id);
  c.exec(q);
}

std::optional<Call> find_call(db::Conn& c, long long id) {
  Query q(std::string(kCallCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  return r ? std::optional<Call>(call_from(*r)) : std::nullopt;
}

std::vector<Call> list_calls(db::Conn& c) {
  std::vector<Call> out;
  for (auto& r : c.rows(Query(std::string(kCallCols) + " ORDER BY deadline_at DESC, id DESC LIMIT 200"))) out.push_back(call_from(r));
  return out;
}

void lock_call(db::Conn& c, long long id) {
  if (c.dialect() != db::Dialect::Postgres) return;  // SQLite write transactions are already serial
  Query q("SELECT id FROM case_calls WHERE id = ");
  q << q.bind(id) << " FOR UPDATE";
  c.rows(q);
}

void copy_call_files(db::Conn& c, long long from, long long to, long long creator) {
  Query q("INSERT INTO case_call_files (call_id, seq, name, content_type, file_sha256, file_size, creator_id, created_at) SELECT ");
  q << q.bind(to) << ", seq, name, content_type, file_sha256, file_size, " << q.bind(creator) << ", " << q.bind(db::now_ms())
    << " FROM case_call_files WHERE call_id = " << q.bind(from);
  c.exec(q);
}

std::map<std::string, std::string> call_titles(db::Conn& c, const std::vector<long long>& ids) { return audit::names_by_id(c, "SELECT id, title FROM case_calls WHERE id", ids); }
}  // namespace xt::cases::repo
