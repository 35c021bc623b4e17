#include "modules/cases/review/service.hpp"

#include <algorithm>
#include <map>

#include "core/http/errors.hpp"
#include "core/text/phone.hpp"
#include "modules/cases/notify.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/review/repo.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases {
namespace bj = boost::json;

namespace {
// The reviewer acts from the unit that reviews the case (the relationship scope review_unit).
Case reviewable(db::Conn& c, const access::Principal& p, long long id) {
  auto k = get_case(c, p, id);
  access::DbUnitTree tree(c);
  if (!access::authorize(p, "cases:case:review", case_record(k), tree))
    throw forbidden("cases.not_reviewer", "只有负责初评的单位（区县教育局、局属学校，市直单位由市教育局）可以初评该案例");
  return k;
}

int quota_for(db::Conn& c, const Rules& r, long long review_unit) {
  auto u = org::facts::unit(c, review_unit);
  return u && org::facts::is_city_affiliated_school(*u) ? r.quota_school : r.quota_district;
}

void audit_status(db::Conn& c, const Caller& who, const char* action, const Case& k, const std::string& to, const std::string& note = {}) {
  audit::Event e{action, "case", std::to_string(k.id)};
  audit::change(e, "status", k.status, to);
  if (!note.empty()) audit::change(e, "review_comment", k.review_comment, note);
  audit::record(c, who.actor, e);
}
}  // namespace

void require_review_unit(db::Conn& c, const access::Principal& p) {
  if (!org::facts::reviews(c, p.unit_id))
    throw forbidden("cases.not_reviewer", "只有负责初评的单位（区县教育局、局属学校，市直单位由市教育局）可以办理推荐材料");
}

void require_not_sent(db::Conn& c, long long call_id, long long unit) {
  if (review_repo::sent_at(c, call_id, unit)) throw conflict("cases.package_sent", "推荐材料已报送市教育局，不能再调整");
}

namespace {
// Returning and rejecting differ only in the state they lead to and the note they require.
Case close_review(db::Conn& c, const Caller& who, long long id, const std::string& note, const char* to, const char* action,
                  const char* field, const char* missing, const char* refused) {
  if (note.empty()) throw unprocessable("request.required", missing, field);
  db::Tx tx(c, true);
  auto k = reviewable(c, who.p, id);
  require_not_sent(c, k.call_id, k.review_unit_id);
  if (k.status != "submitted" && k.status != "recommended") throw conflict("cases.not_reviewable", refused);
  if (!review_repo::set_review(c, id, {"submitted", "recommended"}, to, note, std::nullopt)) throw conflict("cases.not_reviewable", refused);
  audit_status(c, who, action, k, to, note);
  notify_review(c, k, to, note);
  tx.commit();
  return *repo::find_case(c, id);
}
}  // namespace

Case return_case(db::Conn& c, const Caller& who, long long id, const std::string& comment) {
  return close_review(c, who, id, comment, "returned", "cases:case:return", "comment", "退回时请写明修改意见", "只有已报送或已推荐的案例可以退回");
}

Case reject_case(db::Conn& c, const Caller& who, long long id, const std::string& reason) {
  return close_review(c, who, id, reason, "rejected", "cases:case:reject", "reason", "请写明不予推荐的理由", "只有已报送或已推荐的案例可以不予推荐");
}

Case recommend_case(db::Conn& c, const Caller& who, long long id, long long now) {
  db::Tx tx(c, true);
  repo::lock_call(c, reviewable(c, who.p, id).call_id);
  auto k = reviewable(c, who.p, id);  // as it is now that this call's recommendations wait for us
  require_not_sent(c, k.call_id, k.review_unit_id);
  if (k.status != "submitted") throw conflict("cases.not_reviewable", "只有已报送的案例可以推荐");
  auto call = get_call(c, k.call_id);
  auto [count, max_rank] = review_repo::recommended_count_and_max_rank(c, k.call_id, k.review_unit_id);
  int quota = quota_for(c, call.rules, k.review_unit_id);
  if (count >= quota)
    throw conflict("cases.quota_recommend", "最多推荐" + std::to_string(quota) + "个案例（已推荐" + std::to_string(count) + "个）");
  if (!review_repo::set_review(c, id, {"submitted"}, "recommended", k.review_comment, max_rank + 1))
    throw conflict("cases.not_reviewable", "只有已报送的案例可以推荐");
  audit_status(c, who, "cases:case:recommend", k, "recommended");
  notify_review(c, k, "recommended", "");
  tx.commit();
  return *repo::find_case(c, id);
}

void order_recommendations(db::Conn& c, const Caller& who, long long call_id, const std::vector<long long>& ids) {
  db::Tx tx(c, true);
  require_review_unit(c, who.p);
  require_not_sent(c, call_id, who.p.unit_id);
  auto have = review_repo::recommended_ids(c, call_id, who.p.unit_id);
  auto want = ids;
  std::sort(want.begin(), want.end());
  if (want != have)
    throw unprocessable("cases.order_mismatch", "排序须恰好包含本单位全部已推荐的案例（共" + std::to_string(have.size()) + "个）", "case_ids");
  review_repo::set_ranks(c, ids);
  audit::Event e{"cases:case:review", "case_call", std::to_string(call_id)};
  bj::array order;
  for (auto id : ids) order.push_back(id);
  e.detail["order"] = order;
  audit::record(c, who.actor, e);
  tx.commit();
}

Package get_package(db::Conn& c, const access::Principal& p, long long call_id) {
  require_review_unit(c, p);
  return package_of(c, call_id, p.unit_id);
}

Package package_of(db::Conn& c, long long call_id, long long review_unit) {
  auto call = get_call(c, call_id);
  Package pk;
  pk.call_id = call_id;
  pk.review_unit_id = review_unit;
  auto unit = org::facts::unit(c, review_unit);
  pk.review_unit_name = unit ? unit->name : "";
  auto remarks = review_repo::load_package_fields(c, pk);
  pk.rows = review_repo::package_rows(c, call_id, review_unit, remarks);
  pk.quota = quota_for(c, call.rules, review_unit);
  pk.self_review = review_unit == call.owner_unit_id;
  pk.remaining = std::max(0, pk.quota - (int)pk.rows.size());
  return pk;
}

Package save_package(db::Conn& c, const Caller& who, long long call_id, const std::string& name, const std::string& phone,
                     const std::vector<std::pair<long long, std::string>>& remarks) {
  if (!phone.empty() && !text::looks_like_phone(phone))
    throw unprocessable("cases.contact_phone_invalid", std::string("联系电话格式不正确：") + text::kPhoneHint, "contact_phone");
  db::Tx tx(c, true);
  get_call(c, call_id);
  require_review_unit(c, who.p);
  require_not_sent(c, call_id, who.p.unit_id);
  bj::object rm;
  for (auto& [id, text] : remarks) rm[std::to_string(id)] = text;
  long long now = db::now_ms();
  review_repo::upsert_package(c, call_id, who.p.unit_id, name, phone, bj::serialize(rm), now);
  audit::Event e{"cases:case:review", "case_package", std::to_string(call_id)};
  audit::change(e, "contact_name", nullptr, name);
  audit::record(c, who.actor, e);
  tx.commit();
  return get_package(c, who.p, call_id);
}

Package send_package(db::Conn& c, const Caller& who, long long call_id, long long now) {
  db::Tx tx(c, true);
  auto call = get_call(c, call_id);
  if (now > call.closes_at()) throw conflict("cases.deadline_passed", "已过截止时间，不能报送");
  require_not_sent(c, call_id, who.p.unit_id);
  auto pk = get_package(c, who.p, call_id);
  if (pk.rows.empty()) throw unprocessable("cases.package_empty", "还没有推荐的案例");
  if (pk.contact_name.empty() || pk.contact_phone.empty())
    throw unprocessable("cases.package_contact_required", "请先在汇总表中填写联系人和联系电话", "contact_name");
  if (pk.stamp_name.empty() && !pk.self_review) throw unprocessable("cases.package_stamp_required", "请先上传加盖公章的汇总表扫描件", "stamp");
  if (auto n = review_repo::count_submitted(c, call_id, who.p.unit_id); n > 0)
    throw conflict("cases.review_pending", "还有" + std::to_string(n) + "个已报送的案例未初评（推荐、退回或不予推荐）");
  review_repo::mark_sent(c, call_id, who.p.unit_id, who.p.user_id, now);
  audit::Event e{"cases:case:send", "case_package", std::to_string(call_id)};
  e.detail["cases"] = (long long)pk.rows.size();
  audit::record(c, who.actor, e);
  if (!pk.self_review) notify_package_sent(c, call, who.p.unit_id, pk.review_unit_name, pk.rows.size());
  tx.commit();
  return get_package(c, who.p, call_id);
}

bj::array board(db::Conn& c, long long call_id) {
  auto call = get_call(c, call_id);
  // Every unit that reviews under the publishing bureau, with or without cases, so the city
  // sees who has not started; then any other unit that holds cases of the call.
  auto row = [](long long id, const std::string& name) {
    return bj::object{{"review_unit_id", id}, {"review_unit_name", name}, {"draft", 0}, {"submitted", 0}, {"returned", 0}, {"rejected", 0},
                      {"recommended", 0}, {"sent", 0}, {"package_sent_at", nullptr}, {"stamp", false}};
  };
  std::vector<long long> order;
  std::map<long long, bj::object> by;
  for (auto& [id, name] : org::facts::reviewing_units_under(c, call.owner_unit_id)) {
    order.push_back(id);
    by.emplace(id, row(id, name));
  }
  for (auto& [unit, name, status, n] : review_repo::status_counts(c, call_id)) {
    if (!by.count(unit)) {
      order.push_back(unit);
      by.emplace(unit, row(unit, name));
    }
    by[unit][status] = n;
  }
  for (auto& [unit, sent, stamp] : review_repo::package_marks(c, call_id)) {
    auto it = by.find(unit);
    if (it == by.end()) continue;
    if (sent) it->second["package_sent_at"] = *sent;
    it->second["stamp"] = stamp;
  }
  bj::array out;
  for (auto id : order) out.push_back(by[id]);
  return out;
}
}  // namespace xt::cases
