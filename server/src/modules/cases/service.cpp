#include "modules/cases/service.hpp"

#include <cstdio>
#include <regex>

#include "core/access/catalog.hpp"
#include "core/audit/names.hpp"
#include "core/http/errors.hpp"
#include "core/text/phone.hpp"
#include "core/time/time.hpp"
#include "core/text/zishu.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/repo.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/service.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases {
namespace bj = boost::json;

namespace {
void check_editable_by(db::Conn& c, const access::Principal& p, const Case& k, const std::string& perm) {
  access::DbUnitTree tree(c);
  if (k.owner_unit_id != p.unit_id || !access::authorize(p, perm, access::Record{k.owner_unit_id, k.creator_id, k.id, "case"}, tree))
    throw forbidden("cases.not_owner", "只有案例的牵头单位可以修改或报送该案例");
}

}  // namespace

long long deadline_ms(const std::string& s) {
  auto d = time::parse_date(s);
  if (!d) throw unprocessable("cases.bad_date", "日期格式应为 YYYY-MM-DD：" + s, "deadline_date");
  return time::end_of_day_ms(*d);
}

bool practice_long_enough(const std::string& start, const std::string& deadline, int months) {
  auto s = time::parse_date(start), e = time::parse_date(deadline);
  if (!s || !e) return false;
  int sm = s->y * 12 + (s->m - 1) + months;
  int em = e->y * 12 + (e->m - 1);
  if (sm != em) return sm < em;
  return s->d <= e->d;
}

Counts count(const Rules& r, const Content& c) {
  Counts out;
  for (auto& sec : r.sections) {
    size_t n = 0;
    for (auto& [k, v] : c.sections)
      if (k == sec.key) n = text::zishu(v);
    out.sections.emplace_back(sec.key, n);
    out.total += n;
  }
  return out;
}

std::vector<ApiError> submission_problems(db::Conn& c, const Call& call, const Case& k, long long now) {
  std::vector<ApiError> p;
  const auto& r = call.rules;
  auto& ct = k.content;
  long long closes = call.closes_at();
  if (now > closes) p.push_back(conflict("cases.deadline_passed", "报送已截止（截止时间 " + time::beijing_time(closes) + "）"));
  if (call.status != "open") p.push_back(conflict("cases.call_closed", "该征集活动未开放报送"));
  auto unit = org::facts::unit(c, k.owner_unit_id);
  if (unit && std::find(r.unit_types.begin(), r.unit_types.end(), unit->type) == r.unit_types.end())
    p.push_back(unprocessable("cases.unit_type_not_allowed", "本次征集不接受该类型单位报送"));
  if (ct.partners.empty()) p.push_back(unprocessable("cases.partner_required", "至少填写一个合作单位", "content.partners"));
  if (!r.forms.empty() && std::find(r.forms.begin(), r.forms.end(), ct.form) == r.forms.end())
    p.push_back(unprocessable("cases.form_invalid", "请选择本次征集列出的协同形式", "content.form"));
  for (auto& t : ct.topics)
    if (std::find(r.topics.begin(), r.topics.end(), t) == r.topics.end())
      p.push_back(unprocessable("cases.topic_invalid", "聚焦主题不在本次征集列出的范围内：" + t, "content.topics"));
  if (!time::parse_date(ct.practice_start))
    p.push_back(unprocessable("cases.practice_start_required", "请填写实践开始日期（YYYY-MM-DD）", "content.practice_start"));
  else if (!practice_long_enough(ct.practice_start, call.deadline_date, r.min_practice_months))
    p.push_back(unprocessable("cases.practice_too_short", "项目须经过" + std::to_string(r.min_practice_months) + "个月以上的连续实践：开始于 " +
                                                              ct.practice_start + "，距截止日 " + call.deadline_date + " 不足" +
                                                              std::to_string(r.min_practice_months) + "个月", "content.practice_start"));
  if (!ct.still_running) p.push_back(unprocessable("cases.not_running", "须确认项目目前仍在继续实施", "content.still_running"));
  if (ct.contact_name.empty()) p.push_back(unprocessable("request.required", "请填写联系人", "content.contact_name"));
  if (ct.contact_phone.empty()) p.push_back(unprocessable("request.required", "请填写联系电话", "content.contact_phone"));
  else if (!text::looks_like_phone(ct.contact_phone))
    p.push_back(unprocessable("cases.contact_phone_invalid", std::string("联系电话格式不正确：") + text::kPhoneHint, "content.contact_phone"));
  if (r.max_authors > 0 && (int)ct.authors.size() > r.max_authors)
    p.push_back(unprocessable("cases.too_many_authors", "作者不超过" + std::to_string(r.max_authors) + "人（当前" + std::to_string(ct.authors.size()) + "人）", "content.authors"));
  auto counts = count(r, ct);
  for (size_t i = 0; i < r.sections.size(); ++i) {
    auto& sec = r.sections[i];
    auto n = counts.sections[i].second;
    auto field = "content.sections." + sec.key;
    if (sec.required && n == 0) p.push_back(unprocessable("cases.section_required", "请填写“" + sec.heading + "”", field));
    if (sec.max > 0 && (int)n > sec.max)
      p.push_back(unprocessable("cases.section_too_long", sec.heading + "不超过" + std::to_string(sec.max) + "字（当前" + std::to_string(n) + "字）", field));
  }
  if ((int)counts.total > r.max_total)
    p.push_back(unprocessable("cases.too_long", "全文不超过" + std::to_string(r.max_total) + "字（当前" + std::to_string(counts.total) + "字）", "content.sections"));
  if ((int)counts.total < r.min_total)
    p.push_back(unprocessable("cases.too_short", "全文不少于" + std::to_string(r.min_total) + "字（当前" + std::to_string(counts.total) + "字）", "content.sections"));
  if (unit && org::facts::is_city_affiliated_school(*unit)) {
    auto n = repo::count_active_by_owner(c, k.call_id, k.owner_unit_id, k.id);
    if (n >= r.quota_school)
      p.push_back(conflict("cases.quota_school", "每所局属学校最多报送" + std::to_string(r.quota_school) + "个案例（已报送" + std::to_string(n) + "个）"));
  } else {
    auto n = repo::count_active_by_reviewer(c, k.call_id, k.review_unit_id, k.id);
    if (n >= r.quota_district)
      p.push_back(conflict("cases.quota_district", "每个区县（含所属学校）最多报送" + std::to_string(r.quota_district) + "个案例（已报送" + std::to_string(n) + "个）"));
  }
  return p;
}

// ---------------- calls ----------------
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
  char buf[16];
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

// ---------------- cases ----------------
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
  auto k = get_case(c, who.p, id);
  check_editable_by(c, who.p, k, "cases:case:submit");
  if (k.status != "draft" && k.status != "returned") throw conflict("cases.not_submittable", "案例当前状态不能报送");
  repo::lock_call(c, k.call_id);
  auto call = get_call(c, k.call_id);
  auto problems = submission_problems(c, call, k, now);
  if (!problems.empty()) throw problems.front();
  repo::set_status(c, id, "submitted", now);
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
  repo::set_status(c, id, "draft", std::nullopt);
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

void register_permissions() {
  // The bureau that pre-reviews a case (its district's bureau, the city-affiliated school
  // itself, the city bureau for units directly under the city): the scope of the review.
  if (!access::find_scope("review_unit")) access::register_unit_relation_scope("review_unit", "本单位负责初评的", "review_unit");
  audit::register_namer("case", [](db::Conn& c, const std::vector<std::string>& ids) {
    auto m = repo::case_titles(c, audit::numeric_ids(ids));
    for (auto& [id, t] : m) t = "《" + t + "》";
    return m;
  });
  for (auto* type : {"case_call", "case_package"})  // a package is named by its call
    audit::register_namer(type, [](db::Conn& c, const std::vector<std::string>& ids) { return repo::call_titles(c, audit::numeric_ids(ids)); });
  for (auto& [code, name] : std::vector<std::pair<const char*, const char*>>{
           {"cases:call:create", "发布征集活动"}, {"cases:call:update", "修改征集活动"},
           {"cases:case:list", "查看典型案例"}, {"cases:case:create", "新建典型案例"}, {"cases:case:update", "撰写、修改典型案例"},
           {"cases:case:submit", "报送、撤回典型案例"}, {"cases:case:review", "初评：退回、推荐、排序、报送市局（市教育局初评市直单位）"}})
    access::register_permission({code, name, "cases", "典型案例征集",
                                 code == std::string("cases:case:review") ? std::vector<std::string>{"review_unit"} : std::vector<std::string>{}});
  org::register_builtin_grant("city_staff", "cases:call:create", "all");
  org::register_builtin_grant("city_staff", "cases:call:update", "all");
  org::register_builtin_grant("city_staff", "cases:case:list", "all");
  // The publishing bureau (its 家庭教育处) pre-reviews the units directly under it.
  org::register_builtin_grant("city_staff", "cases:case:review", "review_unit");
  org::register_builtin_grant("district_staff", "cases:case:list", "subtree");
  org::register_builtin_grant("district_staff", "cases:case:review", "review_unit");
  org::register_builtin_grant("school_admin", "cases:case:review", "review_unit");
  for (auto role : {"school_admin", "unit_staff"}) {
    org::register_builtin_grant(role, "cases:case:list", "own_unit");
    org::register_builtin_grant(role, "cases:case:create", "own_unit");
    org::register_builtin_grant(role, "cases:case:update", "own_unit");
    org::register_builtin_grant(role, "cases:case:submit", "own_unit");
  }
}
}  // namespace xt::cases
