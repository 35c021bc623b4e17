#include "modules/system/audit_repo.hpp"

#include "core/audit/names.hpp"
#include "core/http/errors.hpp"
#include "modules/org/repo.hpp"

namespace xt::sys::auditlog {
using db::Query;

Filter filter_from(const http::Request& r) {
  Filter f;
  f.username = r.query_param("username").value_or("");
  f.user = r.query_param("user").value_or("");
  if (f.user.size() > 100) throw bad_request("request.too_long", "用户名或姓名不超过100字", "user");
  f.action = r.query_param("action").value_or("");
  f.result = r.query_param("result").value_or("");
  f.from = app::int_param(r, "from", 0, app::kMaxId);  // ms since the epoch
  f.to = app::int_param(r, "to", 0, app::kMaxId);
  if (!f.result.empty() && f.result != "success" && f.result != "failure")
    throw bad_request("request.bad_param", "result 应为 success 或 failure", "result");
  return f;
}

std::pair<boost::json::array, long long> list(db::Conn& c, const Filter& f, const app::Page& pg) {
  Query where(" FROM audit_log WHERE 1=1");
  if (!f.username.empty()) where << " AND username = " << where.bind(f.username);
  if (!f.user.empty()) {
    // Matched against the accounts (names live there), then the log's own username column.
    auto ids = org::repo::user_ids_matching(c, f.user, 500);
    where << " AND (username LIKE " << where.bind(db::like_contains(f.user)) << " ESCAPE '\\'";
    if (!ids.empty()) {
      where << " OR user_id IN (";
      where << where.bind_list(ids);
      where << ")";
    }
    where << ")";
  }
  if (!f.action.empty()) {
    where << " AND action LIKE " << where.bind(db::like_contains(f.action)) << " ESCAPE '\\'";
  }
  if (!f.result.empty()) where << " AND result = " << where.bind(f.result);
  if (f.from) where << " AND at >= " << where.bind(*f.from);
  if (f.to) where << " AND at <= " << where.bind(*f.to);
  Query count("SELECT COUNT(*)");
  count.append(where);
  long long total = c.scalar(count);
  Query q("SELECT id, at, username, unit_name, ip, action, object_type, object_id, result, error_code, detail, user_id");
  q.append(where);
  q << " ORDER BY id " << (pg.desc ? "DESC" : "ASC") << " LIMIT " << q.bind((long long)pg.size) << " OFFSET " << q.bind(pg.offset());
  auto rows = c.rows(q);
  // Names of the people and objects on this page, asked of the modules that own them.
  std::map<std::string, std::vector<std::string>> ids;
  for (auto& r : rows) {
    if (!r.null(11)) ids["user"].push_back(std::to_string(r.i64(11)));
    if (!r.str(6).empty() && !r.str(7).empty()) ids[r.str(6)].push_back(r.str(7));
  }
  auto names = audit::names_of(c, ids);
  auto name_of = [&](const std::string& type, const std::string& id) -> std::string {
    auto t = names.find(type);
    if (t == names.end()) return "";
    auto n = t->second.find(id);
    return n == t->second.end() ? "" : n->second;
  };
  boost::json::array items;
  for (auto& r : rows) {
    boost::json::value detail = nullptr;
    if (!r.str(10).empty()) {
      boost::system::error_code ec;
      detail = boost::json::parse(r.str(10), ec);
      if (ec) detail = r.str(10);
    }
    items.push_back({{"id", r.i64(0)}, {"at", r.i64(1)}, {"username", r.str(2)}, {"unit_name", r.str(3)}, {"ip", r.str(4)},
                     {"action", r.str(5)}, {"object_type", r.str(6)}, {"object_id", r.str(7)}, {"result", r.str(8)},
                     {"error_code", r.str(9)}, {"detail", detail},
                     {"user_name", r.null(11) ? std::string() : name_of("user", std::to_string(r.i64(11)))},
                     {"object_name", name_of(r.str(6), r.str(7))}});
  }
  return {std::move(items), total};
}
}  // namespace xt::sys::auditlog
