#include "modules/review/reviews.hpp"

#include "core/http/errors.hpp"
#include "core/time/time.hpp"
#include "modules/cases/facts.hpp"
#include "modules/org/accounts.hpp"
#include "modules/review/repo.hpp"
#include "modules/review/sheet.hpp"

namespace xt::review {
namespace bj = boost::json;

std::string today(long long now) { return time::beijing_time(now).substr(0, 10); }

long long ends_at(const Review& r) {
  auto d = time::parse_date(r.ends_on);
  return d ? time::end_of_day_ms(*d) : 0;
}

bool may_see_result(const access::Principal& p, long long owner_unit, long long review_unit) {
  return p.can(kManagePerm) || p.unit_id == owner_unit || p.unit_id == review_unit;
}

void require_open(const Review& r) {
  if (r.status == "published") throw conflict("review.closed", "评审结果已发布，不能再修改");
  if (r.status != "open") throw conflict("review.closed", "评审已结束，不能再评分或调整");
}

namespace {
void check_settings(const Review& r, long long now) {
  if (r.k < 1 || r.k > 15) throw unprocessable("request.out_of_range", "每个案例的评审专家人数应在1–15之间", "k");
  if (r.select_limit < 1 || r.select_limit > 1000) throw unprocessable("request.out_of_range", "入选数量上限应在1–1000之间", "select_limit");
  auto d = time::parse_date(r.ends_on);
  if (!d) throw unprocessable("review.bad_date", "评审截止日期格式应为 YYYY-MM-DD", "ends_on");
  if (r.ends_on < today(now)) throw unprocessable("review.bad_date", "评审截止日期不能早于今天", "ends_on");
}

void apply(Review& r, const ReviewInput& in) {
  if (in.k) r.k = *in.k;
  if (in.select_limit) r.select_limit = *in.select_limit;
  if (in.blind) r.blind = *in.blind;
  if (in.sheet) r.sheet = *in.sheet;
  if (in.ends_on) r.ends_on = *in.ends_on;
}

void audit_settings(audit::Event& e, const Review* before, const Review& after) {
  auto v = [](auto x) { return bj::value(x); };
  audit::change(e, "k", before ? v(before->k) : bj::value(nullptr), v(after.k));
  audit::change(e, "blind", before ? v(before->blind) : bj::value(nullptr), v(after.blind));
  audit::change(e, "ends_on", before ? v(before->ends_on) : bj::value(nullptr), v(after.ends_on));
  audit::change(e, "select_limit", before ? v(before->select_limit) : bj::value(nullptr), v(after.select_limit));
  auto s = bj::value(to_json(after.sheet));
  audit::change(e, "sheet", before ? bj::value(to_json(before->sheet)) : bj::value(nullptr), s);
}
}  // namespace

Review open_review(db::Conn& c, const Caller& who, long long call_id, const ReviewInput& in, long long now) {
  auto call = cases::facts::call(c, call_id);
  if (!call) throw not_found("review.call_not_found", "征集活动不存在");
  db::Tx tx(c, true);
  if (repo::find_by_call(c, call_id)) throw conflict("review.exists", "这次征集已经开始市级评审");
  if (cases::facts::sent_cases(c, call_id).empty())
    throw conflict("review.no_cases", "还没有区县（局属学校）报送到市教育局的案例，报送到达后再开始评审");
  Review r;
  r.call_id = call_id;
  r.owner_unit_id = who.p.unit_id;
  r.creator_id = who.p.user_id;
  r.select_limit = call->rules.quota_selected;
  r.sheet = initial_sheet(c);
  r.ends_on = today(now + 14LL * 24 * 3600 * 1000);
  apply(r, in);
  check_settings(r, now);
  r.id = repo::insert_review(c, r);
  audit::Event e{"review:open", "review", std::to_string(r.id)};
  e.detail["call"] = call->title;
  audit_settings(e, nullptr, r);
  audit::record(c, who.actor, e);
  auto out = *repo::find_review(c, r.id);
  tx.commit();
  return out;
}

Sheet initial_sheet(db::Conn& c) {
  auto previous = repo::list_reviews(c);
  return previous.empty() ? default_sheet() : previous.front().sheet;
}

Review get_review(db::Conn& c, long long id) {
  auto r = repo::find_review(c, id);
  if (!r) throw not_found("review.not_found", "评审不存在");
  return *r;
}

std::vector<Review> list_reviews(db::Conn& c) { return repo::list_reviews(c); }

Review update_review(db::Conn& c, const Caller& who, long long id, const ReviewInput& in, long long now) {
  db::Tx tx(c, true);
  auto before = get_review(c, id);
  require_open(before);
  if (in.version && *in.version != before.version)
    throw conflict("review.version_conflict", "评审设置已被他人修改，请刷新后再改");
  Review after = before;
  apply(after, in);
  check_settings(after, now);
  bool sheet_changed = bj::serialize(to_json(after.sheet)) != bj::serialize(to_json(before.sheet));
  if (sheet_changed || after.k != before.k) {
    for (auto& a : repo::assignments(c, id))
      if (a.submitted_at) throw conflict("review.sheet_in_use", "已有专家提交评分，不能再修改评分表或每案专家人数");
  }
  if (!repo::update_settings(c, after, now)) throw conflict("review.version_conflict", "评审设置已被他人修改，请刷新后再改");
  if (after.ends_on != before.ends_on)
    for (auto& e : repo::experts(c, id))
      if (e.account_created) org::accounts::set_valid_until(c, who, e.user_id, ends_at(after), now);
  audit::Event e{"review:update", "review", std::to_string(id)};
  audit_settings(e, &before, after);
  audit::record(c, who.actor, e);
  auto out = *repo::find_review(c, id);
  tx.commit();
  return out;
}

Review close_review(db::Conn& c, const Caller& who, long long id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, id);
  require_open(r);
  repo::set_status(c, id, "closed", now);
  for (auto& e : repo::experts(c, id))
    if (e.account_created) org::accounts::set_valid_until(c, who, e.user_id, now, now);
  audit::Event e{"review:close", "review", std::to_string(id)};
  audit::change(e, "status", std::string("open"), std::string("closed"));
  audit::record(c, who.actor, e);
  auto out = *repo::find_review(c, id);
  tx.commit();
  return out;
}
}  // namespace xt::review
