#include "modules/cases/review/repo.hpp"

#include <algorithm>

#include "modules/org/facts.hpp"

#include <boost/json.hpp>

namespace xt::cases::review_repo {
namespace bj = boost::json;
using db::Query;

bool set_review(db::Conn& c, long long id, const std::vector<std::string>& from, const std::string& status, const std::string& comment,
                std::optional<long long> rank) {
  Query q("UPDATE cases SET status = ");
  q << q.bind(status) << ", review_comment = " << q.bind(comment) << ", recommend_rank = " << q.bind(rank) << ", updated_at = "
    << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id) << " AND status IN (" << q.bind_list(from) << ")";
  return c.exec(q) == 1;
}

std::optional<long long> sent_at(db::Conn& c, long long call_id, long long unit) {
  Query q("SELECT sent_at FROM case_packages WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(unit);
  auto r = c.row(q);
  return r ? r->opt_i64(0) : std::nullopt;
}

std::pair<long long, long long> recommended_count_and_max_rank(db::Conn& c, long long call_id, long long unit) {
  Query n("SELECT COUNT(*), MAX(recommend_rank) FROM cases WHERE call_id = ");
  n << n.bind(call_id) << " AND review_unit_id = " << n.bind(unit) << " AND status = 'recommended'";
  auto row = c.row(n);
  return {row->i64(0), row->null(1) ? 0 : row->i64(1)};
}

std::vector<long long> recommended_ids(db::Conn& c, long long call_id, long long unit) {
  Query q("SELECT id FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(unit) << " AND status = 'recommended' ORDER BY id";
  std::vector<long long> ids;
  for (auto& r : c.rows(q)) ids.push_back(r.i64(0));
  return ids;
}

void set_ranks(db::Conn& c, const std::vector<long long>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    Query u("UPDATE cases SET recommend_rank = ");
    u << u.bind((long long)i + 1) << " WHERE id = " << u.bind(ids[i]);
    c.exec(u);
  }
}

bj::object load_package_fields(db::Conn& c, Package& pk) {
  Query q("SELECT contact_name, contact_phone, remarks, sent_at, stamp_name, stamp_type, stamp_size, stamp_at, stamp_sha256 FROM case_packages WHERE call_id = ");
  q << q.bind(pk.call_id) << " AND review_unit_id = " << q.bind(pk.review_unit_id);
  auto r = c.row(q);
  if (!r) return {};
  pk.contact_name = r->str(0);
  pk.contact_phone = r->str(1);
  pk.sent_at = r->opt_i64(3);
  pk.stamp_name = r->str(4);
  pk.stamp_type = r->str(5);
  pk.stamp_size = r->i64(6);
  pk.stamp_at = r->opt_i64(7);
  pk.stamp_sha256 = r->str(8);
  return bj::parse(r->str(2)).as_object();
}

std::vector<PackageRow> package_rows(db::Conn& c, long long call_id, long long unit, const bj::object& remarks) {
  Query k("SELECT k.id, k.recommend_rank, k.owner_unit_id, k.title, k.content FROM cases k WHERE k.call_id = ");
  k << k.bind(call_id) << " AND k.review_unit_id = " << k.bind(unit) << " AND k.status IN ('recommended', 'sent') ORDER BY k.recommend_rank, k.id";
  auto found = c.rows(k);
  std::vector<long long> owners;
  for (auto& r : found) owners.push_back(r.i64(2));
  auto names = org::facts::names(c, owners);
  std::vector<PackageRow> rows;
  for (auto& r : found) {
    auto content = bj::parse(r.str(4));
    auto key = std::to_string(r.i64(0));
    rows.push_back({r.i64(0), (int)r.i64(1), names[r.i64(2)], r.str(3), std::string(content.at("contact_phone").as_string()),
                    remarks.contains(key) ? std::string(remarks.at(key).as_string()) : ""});
  }
  return rows;
}

void upsert_package(db::Conn& c, long long call_id, long long unit, const std::string& name, const std::string& phone,
                    const std::string& remarks_json, long long now) {
  Query ins("INSERT INTO case_packages (call_id, review_unit_id, contact_name, contact_phone, remarks, updated_at) VALUES (");
  ins << ins.bind(call_id) << ", " << ins.bind(unit) << ", " << ins.bind(name) << ", " << ins.bind(phone) << ", " << ins.bind(remarks_json)
      << ", " << ins.bind(now) << ") ON CONFLICT (call_id, review_unit_id) DO UPDATE SET "
      << "contact_name = excluded.contact_name, contact_phone = excluded.contact_phone, remarks = excluded.remarks, updated_at = excluded.updated_at";
  c.exec(ins);
}

long long count_submitted(db::Conn& c, long long call_id, long long unit) {
  Query q("SELECT COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(unit) << " AND status = 'submitted'";
  return c.scalar(q);
}

void mark_sent(db::Conn& c, long long call_id, long long unit, long long user, long long now) {
  Query up("UPDATE cases SET status = 'sent', updated_at = ");
  up << up.bind(now) << " WHERE call_id = " << up.bind(call_id) << " AND review_unit_id = " << up.bind(unit) << " AND status = 'recommended'";
  c.exec(up);
  Query s("UPDATE case_packages SET sent_at = ");
  s << s.bind(now) << ", sent_by = " << s.bind(user) << " WHERE call_id = " << s.bind(call_id) << " AND review_unit_id = " << s.bind(unit);
  c.exec(s);
}

std::vector<std::tuple<long long, std::string, std::string, long long>> status_counts(db::Conn& c, long long call_id) {
  Query q("SELECT review_unit_id, status, COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " GROUP BY review_unit_id, status ORDER BY review_unit_id";
  auto rows = c.rows(q);
  std::vector<long long> units;
  for (auto& r : rows) units.push_back(r.i64(0));
  auto names = org::facts::names(c, units);
  std::vector<std::tuple<long long, std::string, std::string, long long>> out;
  for (auto& r : rows) out.emplace_back(r.i64(0), names[r.i64(0)], r.str(1), r.i64(2));
  return out;
}

std::vector<std::tuple<long long, std::optional<long long>, bool>> package_marks(db::Conn& c, long long call_id) {
  Query q("SELECT review_unit_id, sent_at, stamp_sha256 FROM case_packages WHERE call_id = ");
  q << q.bind(call_id);
  std::vector<std::tuple<long long, std::optional<long long>, bool>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.opt_i64(1), !r.null(2));
  return out;
}
std::vector<std::pair<long long, long long>> unsent_by_owner(db::Conn& c, long long call_id) {
  Query q("SELECT owner_unit_id, COUNT(*) FROM cases WHERE call_id = ");
  q << q.bind(call_id) << " AND status IN ('draft', 'returned') GROUP BY owner_unit_id";
  std::vector<std::pair<long long, long long>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

std::vector<std::pair<long long, long long>> unsent_packages(db::Conn& c, long long call_id) {
  Query q("SELECT k.review_unit_id, SUM(CASE WHEN k.status = 'submitted' THEN 1 ELSE 0 END) FROM cases k WHERE k.call_id = ");
  q << q.bind(call_id) << " AND k.status IN ('submitted', 'recommended') AND NOT EXISTS (SELECT 1 FROM case_packages p WHERE p.call_id = k.call_id "
    << "AND p.review_unit_id = k.review_unit_id AND p.sent_at IS NOT NULL) GROUP BY k.review_unit_id";
  std::vector<std::pair<long long, long long>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.i64(1));
  return out;
}
std::vector<SubmittedCase> submitted_cases(db::Conn& c, long long call_id) {
  Query q("SELECT k.review_unit_id, k.recommend_rank, k.owner_unit_id, k.title, k.status, k.content, k.submitted_at FROM cases k WHERE k.call_id = ");
  q << q.bind(call_id) << " AND k.status <> 'draft' ORDER BY CASE WHEN k.recommend_rank IS NULL THEN 1 ELSE 0 END, k.recommend_rank, k.id";
  auto rows = c.rows(q);
  std::vector<long long> ids;
  for (auto& r : rows) ids.push_back(r.i64(0)), ids.push_back(r.i64(2));
  auto units = org::facts::units(c, ids);
  auto code = [&](long long id) { auto it = units.find(id); return it == units.end() ? std::string() : it->second.code; };
  auto name = [&](long long id) { auto it = units.find(id); return it == units.end() ? std::string() : it->second.name; };
  // by reviewing unit in code order, and within one as the query ordered them
  std::stable_sort(rows.begin(), rows.end(), [&](const db::Row& a, const db::Row& b) { return code(a.i64(0)) < code(b.i64(0)); });
  std::vector<SubmittedCase> out;
  for (auto& r : rows) out.push_back({name(r.i64(0)), name(r.i64(2)), r.str(3), r.str(4), r.str(5), r.opt_i64(1), r.opt_i64(6)});
  return out;
}
}  // namespace xt::cases::review_repo
