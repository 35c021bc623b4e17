#include "modules/review/pool.hpp"

#include <algorithm>
#include <set>

#include "core/auth/password.hpp"
#include "core/http/errors.hpp"
#include "modules/org/accounts.hpp"
#include "modules/org/facts.hpp"

namespace xt::review {

std::vector<std::string> field_options(db::Conn& c, const Review& r) {
  auto call = cases::facts::call(c, r.call_id);
  std::vector<std::string> out;
  if (!call) return out;
  for (auto* list : {&call->rules.forms, &call->rules.topics})
    for (auto& s : *list)
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  return out;
}

namespace {
void check_fields(db::Conn& c, const Review& r, const std::vector<std::string>& fields) {
  auto options = field_options(c, r);
  std::set<std::string> seen;
  for (auto& f : fields) {
    if (std::find(options.begin(), options.end(), f) == options.end())
      throw unprocessable("review.field_invalid", "专业领域应从本次征集的协同形式和聚焦主题中选择：" + f, "fields");
    if (!seen.insert(f).second) throw unprocessable("review.field_invalid", "专业领域重复：" + f, "fields");
  }
}

Expert find_in_pool(db::Conn& c, long long review_id, long long user_id) {
  for (auto& e : load_experts(c, review_id))
    if (e.user_id == user_id) return e;
  throw not_found("review.expert_not_found", "专家库中没有这位专家");
}

// An initial password that meets any policy: upper, lower, digits and a sign.
std::string initial_password() {
  auto t = auth::random_token(9);
  std::string s = "Zj";
  for (char ch : t)
    if (std::isalnum((unsigned char)ch)) s += ch;
  return s + "#" + std::to_string(10 + (unsigned char)t[0] % 90);
}
}  // namespace

std::vector<PoolEntry> pool(db::Conn& c, long long review_id) {
  std::vector<PoolEntry> out;
  auto as = repo::assignments(c, review_id);
  for (auto& e : load_experts(c, review_id)) {
    PoolEntry p{e, 0, 0};
    for (auto& a : as)
      if (a.user_id == e.user_id) {
        ++p.assigned;
        if (a.submitted_at) ++p.submitted;
      }
    out.push_back(std::move(p));
  }
  return out;
}

Expert add_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, std::optional<long long> unit_id,
                  const std::vector<std::string>& fields, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  check_fields(c, r, fields);
  auto people = org::accounts::people(c, {user_id});
  if (!people.count(user_id) || people[user_id].status != "active") throw not_found("review.person_not_found", "用户不存在或已停用");
  auto& person = people[user_id];
  if (person.unit_ids.empty()) throw unprocessable("review.unit_invalid", "该用户没有任职单位，请先在用户管理中设置", "unit_id");
  long long unit = unit_id.value_or(person.unit_ids.front());
  if (std::find(person.unit_ids.begin(), person.unit_ids.end(), unit) == person.unit_ids.end())
    throw unprocessable("review.unit_invalid", "所在单位应是该用户的任职单位之一", "unit_id");
  if (auto existing = repo::find_expert(c, review_id, user_id)) {
    if (existing->status == "active") throw conflict("review.expert_exists", person.display_name + "已在专家库中");
    repo::update_expert(c, review_id, user_id, fields, "active");
  } else {
    repo::insert_expert(c, review_id, {user_id, unit, fields, "active", false, std::nullopt}, who.p.user_id, now);
  }
  org::accounts::grant_role(c, who, user_id, unit, kExpertRole);
  audit::Event e{"review:expert:add", "review", std::to_string(review_id)};
  e.detail["expert"] = person.display_name;
  e.detail["user_id"] = user_id;
  audit::record(c, who.actor, e);
  auto out = find_in_pool(c, review_id, user_id);
  tx.commit();
  return out;
}

CreatedExpert create_expert(db::Conn& c, const Caller& who, long long review_id, const NewExpert& in, const PasswordPolicy& policy, long long now) {
  if (in.name.empty()) throw unprocessable("request.required", "请填写专家姓名", "name");
  auto password = initial_password();
  if (auto why = auth::policy_violation(password, policy)) password += "aA1#";
  auto hash = auth::hash_password(password);  // slow: outside the transaction
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  check_fields(c, r, in.fields);
  auto unit = org::facts::unit(c, in.unit_id);
  if (!unit || unit->status == "deleted") throw unprocessable("review.unit_invalid", "请选择专家所在单位", "unit_id");
  std::string username = in.username;
  if (username.empty()) {
    auto n = repo::experts(c, review_id).size() + 1;
    for (;; ++n) {
      username = "zj" + std::to_string(review_id) + (n < 10 ? "0" : "") + std::to_string(n);
      if (!org::accounts::username_taken(c, username)) break;
    }
  }
  org::accounts::NewAccount a{username, in.name, in.phone, hash, in.unit_id, kExpertRole, ends_at(r)};
  long long uid = org::accounts::create(c, who, a);
  repo::insert_expert(c, review_id, {uid, in.unit_id, in.fields, "active", true, std::nullopt}, who.p.user_id, now);
  audit::Event e{"review:expert:create", "review", std::to_string(review_id)};
  e.detail["expert"] = in.name;
  e.detail["user_id"] = uid;
  audit::record(c, who.actor, e);
  auto out = find_in_pool(c, review_id, uid);
  tx.commit();
  return {out, password};
}

Expert update_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, const std::vector<std::string>& fields) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  check_fields(c, r, fields);
  auto before = find_in_pool(c, review_id, user_id);
  repo::update_expert(c, review_id, user_id, fields, before.status);
  audit::Event e{"review:expert:update", "review", std::to_string(review_id)};
  e.detail["expert"] = before.name;
  boost::json::array b, a;
  for (auto& f : before.fields) b.emplace_back(f);
  for (auto& f : fields) a.emplace_back(f);
  audit::change(e, "fields", b, a);
  audit::record(c, who.actor, e);
  auto out = find_in_pool(c, review_id, user_id);
  tx.commit();
  return out;
}

int withdraw_expert(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  repo::lock_review(c, review_id);
  auto e = find_in_pool(c, review_id, user_id);
  if (e.status != "active") throw conflict("review.expert_withdrawn", e.name + "已退出本次评审");
  int removed = 0;
  for (auto& a : repo::assignments(c, review_id))
    if (a.user_id == user_id && !a.submitted_at) {
      repo::delete_assignment(c, a.id);
      ++removed;
    }
  repo::update_expert(c, review_id, user_id, e.fields, "withdrawn");
  repo::set_proposal(c, review_id, std::nullopt, now);
  if (e.account_created) org::accounts::set_valid_until(c, who, user_id, now, now);
  audit::Event ev{"review:expert:withdraw", "review", std::to_string(review_id)};
  ev.detail["expert"] = e.name;
  ev.detail["removed_assignments"] = removed;
  audit::record(c, who.actor, ev);
  tx.commit();
  return removed;
}

void add_conflict(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long unit_id, const std::string& note) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto e = find_in_pool(c, review_id, user_id);
  auto unit = org::facts::unit(c, unit_id);
  if (!unit) throw unprocessable("review.unit_invalid", "回避单位不存在", "unit_id");
  repo::insert_conflict(c, review_id, user_id, unit_id, note);
  repo::set_proposal(c, review_id, std::nullopt, db::now_ms());
  audit::Event ev{"review:conflict:add", "review", std::to_string(review_id)};
  ev.detail["expert"] = e.name;
  ev.detail["unit"] = unit->name;
  audit::record(c, who.actor, ev);
  tx.commit();
}

void remove_conflict(db::Conn& c, const Caller& who, long long review_id, long long user_id, long long unit_id) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto e = find_in_pool(c, review_id, user_id);
  if (!repo::delete_conflict(c, review_id, user_id, unit_id)) throw not_found("review.conflict_not_found", "没有这条回避申报");
  repo::set_proposal(c, review_id, std::nullopt, db::now_ms());
  audit::Event ev{"review:conflict:remove", "review", std::to_string(review_id)};
  ev.detail["expert"] = e.name;
  ev.detail["unit_id"] = unit_id;
  audit::record(c, who.actor, ev);
  tx.commit();
}
}  // namespace xt::review
