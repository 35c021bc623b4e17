#include "modules/review/repo.hpp"

#include <boost/json.hpp>

#include "modules/review/sheet.hpp"

namespace xt::review::repo {
using db::Query;
namespace bj = boost::json;

namespace {
const char* kReviewCols =
    "SELECT id, call_id, status, k, blind, sheet, ends_on, select_limit, exception_note, proposal_at, closed_at, published_at, "
    "owner_unit_id, creator_id, version, created_at, updated_at FROM reviews";
Review review_from(const db::Row& r) {
  Review x;
  x.id = r.i64(0); x.call_id = r.i64(1); x.status = r.str(2); x.k = (int)r.i64(3); x.blind = r.flag(4);
  x.sheet = sheet_from(bj::parse(r.str(5)));
  x.ends_on = r.str(6); x.select_limit = (int)r.i64(7); x.exception_note = r.str(8);
  x.proposal_at = r.opt_i64(9); x.closed_at = r.opt_i64(10); x.published_at = r.opt_i64(11);
  x.owner_unit_id = r.i64(12); x.creator_id = r.i64(13); x.version = (int)r.i64(14); x.created_at = r.i64(15); x.updated_at = r.i64(16);
  return x;
}
std::vector<Review> reviews_of(db::Conn& c, const Query& q) {
  std::vector<Review> out;
  for (auto& r : c.rows(q)) out.push_back(review_from(r));
  return out;
}

std::vector<std::string> strings_of(const std::string& json) {
  std::vector<std::string> out;
  auto v = bj::parse(json);
  for (auto& s : v.as_array())
    if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}
std::string json_of(const std::vector<std::string>& v) {
  bj::array a;
  for (auto& s : v) a.emplace_back(s);
  return bj::serialize(a);
}

const char* kAssignmentCols =
    "SELECT id, review_id, case_id, user_id, how, scores, comment, saved_at, submitted_at, assigned_at FROM review_assignments";
Assignment assignment_from(const db::Row& r) {
  Assignment a;
  a.id = r.i64(0); a.review_id = r.i64(1); a.case_id = r.i64(2); a.user_id = r.i64(3); a.how = r.str(4);
  auto scores = bj::parse(r.str(5));
  for (auto& [k, v] : scores.as_object()) a.scores[std::string(k)] = v.is_double() ? v.as_double() : (double)v.to_number<double>();
  a.comment = r.str(6); a.saved_at = r.opt_i64(7); a.submitted_at = r.opt_i64(8); a.assigned_at = r.i64(9);
  return a;
}
}  // namespace

long long insert_review(db::Conn& c, const Review& r) {
  long long now = db::now_ms();
  Query q("INSERT INTO reviews (call_id, status, k, blind, sheet, ends_on, select_limit, owner_unit_id, creator_id, created_at, updated_at) VALUES (");
  q << q.bind(r.call_id) << ", 'open', " << q.bind((long long)r.k) << ", " << q.bind((long long)r.blind) << ", "
    << q.bind(bj::serialize(to_json(r.sheet))) << ", " << q.bind(r.ends_on) << ", " << q.bind((long long)r.select_limit) << ", "
    << q.bind(r.owner_unit_id) << ", " << q.bind(r.creator_id) << ", " << q.bind(now) << ", " << q.bind(now) << ") RETURNING id";
  return c.scalar(q);
}

std::optional<Review> find_review(db::Conn& c, long long id) {
  Query q(std::string(kReviewCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  return r ? std::optional<Review>(review_from(*r)) : std::nullopt;
}

std::optional<Review> find_by_call(db::Conn& c, long long call_id) {
  Query q(std::string(kReviewCols) + " WHERE call_id = ");
  q << q.bind(call_id);
  auto r = c.row(q);
  return r ? std::optional<Review>(review_from(*r)) : std::nullopt;
}

std::vector<Review> list_reviews(db::Conn& c) { return reviews_of(c, Query(std::string(kReviewCols) + " ORDER BY id DESC")); }
std::vector<Review> published_reviews(db::Conn& c) {
  return reviews_of(c, Query(std::string(kReviewCols) + " WHERE status = 'published' ORDER BY published_at DESC"));
}

bool update_settings(db::Conn& c, const Review& r, long long now) {
  Query q("UPDATE reviews SET k = ");
  q << q.bind((long long)r.k) << ", blind = " << q.bind((long long)r.blind) << ", sheet = " << q.bind(bj::serialize(to_json(r.sheet)))
    << ", ends_on = " << q.bind(r.ends_on) << ", select_limit = " << q.bind((long long)r.select_limit) << ", version = version + 1, updated_at = "
    << q.bind(now) << " WHERE id = " << q.bind(r.id) << " AND version = " << q.bind((long long)r.version);
  return c.exec(q) > 0;
}

void lock_review(db::Conn& c, long long id) {
  Query q("UPDATE reviews SET call_id = call_id WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}

void set_status(db::Conn& c, long long id, const std::string& status, long long now, std::optional<long long> by, const std::string& note) {
  Query q("UPDATE reviews SET status = ");
  q << q.bind(status) << ", updated_at = " << q.bind(now);
  if (status == "closed") q << ", closed_at = " << q.bind(now);
  if (status == "published") {
    q << ", closed_at = COALESCE(closed_at, " << q.bind(now) << "), published_at = " << q.bind(now) << ", published_by = " << q.bind(by)
      << ", exception_note = " << q.bind(note);
  }
  q << " WHERE id = " << q.bind(id);
  c.exec(q);
}

void set_proposal(db::Conn& c, long long id, const std::optional<std::string>& json, long long now) {
  Query q("UPDATE reviews SET proposal = ");
  q << q.bind(json) << ", proposal_at = " << (json ? q.bind(now) : q.bind_null()) << " WHERE id = " << q.bind(id);
  c.exec(q);
}

std::optional<std::string> proposal(db::Conn& c, long long id) {
  Query q("SELECT proposal FROM reviews WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  return r ? r->opt_str(0) : std::nullopt;
}

namespace {
const char* kExpertCols = "SELECT user_id, unit_id, fields, status, account_created, reminded_at FROM review_experts";
ExpertRow expert_from(const db::Row& r) { return {r.i64(0), r.i64(1), strings_of(r.str(2)), r.str(3), r.flag(4), r.opt_i64(5)}; }
}  // namespace

std::vector<ExpertRow> experts(db::Conn& c, long long review_id) {
  Query q(std::string(kExpertCols) + " WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY added_at, user_id";
  std::vector<ExpertRow> out;
  for (auto& r : c.rows(q)) out.push_back(expert_from(r));
  return out;
}

std::optional<ExpertRow> find_expert(db::Conn& c, long long review_id, long long user_id) {
  Query q(std::string(kExpertCols) + " WHERE review_id = ");
  q << q.bind(review_id) << " AND user_id = " << q.bind(user_id);
  auto r = c.row(q);
  return r ? std::optional<ExpertRow>(expert_from(*r)) : std::nullopt;
}

void insert_expert(db::Conn& c, long long review_id, const ExpertRow& e, long long by, long long now) {
  Query q("INSERT INTO review_experts (review_id, user_id, unit_id, fields, status, account_created, added_at, added_by) VALUES (");
  q << q.bind(review_id) << ", " << q.bind(e.user_id) << ", " << q.bind(e.unit_id) << ", " << q.bind(json_of(e.fields)) << ", 'active', "
    << q.bind((long long)e.account_created) << ", " << q.bind(now) << ", " << q.bind(by) << ")";
  c.exec(q);
}

void update_expert(db::Conn& c, long long review_id, long long user_id, const std::vector<std::string>& fields, const std::string& status) {
  Query q("UPDATE review_experts SET fields = ");
  q << q.bind(json_of(fields)) << ", status = " << q.bind(status) << " WHERE review_id = " << q.bind(review_id) << " AND user_id = " << q.bind(user_id);
  c.exec(q);
}

void set_reminded(db::Conn& c, long long review_id, long long user_id, long long now) {
  Query q("UPDATE review_experts SET reminded_at = ");
  q << q.bind(now) << " WHERE review_id = " << q.bind(review_id) << " AND user_id = " << q.bind(user_id);
  c.exec(q);
}

std::vector<long long> reviews_of_expert(db::Conn& c, long long user_id) {
  Query q("SELECT e.review_id FROM review_experts e JOIN reviews r ON r.id = e.review_id WHERE e.user_id = ");
  q << q.bind(user_id) << " AND e.status = 'active' AND r.status = 'open' ORDER BY e.review_id";
  std::vector<long long> out;
  for (auto& r : c.rows(q)) out.push_back(r.i64(0));
  return out;
}

std::vector<std::tuple<long long, long long, std::string>> declared_conflicts(db::Conn& c, long long review_id) {
  Query q("SELECT user_id, unit_id, note FROM review_declared_conflicts WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY user_id, unit_id";
  std::vector<std::tuple<long long, long long, std::string>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.i64(1), r.str(2));
  return out;
}

void insert_conflict(db::Conn& c, long long review_id, long long user_id, long long unit_id, const std::string& note) {
  Query d("DELETE FROM review_declared_conflicts WHERE review_id = ");
  d << d.bind(review_id) << " AND user_id = " << d.bind(user_id) << " AND unit_id = " << d.bind(unit_id);
  c.exec(d);
  Query q("INSERT INTO review_declared_conflicts (review_id, user_id, unit_id, note) VALUES (");
  q << q.bind(review_id) << ", " << q.bind(user_id) << ", " << q.bind(unit_id) << ", " << q.bind(note) << ")";
  c.exec(q);
}

bool delete_conflict(db::Conn& c, long long review_id, long long user_id, long long unit_id) {
  Query d("DELETE FROM review_declared_conflicts WHERE review_id = ");
  d << d.bind(review_id) << " AND user_id = " << d.bind(user_id) << " AND unit_id = " << d.bind(unit_id);
  return c.exec(d) > 0;
}

std::vector<std::tuple<long long, long long, std::string>> pair_marks(db::Conn& c, long long review_id) {
  Query q("SELECT case_id, user_id, mark FROM review_pair_marks WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY case_id, user_id";
  std::vector<std::tuple<long long, long long, std::string>> out;
  for (auto& r : c.rows(q)) out.emplace_back(r.i64(0), r.i64(1), r.str(2));
  return out;
}

void set_pair_mark(db::Conn& c, long long review_id, long long case_id, long long user_id, const std::string& mark) {
  Query d("DELETE FROM review_pair_marks WHERE review_id = ");
  d << d.bind(review_id) << " AND case_id = " << d.bind(case_id) << " AND user_id = " << d.bind(user_id);
  c.exec(d);
  if (mark.empty()) return;
  Query q("INSERT INTO review_pair_marks (review_id, case_id, user_id, mark) VALUES (");
  q << q.bind(review_id) << ", " << q.bind(case_id) << ", " << q.bind(user_id) << ", " << q.bind(mark) << ")";
  c.exec(q);
}

std::vector<Assignment> assignments(db::Conn& c, long long review_id) {
  Query q(std::string(kAssignmentCols) + " WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY case_id, id";
  std::vector<Assignment> out;
  for (auto& r : c.rows(q)) out.push_back(assignment_from(r));
  return out;
}

std::vector<Assignment> assignments_of_user(db::Conn& c, long long user_id, const std::vector<long long>& review_ids) {
  if (review_ids.empty()) return {};
  Query q(std::string(kAssignmentCols) + " WHERE user_id = ");
  q << q.bind(user_id) << " AND review_id IN (" << q.bind_list(review_ids) << ") ORDER BY review_id, id";
  std::vector<Assignment> out;
  for (auto& r : c.rows(q)) out.push_back(assignment_from(r));
  return out;
}

std::optional<Assignment> find_assignment(db::Conn& c, long long id) {
  Query q(std::string(kAssignmentCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  return r ? std::optional<Assignment>(assignment_from(*r)) : std::nullopt;
}

long long insert_assignment(db::Conn& c, long long review_id, long long case_id, long long user_id, const std::string& how, long long by, long long now) {
  Query q("INSERT INTO review_assignments (review_id, case_id, user_id, how, assigned_at, assigned_by) VALUES (");
  q << q.bind(review_id) << ", " << q.bind(case_id) << ", " << q.bind(user_id) << ", " << q.bind(how) << ", " << q.bind(now) << ", " << q.bind(by)
    << ") RETURNING id";
  return c.scalar(q);
}

void delete_assignment(db::Conn& c, long long id) {
  Query q("DELETE FROM review_assignments WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}

void save_scores(db::Conn& c, long long id, const std::string& scores_json, const std::string& comment, bool submit, long long now) {
  Query q("UPDATE review_assignments SET scores = ");
  q << q.bind(scores_json) << ", comment = " << q.bind(comment) << ", saved_at = " << q.bind(now);
  if (submit) q << ", submitted_at = " << q.bind(now);
  q << " WHERE id = " << q.bind(id);
  c.exec(q);
}

std::vector<Decision> decisions(db::Conn& c, long long review_id) {
  Query q("SELECT case_id, decision, reason, decided_at FROM review_decisions WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY case_id";
  std::vector<Decision> out;
  for (auto& r : c.rows(q)) out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
  return out;
}

void set_decision(db::Conn& c, long long review_id, long long case_id, const std::string& decision, const std::string& reason, long long by, long long now) {
  Query d("DELETE FROM review_decisions WHERE review_id = ");
  d << d.bind(review_id) << " AND case_id = " << d.bind(case_id);
  c.exec(d);
  if (decision.empty()) return;
  Query q("INSERT INTO review_decisions (review_id, case_id, decision, reason, decided_at, decided_by) VALUES (");
  q << q.bind(review_id) << ", " << q.bind(case_id) << ", " << q.bind(decision) << ", " << q.bind(reason) << ", " << q.bind(now) << ", " << q.bind(by) << ")";
  c.exec(q);
}

long long count_selected(db::Conn& c, long long review_id, long long except_case) {
  Query q("SELECT COUNT(*) FROM review_decisions WHERE decision = 'selected' AND review_id = ");
  q << q.bind(review_id) << " AND case_id <> " << q.bind(except_case);
  return c.scalar(q);
}

void insert_certificate(db::Conn& c, const Certificate& x) {
  Query q("INSERT INTO review_certificates (serial, review_id, case_id, issued_at) VALUES (");
  q << q.bind(x.serial) << ", " << q.bind(x.review_id) << ", " << q.bind(x.case_id) << ", " << q.bind(x.issued_at) << ")";
  c.exec(q);
}

std::optional<Certificate> find_certificate(db::Conn& c, const std::string& serial) {
  Query q("SELECT serial, review_id, case_id, issued_at FROM review_certificates WHERE serial = ");
  q << q.bind(serial);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return Certificate{r->str(0), r->i64(1), r->i64(2), r->i64(3)};
}

std::vector<Certificate> certificates(db::Conn& c, long long review_id) {
  Query q("SELECT serial, review_id, case_id, issued_at FROM review_certificates WHERE review_id = ");
  q << q.bind(review_id) << " ORDER BY serial";
  std::vector<Certificate> out;
  for (auto& r : c.rows(q)) out.push_back({r.str(0), r.i64(1), r.i64(2), r.i64(3)});
  return out;
}
}  // namespace xt::review::repo
