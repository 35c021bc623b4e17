#include "modules/cases/writeups/repo.hpp"

#include "core/audit/names.hpp"
#include "modules/cases/json.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases::repo {
using db::Query;
namespace bj = boost::json;

namespace {
const char* kCaseCols =
    "SELECT k.id, k.call_id, k.owner_unit_id, k.review_unit_id, k.creator_id, '', k.title, k.status, k.review_comment, "
    "k.version, k.content, k.submitted_at, k.created_at, k.updated_at FROM cases k";
Case case_from(const db::Row& r) {
  Case k;
  k.id = r.i64(0); k.call_id = r.i64(1); k.owner_unit_id = r.i64(2); k.review_unit_id = r.i64(3); k.creator_id = r.i64(4);
  k.owner_unit_name = r.str(5); k.title = r.str(6); k.status = r.str(7); k.review_comment = r.str(8); k.version = (int)r.i64(9);
  k.content = content_from(bj::parse(r.str(10)));
  k.submitted_at = r.opt_i64(11); k.created_at = r.i64(12); k.updated_at = r.i64(13);
  return k;
}

// The owner units' names, asked of org for the whole page at once.
void fill_unit_names(db::Conn& c, std::vector<Case>& cases) {
  std::vector<long long> ids;
  for (auto& k : cases) ids.push_back(k.owner_unit_id);
  auto names = org::facts::names(c, ids);
  for (auto& k : cases)
    if (auto it = names.find(k.owner_unit_id); it != names.end()) k.owner_unit_name = it->second;
}
}  // namespace

long long insert_case(db::Conn& c, const Case& k) {
  long long now = db::now_ms();
  auto content = bj::serialize(to_json(k.content));
  Query q("INSERT INTO cases (call_id, owner_unit_id, review_unit_id, creator_id, title, content, status, version, created_at, updated_at) VALUES (");
  q << q.bind(k.call_id) << ", " << q.bind(k.owner_unit_id) << ", " << q.bind(k.review_unit_id) << ", " << q.bind(k.creator_id) << ", "
    << q.bind(k.title) << ", " << q.bind(content) << ", 'draft', 1, " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  long long id = c.scalar(q);
  Query v("INSERT INTO case_versions (case_id, version, title, content, saved_at, saved_by) VALUES (");
  v << v.bind(id) << ", 1, " << v.bind(k.title) << ", " << v.bind(content) << ", " << v.bind(now) << ", " << v.bind(k.creator_id) << ")";
  c.exec(v);
  return id;
}

std::optional<Case> find_case(db::Conn& c, long long id) {
  Query q(std::string(kCaseCols) + " WHERE k.id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<Case> one{case_from(*r)};
  fill_unit_names(c, one);
  return one[0];
}

std::vector<std::pair<Case, std::optional<long long>>> cases_where(db::Conn& c, std::optional<long long> call_id, const std::string& status,
                                                                   const std::vector<long long>& ids) {
  std::string cols = kCaseCols;
  cols.replace(cols.find(" FROM cases k"), 13, ", k.recommend_rank FROM cases k");
  Query q(cols + " WHERE k.status = ");
  q << q.bind(status);
  if (call_id) q << " AND k.call_id = " << q.bind(*call_id);
  if (!ids.empty()) q << " AND k.id IN (" << q.bind_list(ids) << ")";
  q << " ORDER BY k.review_unit_id, k.recommend_rank, k.id";
  std::vector<Case> cases;
  std::vector<std::optional<long long>> ranks;
  for (auto& r : c.rows(q)) {
    cases.push_back(case_from(r));
    ranks.push_back(r.opt_i64(14));
  }
  fill_unit_names(c, cases);
  std::vector<std::pair<Case, std::optional<long long>>> out;
  for (size_t i = 0; i < cases.size(); ++i) out.emplace_back(std::move(cases[i]), ranks[i]);
  return out;
}

access::Columns case_columns() {
  access::Columns cols{"k.owner_unit_id", "k.creator_id", "k.id"};
  cols.units["review_unit"] = "k.review_unit_id";
  return cols;
}

std::pair<std::vector<Case>, long long> list_cases(db::Conn& c, const access::Principal& p, const CaseFilter& f, const app::Page& pg) {
  Query where(" WHERE ");
  access::scope_filter(where, p, "cases:case:list", {"k.owner_unit_id", "k.creator_id"});
  where << " AND (k.status <> 'draft' OR k.owner_unit_id = " << where.bind(p.unit_id) << ")";
  if (f.call_id) where << " AND k.call_id = " << where.bind(*f.call_id);
  if (!f.status.empty()) where << " AND k.status = " << where.bind(f.status);
  if (f.reviewing) {
    where << " AND k.status <> 'draft' AND ";
    access::scope_filter(where, p, "cases:case:review", case_columns());
  }
  if (!f.keyword.empty()) {
    auto like = db::like_contains(f.keyword);
    where << " AND (k.title LIKE " << where.bind(like) << " ESCAPE '\\'";
    auto units = org::facts::units_named(c, f.keyword, 500);
    if (!units.empty()) {
      where << " OR k.owner_unit_id IN (";
      where << where.bind_list(units);
      where << ")";
    }
    where << ")";
  }
  Query count("SELECT COUNT(*) FROM cases k");
  count.append(where);
  long long total = c.scalar(count);
  Query q(kCaseCols);
  q.append(where);
  q << " ORDER BY k.updated_at " << (pg.desc ? "DESC" : "ASC") << ", k.id LIMIT " << q.bind((long long)pg.size) << " OFFSET " << q.bind(pg.offset());
  std::vector<Case> out;
  for (auto& r : c.rows(q)) out.push_back(case_from(r));
  fill_unit_names(c, out);
  return {std::move(out), total};
}

bool update_content(db::Conn& c, long long id, int expected, const std::string& title, const Content& content, long long by) {
  long long now = db::now_ms();
  auto text = bj::serialize(to_json(content));
  Query q("UPDATE cases SET title = ");
  q << q.bind(title) << ", content = " << q.bind(text) << ", version = version + 1, updated_at = " << q.bind(now) << " WHERE id = "
    << q.bind(id) << " AND version = " << q.bind((long long)expected);
  if (c.exec(q) != 1) return false;
  Query v("INSERT INTO case_versions (case_id, version, title, content, saved_at, saved_by) VALUES (");
  v << v.bind(id) << ", " << v.bind((long long)expected + 1) << ", " << v.bind(title) << ", " << v.bind(text) << ", " << v.bind(now) << ", " << v.bind(by) << ")";
  c.exec(v);
  return true;
}

bool set_status(db::Conn& c, long long id, const std::vector<std::string>& from, const std::string& status, std::optional<long long> submitted_at) {
  Query q("UPDATE cases SET status = ");
  q << q.bind(status) << ", submitted_at = " << q.bind(submitted_at) << ", updated_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id)
    << " AND status IN (" << q.bind_list(from) << ")";
  return c.exec(q) == 1;
}

long long count_active_by_owner(db::Conn& c, long long call_id, long long owner_unit, long long except_case) {
  Query q("SELECT COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND owner_unit_id = " << q.bind(owner_unit) << " AND id <> " << q.bind(except_case)
    << " AND status IN ('submitted', 'recommended', 'sent')";  // a returned case is back with its unit: no place held
  return c.scalar(q);
}

long long count_active_by_reviewer(db::Conn& c, long long call_id, long long review_unit, long long except_case) {
  Query q("SELECT COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(review_unit) << " AND id <> " << q.bind(except_case)
    << " AND status IN ('submitted', 'recommended', 'sent')";  // a returned case is back with its unit: no place held
  return c.scalar(q);
}

bj::array versions(db::Conn& c, long long case_id) {
  Query q("SELECT version, title, saved_at, saved_by FROM case_versions WHERE case_id = ");
  q << q.bind(case_id) << " ORDER BY version DESC LIMIT 200";
  auto rows = c.rows(q);
  std::vector<long long> people;
  for (auto& r : rows)
    if (!r.null(3)) people.push_back(r.i64(3));
  auto names = org::facts::person_names(c, people);
  bj::array out;
  for (auto& r : rows) {
    auto it = r.null(3) ? names.end() : names.find(r.i64(3));
    out.push_back({{"version", r.i64(0)}, {"title", r.str(1)}, {"saved_at", r.i64(2)}, {"saved_by", it == names.end() ? "" : it->second}});
  }
  return out;
}

std::optional<std::pair<std::string, Content>> version(db::Conn& c, long long case_id, int v) {
  Query q("SELECT title, content FROM case_versions WHERE case_id = ");
  q << q.bind(case_id) << " AND version = " << q.bind((long long)v);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return std::make_pair(r->str(0), content_from(bj::parse(r->str(1))));
}

std::map<std::string, std::string> case_titles(db::Conn& c, const std::vector<long long>& ids) { return audit::names_by_id(c, "SELECT id, title FROM cases WHERE id", ids); }

std::map<std::string, long long> status_counts_of_owner(db::Conn& c, long long call_id, long long owner_unit) {
  Query q("SELECT status, COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND owner_unit_id = " << q.bind(owner_unit) << " GROUP BY status";
  std::map<std::string, long long> out;
  for (auto& r : c.rows(q)) out[r.str(0)] = r.i64(1);
  return out;
}

std::optional<std::tuple<long long, std::string, std::string>> latest_returned(db::Conn& c, long long call_id, long long owner_unit) {
  Query q("SELECT id, title, review_comment FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND owner_unit_id = " << q.bind(owner_unit) << " AND status = 'returned' ORDER BY updated_at DESC, id DESC LIMIT 1";
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return std::make_tuple(r->i64(0), r->str(1), r->str(2));
}
}  // namespace xt::cases::repo
