#include "modules/notices/repo.hpp"

namespace xt::notices::repo {
using db::Query;

bool insert(db::Conn& c, const Notice& n, long long now) {
  Query q("INSERT INTO notices (unit_id, user_id, cc_user_id, perm, kind, title, body, link, dedupe_key, created_at) VALUES (");
  q << q.bind(n.unit_id) << ", " << q.bind(n.user_id) << ", " << q.bind(n.cc_user_id) << ", " << q.bind(n.perm) << ", " << q.bind(n.kind) << ", " << q.bind(n.title)
    << ", " << q.bind(n.body) << ", " << q.bind(n.link) << ", "
    << (n.dedupe_key.empty() ? q.bind_null() : q.bind(n.dedupe_key)) << ", " << q.bind(now) << ")";
  if (!n.dedupe_key.empty()) q << " ON CONFLICT (dedupe_key) DO NOTHING";
  return c.exec(q) > 0;
}

Query visible(const access::Principal& p) {
  Query q("((n.unit_id = ");
  q << q.bind(p.unit_id) << " AND n.user_id IS NULL AND (n.perm = ''";
  if (!p.grants.empty()) {
    q << " OR n.perm IN (";
    bool first = true;
    for (auto& [code, _] : p.grants) {
      q << (first ? "" : ", ") << q.bind(code);
      first = false;
    }
    q << ")";
  }
  q << ")) OR n.user_id = " << q.bind(p.user_id) << " OR n.cc_user_id = " << q.bind(p.user_id) << ")";
  return q;
}

long long unread_for_unit(db::Conn& c, long long user_id, long long unit_id, const std::vector<std::string>& codes) {
  Query q("SELECT COUNT(*) FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = ");
  q << q.bind(user_id) << " WHERE r.notice_id IS NULL AND n.unit_id = " << q.bind(unit_id) << " AND n.user_id IS NULL AND (n.perm = ''";
  if (!codes.empty()) {
    q << " OR n.perm IN (";
    q << q.bind_list(codes);
    q << ")";
  }
  q << ")";
  return c.scalar(q);
}

namespace {
Query filtered(const char* select, const access::Principal& p, bool unread_only) {
  Query q(select);
  q << " FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = " << q.bind(p.user_id) << " WHERE ";
  q.append(visible(p));
  if (unread_only) q << " AND r.notice_id IS NULL";
  return q;
}
}  // namespace

std::vector<Notice> page(db::Conn& c, const access::Principal& p, bool unread_only, long long offset, int limit) {
  auto q = filtered("SELECT n.id, n.unit_id, n.user_id, n.perm, n.kind, n.title, n.body, n.link, n.created_at, r.read_at", p, unread_only);
  q << " ORDER BY n.created_at DESC, n.id DESC LIMIT " << q.bind((long long)limit) << " OFFSET " << q.bind(offset);
  std::vector<Notice> out;
  for (auto& r : c.rows(q)) {
    Notice n;
    n.id = r.i64(0);
    n.unit_id = r.opt_i64(1);
    n.user_id = r.opt_i64(2);
    n.perm = r.str(3);
    n.kind = r.str(4);
    n.title = r.str(5);
    n.body = r.str(6);
    n.link = r.str(7);
    n.created_at = r.i64(8);
    n.read = !r.null(9);
    out.push_back(std::move(n));
  }
  return out;
}

long long count(db::Conn& c, const access::Principal& p, bool unread_only) {
  return c.scalar(filtered("SELECT COUNT(*)", p, unread_only));
}

bool is_visible(db::Conn& c, const access::Principal& p, long long id) {
  Query q("SELECT COUNT(*) FROM notices n WHERE n.id = ");
  q << q.bind(id) << " AND ";
  q.append(visible(p));
  return c.scalar(q) > 0;
}

void mark_read(db::Conn& c, long long id, long long user_id, long long now) {
  Query q("INSERT INTO notice_reads (notice_id, user_id, read_at) VALUES (");
  q << q.bind(id) << ", " << q.bind(user_id) << ", " << q.bind(now) << ") ON CONFLICT (notice_id, user_id) DO NOTHING";
  c.exec(q);
}

long long mark_all_read(db::Conn& c, const access::Principal& p, long long now) {
  Query q("INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT n.id, ");
  q << q.bind(p.user_id) << ", " << q.bind(now) << " FROM notices n WHERE ";
  q.append(visible(p));
  q << " AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = " << q.bind(p.user_id) << ")";
  return c.exec(q);
}
}  // namespace xt::notices::repo
