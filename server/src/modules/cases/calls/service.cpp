#include "modules/cases/calls/service.hpp"

#include <cstdio>
#include <regex>

#include "core/time/time.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/json.hpp"

namespace xt::cases {

long long deadline_ms(const std::string& s) {
  auto d = time::parse_date(s);
  if (!d) throw unprocessable("cases.bad_date", "日期格式应为 YYYY-MM-DD：" + s, "deadline_date");
  return time::end_of_day_ms(*d);
}

namespace {
void validate_call(const CallInput& in) {
  deadline_ms(in.deadline_date);
  if (in.grace_minutes < 0 || in.grace_minutes > 7 * 24 * 60) throw unprocessable("cases.grace_invalid", "宽限时间应在0–10080分钟之间", "grace_minutes");
  if (in.status != "open" && in.status != "closed" && in.status != "draft")
    throw unprocessable("cases.call_status_invalid", "征集状态应为 draft、open 或 closed", "status");
}
}  // namespace

namespace {
// Inside the caller's transaction: the new call and its audit record (copied_from when copied).
long long insert_call_audited(db::Conn& c, const Caller& who, const CallInput& in, long long copied_from = 0) {
  Call x;
  x.title = in.title; x.notice = in.notice; x.deadline_date = in.deadline_date; x.deadline_at = deadline_ms(in.deadline_date);
  x.grace_minutes = in.grace_minutes; x.status = in.status; x.rules = in.rules;
  x.id = repo::insert_call(c, x, who.p.unit_id, who.p.user_id);
  audit::Event e{"cases:call:create", "case_call", std::to_string(x.id)};
  audit::change(e, "title", nullptr, x.title);
  audit::change(e, "deadline_date", nullptr, x.deadline_date);
  if (copied_from) e.detail["copied_from"] = copied_from;
  audit::record(c, who.actor, e);
  return x.id;
}
}  // namespace

Call create_call(db::Conn& c, const Caller& who, const CallInput& in) {
  validate_call(in);
  db::Tx tx(c, true);
  auto id = insert_call_audited(c, who, in);
  tx.commit();
  return *repo::find_call(c, id);
}

Call copy_call(db::Conn& c, const Caller& who, long long id) {
  auto src = get_call(c, id);
  CallInput in;
  in.title = src.title;
  static const std::regex year("(19|20)\\d{2}");
  std::smatch m;
  if (std::regex_search(in.title, m, year)) in.title.replace((size_t)m.position(0), 4, std::to_string(std::stoi(m.str(0)) + 1));
  else in.title += "（副本）";
  in.notice = src.notice;
  auto d = time::parse_date(src.deadline_date);
  int y = d->y + 1, day = d->d;
  if (d->m == 2 && day == 29) day = 28;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, d->m, day);
  in.deadline_date = buf;
  in.grace_minutes = src.grace_minutes;
  in.status = "draft";
  in.rules = src.rules;
  validate_call(in);
  db::Tx tx(c, true);  // the call and its attachments together, or neither
  auto copy = insert_call_audited(c, who, in, id);
  repo::copy_call_files(c, id, copy, who.p.user_id);
  tx.commit();
  return *repo::find_call(c, copy);
}

Call update_call(db::Conn& c, const Caller& who, long long id, const CallInput& in) {
  validate_call(in);
  db::Tx tx(c, true);
  auto before = repo::find_call(c, id);
  if (!before) throw not_found("cases.call_not_found", "征集活动不存在");
  Call x = *before;
  x.title = in.title; x.notice = in.notice; x.deadline_date = in.deadline_date; x.deadline_at = deadline_ms(in.deadline_date);
  x.grace_minutes = in.grace_minutes; x.status = in.status; x.rules = in.rules;
  repo::update_call(c, x);
  audit::Event e{"cases:call:update", "case_call", std::to_string(id)};
  audit::change(e, "title", before->title, x.title);
  audit::change(e, "deadline_date", before->deadline_date, x.deadline_date);
  audit::change(e, "status", before->status, x.status);
  audit::change(e, "rules", to_json(before->rules), to_json(x.rules));
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_call(c, id);
}

Call get_call(db::Conn& c, long long id) {
  auto x = repo::find_call(c, id);
  if (!x) throw not_found("cases.call_not_found", "征集活动不存在");
  return *x;
}

namespace {
bool sees_drafts_of(const access::Principal& p, const Call& x) { return x.owner_unit_id == p.unit_id && p.can("cases:call:update"); }
}  // namespace

bool unit_type_writes_cases(const std::string& t) { return t != "city_bureau" && t != "district_bureau" && t != "department"; }
bool unit_pre_reviews(const std::string& t, bool city_affiliated) {
  return t == "city_bureau" || t == "district_bureau" || (t == "school" && city_affiliated);
}

Call visible_call(db::Conn& c, const access::Principal& p, long long id) {
  auto x = get_call(c, id);
  if (x.status == "draft" && !sees_drafts_of(p, x)) throw not_found("cases.call_not_found", "征集活动不存在");
  return x;
}

std::vector<Call> visible_calls(db::Conn& c, const access::Principal& p) {
  std::vector<Call> out;
  for (auto& x : repo::list_calls(c))
    if (x.status != "draft" || sees_drafts_of(p, x)) out.push_back(std::move(x));
  return out;
}

}  // namespace xt::cases
