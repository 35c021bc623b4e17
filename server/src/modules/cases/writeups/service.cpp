#include "modules/cases/writeups/service.hpp"

#include <algorithm>

#include "core/audit/audit.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases {

namespace {
void check_editable_by(db::Conn& c, const access::Principal& p, const Case& k, const std::string& perm) {
  access::DbUnitTree tree(c);
  if (k.owner_unit_id != p.unit_id || !access::authorize(p, perm, access::Record{k.owner_unit_id, k.creator_id, k.id, "case"}, tree))
    throw forbidden("cases.not_owner", "只有案例的牵头单位可以修改或报送该案例");
}

}  // namespace

std::vector<ApiError> submission_problems(db::Conn& c, const Call& call, const Case& k, long long now) {
  SubmissionFacts f;
  f.now = now;
  auto unit = org::facts::unit(c, k.owner_unit_id);
  if (unit) f.unit_type = unit->type;
  f.city_affiliated_school = unit && org::facts::is_city_affiliated_school(*unit);
  f.quota_used = f.city_affiliated_school ? repo::count_active_by_owner(c, k.call_id, k.owner_unit_id, k.id)
                                          : repo::count_active_by_reviewer(c, k.call_id, k.review_unit_id, k.id);
  return check_submission(call, k, f);
}

Quota quota_of(db::Conn& c, long long call_id, long long unit_id) {
  auto call = get_call(c, call_id);
  auto unit = org::facts::unit(c, unit_id);
  if (!unit) throw not_found("org.unit_not_found", "单位不存在");
  Quota q;
  if (org::facts::is_city_affiliated_school(*unit)) {
    q.kind = "school";
    q.scope_name = unit->name;
    q.quota = call.rules.quota_school;
    q.used = repo::count_active_by_owner(c, call_id, unit_id, 0);
  } else {
    auto reviewer = org::facts::reviewing_bureau_of(c, unit_id);
    if (!reviewer) throw unprocessable("cases.no_review_unit", "本单位不属于任何区县或市教育局，无法报送");
    auto r = org::facts::unit(c, *reviewer);
    q.kind = "district";
    q.scope_name = r ? r->name : "";
    q.quota = call.rules.quota_district;
    q.used = repo::count_active_by_reviewer(c, call_id, *reviewer, 0);
  }
  q.remaining = std::max(0LL, (long long)q.quota - q.used);
  return q;
}

Case get_case(db::Conn& c, const access::Principal& p, long long id) {
  auto k = repo::find_case(c, id);
  access::DbUnitTree tree(c);
  if (!k || !access::authorize(p, "cases:case:list", access::Record{k->owner_unit_id, k->creator_id, id, "case"}, tree) ||
      (k->status == "draft" && k->owner_unit_id != p.unit_id))
    throw not_found("cases.case_not_found", "案例不存在或不在您的数据范围内");
  return *k;
}

Case create_case(db::Conn& c, const Caller& who, long long call_id, const std::string& title, long long now) {
  db::Tx tx(c, true);
  auto call = get_call(c, call_id);
  if (call.status != "open") throw conflict("cases.call_closed", "该征集活动未开放报送");
  if (now > call.closes_at()) throw conflict("cases.deadline_passed", "报送已截止");
  access::DbUnitTree tree(c);
  if (!access::may_act_in_unit(who.p, "cases:case:create", who.p.unit_id, tree))
    throw forbidden("access.denied", "没有在本单位新建案例的权限");
  auto unit = org::facts::unit(c, who.p.unit_id);
  if (!unit || std::find(call.rules.unit_types.begin(), call.rules.unit_types.end(), unit->type) == call.rules.unit_types.end())
    throw unprocessable("cases.unit_type_not_allowed", "本次征集不接受该类型单位报送");
  auto reviewer = org::facts::reviewing_bureau_of(c, who.p.unit_id);
  if (!reviewer) throw unprocessable("cases.no_reviewer", "找不到负责初评的区县教育局，请联系管理员检查单位隶属关系");
  Case k;
  k.call_id = call_id; k.owner_unit_id = who.p.unit_id; k.review_unit_id = *reviewer; k.creator_id = who.p.user_id; k.title = title;
  k.content.contact_name = who.p.display_name;
  k.id = repo::insert_case(c, k);
  audit::Event e{"cases:case:create", "case", std::to_string(k.id)};
  audit::change(e, "title", nullptr, title);
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_case(c, k.id);
}

Case save_case(db::Conn& c, const Caller& who, long long id, int version, const std::string& title, const Content& content) {
  db::Tx tx(c, true);
  auto k = get_case(c, who.p, id);
  check_editable_by(c, who.p, k, "cases:case:update");
  if (k.status != "draft" && k.status != "returned")
    throw conflict("cases.not_editable", "案例已报送，不能修改；如需修改，请在截止前撤回");
  if (!repo::update_content(c, id, version, title, content, who.p.user_id))
    throw conflict("cases.stale_version", "案例已在别处保存过（当前第" + std::to_string(k.version) + "版），请刷新后再改");
  audit::Event e{"cases:case:update", "case", std::to_string(id)};
  audit::change(e, "title", k.title, title);
  audit::change(e, "version", k.version, version + 1);
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_case(c, id);
}

Case restore_version(db::Conn& c, const Caller& who, long long id, int version) {
  Case k;
  std::pair<std::string, Content> old;
  {
    auto cur = get_case(c, who.p, id);
    auto v = repo::version(c, id, version);
    if (!v) throw not_found("cases.version_not_found", "没有第" + std::to_string(version) + "版");
    k = cur;
    old = *v;
  }
  return save_case(c, who, id, k.version, old.first, old.second);
}

Case submit_case(db::Conn& c, const Caller& who, long long id, long long now) {
  db::Tx tx(c, true);
  repo::lock_call(c, get_case(c, who.p, id).call_id);  // submissions to one call take turns (quotas)
  auto k = get_case(c, who.p, id);                    // as it is now that it is our turn
  check_editable_by(c, who.p, k, "cases:case:submit");
  if (k.status != "draft" && k.status != "returned") throw conflict("cases.not_submittable", "案例当前状态不能报送");
  auto call = get_call(c, k.call_id);
  auto problems = submission_problems(c, call, k, now);
  if (!problems.empty()) throw problems.front();
  if (!repo::set_status(c, id, {k.status}, "submitted", now)) throw conflict("cases.not_submittable", "案例当前状态不能报送");
  audit::Event e{"cases:case:submit", "case", std::to_string(id)};
  audit::change(e, "status", k.status, std::string("submitted"));
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_case(c, id);
}

Case withdraw_case(db::Conn& c, const Caller& who, long long id, long long now) {
  db::Tx tx(c, true);
  auto k = get_case(c, who.p, id);
  check_editable_by(c, who.p, k, "cases:case:submit");
  if (k.status != "submitted") throw conflict("cases.not_withdrawable", "只有已报送、尚未初评的案例可以撤回");
  auto call = get_call(c, k.call_id);
  if (now > call.closes_at()) throw conflict("cases.deadline_passed", "已过截止时间，不能撤回");
  if (!repo::set_status(c, id, {"submitted"}, "draft", std::nullopt))
    throw conflict("cases.not_withdrawable", "只有已报送、尚未初评的案例可以撤回");
  audit::Event e{"cases:case:withdraw", "case", std::to_string(id)};
  audit::change(e, "status", std::string("submitted"), std::string("draft"));
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_case(c, id);
}

access::Record case_record(const Case& k) {
  access::Record r{k.owner_unit_id, k.creator_id, k.id, "case"};
  r.units["review_unit"] = k.review_unit_id;
  return r;
}

}  // namespace xt::cases
