#include "modules/alliance/activities/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <tuple>

#include "core/access/access.hpp"
#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "core/time/time.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/org/facts.hpp"

namespace xt::alliance {
namespace bj = boost::json;
namespace facts = org::facts;
namespace arepo = activity_repo;

namespace {
const std::set<std::string> kStates = {"planned", "done", "cancelled"};

void check_reached(long long v, const char* field, const char* label) {
  if (v < 0 || v > kMaxReached)
    throw unprocessable("activity.bad_reached", std::string(label) + "应在 0 到 100000 之间（填写人数，不填名单）：" + std::to_string(v), field);
}

// The districts an activity concerns, as rollup keys: 0 (the city) and each district taking
// part, or −1 when none does.
std::vector<long long> keys_of(const Activity& a) {
  std::set<long long> ds;
  if (a.organiser_district_id) ds.insert(a.organiser_district_id);
  for (auto& p : a.partners)
    if (p.district_id) ds.insert(p.district_id);
  std::vector<long long> keys{0};
  if (ds.empty()) keys.push_back(-1);
  keys.insert(keys.end(), ds.begin(), ds.end());
  return keys;
}

void roll(db::Conn& c, const Activity& a, int sign) {
  if (a.state != "done") return;
  arepo::roll(c, a.held_on.substr(0, 7), a.type_id, keys_of(a), sign, a.reached.total());
}

}  // namespace

Activity build_activity(const ActivityInput& in, const std::optional<ActivityType>& type, long long organiser, long long organiser_district,
                        std::vector<Partner> partners) {
  Activity a;
  if (!type || type->status != "active")
    throw unprocessable("activity.unknown_type", "活动类型不在目录中或已停用：" + in.type_code, "type");
  a.type_id = type->id;
  a.type_name = type->name;
  if (in.title.empty()) throw unprocessable("request.required", "请填写活动名称", "title");
  a.title = in.title;
  if (!kStates.count(in.state)) throw unprocessable("request.bad_value", "状态只能是 planned（计划）、done（已完成）或 cancelled（取消）", "state");
  a.state = in.state;
  if (in.dates.empty()) throw unprocessable("request.required", "请填写活动日期", "dates");
  auto today_s = today();
  std::set<std::string> dates;
  for (size_t i = 0; i < in.dates.size(); ++i) {
    auto field = "dates[" + std::to_string(i) + "]";
    auto& d = in.dates[i];
    if (!time::parse_date(d) || d.size() != 10) throw unprocessable("request.bad_date", "活动日期应为有效日期（YYYY-MM-DD）：" + d, field);
    if (d < "2000-01-01") throw unprocessable("request.bad_date", "活动日期不能早于2000年：" + d, field);
    if (a.state == "done" && d > today_s)
      throw unprocessable("activity.done_in_future", "已完成的活动日期不能晚于今天（" + today_s + "）：" + d + "；尚未举办的请选“计划”", field);
    dates.insert(d);
  }
  a.dates.assign(dates.begin(), dates.end());
  a.sessions = (int)a.dates.size();
  a.held_on = a.dates.front();
  a.ends_on = a.dates.back();
  a.place = in.place;
  std::set<std::string> known;
  for (auto& [k, _] : audiences()) known.insert(k);
  for (size_t i = 0; i < in.audience.size(); ++i)
    if (!known.count(in.audience[i]))
      throw unprocessable("request.bad_value", "活动对象不在可选范围内：" + in.audience[i], "audience[" + std::to_string(i) + "]");
  a.audience = in.audience;
  check_reached(in.reached.students, "reached_students", "覆盖学生人数");
  check_reached(in.reached.parents, "reached_parents", "覆盖家长人数");
  check_reached(in.reached.teachers, "reached_teachers", "覆盖教师人数");
  check_reached(in.reached.others, "reached_others", "覆盖其他人数");
  a.reached = in.reached;
  a.description = in.description;

  a.organiser_unit_id = organiser;
  a.organiser_district_id = organiser_district;
  if (partners.size() > 50) throw unprocessable("request.too_many", "合作单位不能超过50个", "partners");
  std::set<long long> seen;
  for (size_t i = 0; i < partners.size(); ++i) {
    auto field = "partners[" + std::to_string(i) + "]";
    if (partners[i].unit_id == organiser) throw unprocessable("activity.bad_partner", "组织单位不必再列为合作单位", field);
    if (!seen.insert(partners[i].unit_id).second) throw unprocessable("activity.bad_partner", "合作单位重复", field);
  }
  a.partners = std::move(partners);
  return a;
}

long long store_activity(db::Conn& c, Activity& a) {
  a.id = arepo::insert(c, a);
  arepo::insert_dates(c, a.id, a.dates);
  arepo::insert_partners(c, a.id, a.partners);
  roll(c, a, +1);
  return a.id;
}

void store_activities(db::Conn& c, std::vector<Activity>& as) {
  std::map<std::tuple<std::string, long long, long long>, std::pair<long long, long long>> sums;  // month, key, type → n, reached
  for (auto& a : as) {
    a.id = arepo::insert(c, a);
    arepo::insert_dates(c, a.id, a.dates);
    arepo::insert_partners(c, a.id, a.partners);
    if (a.state != "done") continue;
    for (auto key : keys_of(a)) {
      auto& s = sums[{a.held_on.substr(0, 7), key, a.type_id}];
      s.first += 1;
      s.second += a.reached.total();
    }
  }
  for (auto& [k, v] : sums) arepo::add_rollup(c, std::get<0>(k), std::get<1>(k), std::get<2>(k), v.first, v.second);
}

namespace {
// The record an input describes, checked; organiser and partners' districts filled.
Activity checked(db::Conn& c, const ActivityInput& in, long long organiser) {
  auto units = facts::units(c, in.partners);
  std::vector<Partner> partners;
  for (size_t i = 0; i < in.partners.size() && i <= 50; ++i) {
    auto id = in.partners[i];
    auto it = units.find(id);
    if (id != organiser && (it == units.end() || it->second.status != "active"))
      throw unprocessable("activity.bad_partner", "合作单位不存在或已停用（编号 " + std::to_string(id) + "）", "partners[" + std::to_string(i) + "]");
    partners.push_back({id, id == organiser ? 0 : facts::district_of(c, id).value_or(0), std::nullopt, std::nullopt, ""});
  }
  if (in.partners.size() > 50) throw unprocessable("request.too_many", "合作单位不能超过50个", "partners");
  return build_activity(in, arepo::type_by_code(c, in.type_code), organiser, facts::district_of(c, organiser).value_or(0), std::move(partners));
}

audit::Event event(const char* action, long long id) { return audit::Event{action, "alliance_activity", std::to_string(id)}; }

bool involves(const Activity& a, long long unit) {
  if (a.organiser_unit_id == unit) return true;
  for (auto& p : a.partners)
    if (p.unit_id == unit) return true;
  return false;
}

Activity visible_or_404(db::Conn& c, const access::Principal& p, long long id) {
  auto a = arepo::find(c, id);
  if (!a) throw not_found("activity.not_found", "没有这项活动");
  a->partners = arepo::partners(c, id);
  if (involves(*a, p.unit_id)) return *a;
  access::DbUnitTree tree(c);
  if (access::authorize(p, kActivityListPerm, {a->organiser_unit_id, a->created_by.value_or(0), id, "alliance_activity"}, tree)) return *a;
  for (auto& x : a->partners)
    if (access::authorize(p, kActivityListPerm, {x.unit_id, 0, id, "alliance_activity"}, tree)) return *a;
  throw not_found("activity.not_found", "没有这项活动");
}

void fill_names(db::Conn& c, std::vector<Activity*> as) {
  std::vector<long long> ids;
  for (auto* a : as) {
    ids.push_back(a->organiser_unit_id);
    for (auto& p : a->partners) ids.push_back(p.unit_id);
  }
  auto names = facts::names(c, ids);
  std::map<long long, std::string> type_names;
  for (auto& t : arepo::types(c)) type_names[t.id] = t.name;
  for (auto* a : as) {
    a->organiser_name = names[a->organiser_unit_id];
    a->type_name = type_names[a->type_id];
    for (auto& p : a->partners) p.unit_name = names[p.unit_id];
  }
}

bj::object summary(const Activity& a) {
  bj::array ps;
  for (auto& p : a.partners) ps.emplace_back(p.unit_id);
  bj::array ds;
  for (auto& d : a.dates) ds.emplace_back(d);
  return {{"type_id", a.type_id}, {"title", a.title}, {"dates", ds}, {"state", a.state}, {"reached", a.reached.total()}, {"partners", ps}};
}
}  // namespace

const std::vector<std::pair<std::string, std::string>>& audiences() {
  static const std::vector<std::pair<std::string, std::string>> a = {
      {"kindergarten", "幼儿"}, {"primary_lower", "小学低年级"}, {"primary_upper", "小学高年级"}, {"middle", "初中学生"},
      {"high", "高中学生"},     {"parents", "家长"},             {"teachers", "教师"},           {"residents", "社区居民"}};
  return a;
}

bool may_edit(db::Conn& c, const access::Principal& p, const Activity& a) {
  access::DbUnitTree tree(c);
  return p.unit_id == a.organiser_unit_id && access::may_act_in_unit(p, kActivityRecordPerm, a.organiser_unit_id, tree);
}

Activity create_activity(db::Conn& c, const app::Caller& who, const ActivityInput& in) {
  access::DbUnitTree tree(c);
  if (!access::may_act_in_unit(who.p, kActivityRecordPerm, who.p.unit_id, tree)) throw forbidden("access.denied", "没有记录活动的权限");
  db::Tx tx(c, true);
  auto a = checked(c, in, who.p.unit_id);
  long long now = db::now_ms();
  a.created_by = who.p.user_id;
  a.created_at = a.updated_at = now;
  store_activity(c, a);
  auto ev = event("alliance:activity:create", a.id);
  ev.detail["created"] = summary(a);
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_activity(c, who.p, a.id);
}

Activity update_activity(db::Conn& c, const app::Caller& who, long long id, const ActivityInput& in) {
  db::Tx tx(c, true);
  auto before = visible_or_404(c, who.p, id);
  if (!may_edit(c, who.p, before)) throw forbidden("access.denied", "只有组织单位可以修改这项活动");
  auto a = checked(c, in, before.organiser_unit_id);
  a.id = id;
  a.updated_at = db::now_ms();
  if (!arepo::update(c, id, in.version, a)) throw conflict("request.stale_version", "这项活动已被他人修改，请刷新后再改");
  arepo::replace_dates(c, id, a.dates);
  arepo::replace_partners(c, id, a.partners);
  roll(c, before, -1);
  roll(c, a, +1);
  auto ev = event("alliance:activity:update", id);
  ev.detail["before"] = summary(before);
  ev.detail["after"] = summary(a);
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_activity(c, who.p, id);
}

Activity confirm_activity(db::Conn& c, const app::Caller& who, long long id) {
  db::Tx tx(c, true);
  auto a = visible_or_404(c, who.p, id);
  auto it = std::find_if(a.partners.begin(), a.partners.end(), [&](const Partner& p) { return p.unit_id == who.p.unit_id; });
  access::DbUnitTree tree(c);
  if (it == a.partners.end() || !access::may_act_in_unit(who.p, kActivityRecordPerm, who.p.unit_id, tree))
    throw forbidden("activity.not_a_partner", "本单位不是这项活动的合作单位，无需确认");
  if (a.state == "cancelled") throw conflict("activity.cancelled", "这项活动已取消，无需确认");
  if (!arepo::confirm(c, id, who.p.unit_id, who.p.user_id, db::now_ms())) throw conflict("activity.already_confirmed", "本单位已确认过这项活动");
  audit::record(c, who.actor, event("alliance:activity:confirm", id));
  tx.commit();
  return get_activity(c, who.p, id);
}

Activity get_activity(db::Conn& c, const access::Principal& p, long long id) {
  auto a = visible_or_404(c, p, id);
  fill_names(c, {&a});
  return a;
}

activity_repo::Page list_activities(db::Conn& c, const access::Principal& p, const ActivityFilter& f, int page, int size) {
  if (f.state && !kStates.count(*f.state)) throw bad_request("request.bad_param", "state 只能是 planned、done 或 cancelled", "state");
  for (auto* d : {&f.from, &f.to})
    if (*d && !time::parse_date(**d)) throw bad_request("request.bad_param", "日期应为 YYYY-MM-DD：" + **d, d == &f.from ? "from" : "to");
  auto out = arepo::list(c, p, kActivityListPerm, f, page, size);
  std::vector<long long> ids;
  for (auto& a : out.items) ids.push_back(a.id);
  auto ps = arepo::partners_of(c, ids);
  std::vector<Activity*> ptrs;
  for (auto& a : out.items) {
    a.partners = ps[a.id];
    ptrs.push_back(&a);
  }
  fill_names(c, ptrs);
  return out;
}

SemesterOpenDays semester_of(const std::string& date) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2));
  if (m >= 8) return {std::to_string(y) + "年秋季学期", std::to_string(y) + "-08-01", std::to_string(y + 1) + "-01-31", {}};
  if (m == 1) return {std::to_string(y - 1) + "年秋季学期", std::to_string(y - 1) + "-08-01", std::to_string(y) + "-01-31", {}};
  return {std::to_string(y) + "年春季学期", std::to_string(y) + "-02-01", std::to_string(y) + "-07-31", {}};
}

std::vector<SemesterOpenDays> open_days(db::Conn& c, long long unit_id, int n) {
  std::vector<SemesterOpenDays> out;
  auto s = semester_of(today());
  for (int i = 0; i < n; ++i) {
    out.push_back(s);
    // the day before this semester: 31 July or 31 January
    s = semester_of(s.from.substr(0, 5) + (s.from.substr(5, 2) == "08" ? "07-31" : "01-31"));
  }
  auto dates = arepo::open_day_dates(c, unit_id, out.back().from, out.front().to);
  for (auto& sem : out)
    for (auto& d : dates)
      if (d >= sem.from && d <= sem.to) sem.dates.push_back(d);
  return out;
}
}  // namespace xt::alliance
