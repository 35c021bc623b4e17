#include "core/audit/audit.hpp"

#include "core/auth/password.hpp"

namespace xt::audit {

void change(Event& e, const std::string& field, const boost::json::value& before, const boost::json::value& after) {
  if (before == after) return;
  e.detail[field] = boost::json::array{before, after};
}

static std::string opt(const std::optional<long long>& v) { return v ? std::to_string(*v) : ""; }

std::string row_hash(const std::string& prev, long long at, const Actor& a, const Event& e, const std::string& detail) {
  std::string s;
  auto add = [&](const std::string& x) { s += std::to_string(x.size()); s += ':'; s += x; };
  add(prev); add(std::to_string(at)); add(opt(a.user_id)); add(a.username); add(opt(a.unit_id)); add(a.unit_name);
  add(a.ip); add(a.request_id); add(e.action); add(e.object_type); add(e.object_id); add(e.result); add(e.error_code); add(detail);
  return auth::sha256_hex(s);
}

namespace {
thread_local long long written = 0;
}
long long written_on_this_thread() { return written; }

void record(db::Conn& c, const Actor& a, const Event& e) {
  db::Query head("SELECT last_hash FROM audit_head WHERE id = 1");
  if (c.dialect() == db::Dialect::Postgres) head << " FOR UPDATE";
  auto prev = c.row(head)->str(0);
  long long at = db::now_ms();
  std::string detail = e.detail.empty() ? std::string() : boost::json::serialize(e.detail);
  auto h = row_hash(prev, at, a, e, detail);
  db::Query q("INSERT INTO audit_log (at, user_id, username, unit_id, unit_name, ip, request_id, action, object_type, object_id, result, error_code, detail, prev_hash, hash) VALUES (");
  q << q.bind(at) << ", " << q.bind(a.user_id) << ", " << q.bind(a.username) << ", " << q.bind(a.unit_id) << ", "
    << q.bind(a.unit_name) << ", " << q.bind(a.ip) << ", " << q.bind(a.request_id) << ", " << q.bind(e.action) << ", "
    << q.bind(e.object_type) << ", " << q.bind(e.object_id) << ", " << q.bind(e.result) << ", " << q.bind(e.error_code) << ", "
    << q.bind(detail) << ", " << q.bind(prev) << ", " << q.bind(h) << ")";
  c.exec(q);
  db::Query up("UPDATE audit_head SET last_hash = ");
  up << up.bind(h) << " WHERE id = 1";
  c.exec(up);
  ++written;
}

Verify verify(db::Conn& c) {
  Verify v;
  std::string prev = std::string(64, '0');
  long long last_id = 0;
  for (;;) {
    db::Query q("SELECT id, at, user_id, username, unit_id, unit_name, ip, request_id, action, object_type, object_id, result, error_code, detail, prev_hash, hash FROM audit_log WHERE id > ");
    q << q.bind(last_id) << " ORDER BY id LIMIT 5000";
    auto rows = c.rows(q);
    if (rows.empty()) break;
    for (auto& r : rows) {
      Actor a{r.opt_i64(2), r.str(3), r.opt_i64(4), r.str(5), r.str(6), r.str(7)};
      Event e;
      e.action = r.str(8); e.object_type = r.str(9); e.object_id = r.str(10); e.result = r.str(11); e.error_code = r.str(12);
      auto h = row_hash(prev, r.i64(1), a, e, r.str(13));
      ++v.rows;
      if (r.str(14) != prev || r.str(15) != h) {
        v.ok = false;
        v.first_broken_id = r.i64(0);
        return v;
      }
      prev = h;
      last_id = r.i64(0);
    }
  }
  // The head must match the last row, or rows were removed from the end.
  auto head = c.row(db::Query("SELECT last_hash FROM audit_head WHERE id = 1"));
  if (head && head->str(0) != prev) { v.ok = false; v.first_broken_id = last_id + 1; }
  return v;
}
}  // namespace xt::audit
