#include "modules/alliance/alliances/service.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"
#include "core/text/phone.hpp"
#include "core/time/time.hpp"
#include "modules/org/facts.hpp"

namespace xt::alliance {
namespace bj = boost::json;
namespace facts = org::facts;

namespace {
const std::set<std::string> kStatuses = {"preparing", "formed", "dissolved"};

std::string level_name(const std::string& level) {
  return level == "city" ? "市级" : level == "district" ? "区县级" : "校级";
}

// The level an alliance anchored at this unit has, or "" when the unit forms none.
std::string level_of(const facts::UnitFacts& u) {
  if (u.type == "city_bureau") return "city";
  if (u.type == "district_bureau") return "district";
  if (u.type == "school") return "school";
  return "";
}

void check_date(const std::optional<std::string>& d, const char* field, const char* label) {
  if (!d) return;
  if (!time::parse_date(*d)) throw unprocessable("request.bad_date", std::string(label) + "应为有效日期（YYYY-MM-DD）：" + *d, field);
  if (*d > today()) throw unprocessable("alliance.date_in_future", std::string(label) + "不能晚于今天", field);
}


// Members checked against the tree and the anchor's reach; the anchor added as lead if absent.
std::vector<Member> checked_members(db::Conn& c, const facts::UnitFacts& anchor, std::vector<Member> ms) {
  if (ms.size() > 300) throw unprocessable("request.too_many", "成员单位不能超过300个", "members");
  bool has_anchor = false;
  std::set<long long> seen;
  std::vector<long long> ids;
  for (size_t i = 0; i < ms.size(); ++i) {
    auto field = "members[" + std::to_string(i) + "]";
    auto& m = ms[i];
    if (!seen.insert(m.unit_id).second) throw unprocessable("alliance.duplicate_member", "成员单位重复", field + ".unit_id");
    if (m.role != "lead" && m.role != "member") throw unprocessable("request.bad_value", "成员角色只能是 lead（牵头）或 member（成员）", field + ".role");
    if (!contact_phone_ok(m.contact_phone)) throw unprocessable("request.bad_phone", "联系电话格式不正确：" + m.contact_phone + "（" + text::kPhoneHint + "）", field + ".contact_phone");
    has_anchor |= m.unit_id == anchor.id;
    ids.push_back(m.unit_id);
  }
  auto units = facts::units(c, ids);
  auto anchor_district = facts::district_of(c, anchor.id);
  for (size_t i = 0; i < ms.size(); ++i) {
    auto field = "members[" + std::to_string(i) + "].unit_id";
    auto it = units.find(ms[i].unit_id);
    if (it == units.end() || it->second.status != "active")
      throw unprocessable("alliance.unknown_member", "成员单位不存在或已停用（编号 " + std::to_string(ms[i].unit_id) + "）", field);
    if (!within_reach(anchor_district.value_or(0), facts::district_of(c, it->second.id).value_or(0), it->second.type))
      throw unprocessable("alliance.member_out_of_reach", "「" + it->second.name + "」不在本区县，也不是市直部门或场馆，不能加入本教联体", field);
  }
  if (!has_anchor) {
    bool lead_named = false;
    for (auto& m : ms) lead_named |= m.role == "lead";
    ms.insert(ms.begin(), Member{anchor.id, lead_named ? "member" : "lead", "", "", "", ""});
  }
  bool lead = false;
  for (auto& m : ms) lead |= m.role == "lead";
  if (!lead) throw unprocessable("alliance.lead_required", "至少要有一个牵头单位", "members");
  return ms;
}

void check_input(const AllianceInput& in) {
  if (in.name.empty()) throw unprocessable("request.required", "请填写教联体名称", "name");
  check_date(in.founded_on, "founded_on", "组建日期");
}

audit::Event event(const char* action, long long id) { return audit::Event{action, "alliance", std::to_string(id)}; }

bj::array members_json(const std::vector<Member>& ms) {
  bj::array a;
  for (auto& m : ms) a.push_back(bj::object{{"unit_id", m.unit_id}, {"role", m.role}});
  return a;
}

Alliance visible_or_404(db::Conn& c, const access::Principal& p, long long id) {
  auto a = repo::find(c, id);
  if (!a) throw not_found("alliance.not_found", "没有这个教联体");
  access::DbUnitTree tree(c);
  access::Record r{a->anchor_unit_id, a->created_by.value_or(0), a->id, "alliance"};
  if (!access::authorize(p, kListPerm, r, tree) && !repo::is_member(c, id, p.unit_id)) throw not_found("alliance.not_found", "没有这个教联体");
  return *a;
}

void require_manage(db::Conn& c, const access::Principal& p, const Alliance& a) {
  if (!may_manage(c, p, a)) throw forbidden("access.denied", "只有组建单位可以修改这个教联体");
}
}  // namespace

bool within_reach(long long anchor_district, long long member_district, const std::string& member_type) {
  if (!anchor_district || member_district == anchor_district) return true;
  return !member_district && member_type != "school" && !facts::is_bureau(member_type);
}

bool contact_phone_ok(const std::string& s) { return s.empty() || text::looks_like_phone(s); }

std::string today() { return time::beijing_time(db::now_ms()).substr(0, 10); }

bool may_manage(db::Conn& c, const access::Principal& p, const Alliance& a) {
  access::DbUnitTree tree(c);
  return p.unit_id == a.anchor_unit_id && access::may_act_in_unit(p, kManagePerm, a.anchor_unit_id, tree);
}

Alliance create_alliance(db::Conn& c, const app::Caller& who, const AllianceInput& in) {
  auto anchor = facts::unit(c, who.p.unit_id);
  auto level = anchor ? level_of(*anchor) : "";
  if (level.empty()) throw forbidden("alliance.not_an_anchor", "教联体由市、区县教育局或学校组建，本单位可作为成员加入");
  access::DbUnitTree tree(c);
  if (!access::may_act_in_unit(who.p, kManagePerm, anchor->id, tree)) throw forbidden("access.denied", "没有组建教联体的权限");
  check_input(in);
  if (in.status != "preparing" && in.status != "formed")
    throw unprocessable("request.bad_value", "新建的教联体状态只能是筹建（preparing）或已组建（formed）", "status");
  if (in.status == "formed" && !in.founded_on) throw unprocessable("request.required", "已组建的教联体请填写组建日期", "founded_on");
  db::Tx tx(c, true);
  if (auto existing = repo::active_for(c, anchor->id, level)) {
    auto e = repo::find(c, *existing);
    throw conflict("alliance.already_active", "本单位已有" + level_name(level) + "教联体「" + e->name + "」，不能重复组建；如需重建，请先撤销原教联体");
  }
  auto members = checked_members(c, *anchor, in.members);
  long long now = db::now_ms();
  Alliance a;
  a.level = level;
  a.anchor_unit_id = anchor->id;
  a.name = in.name;
  a.founded_on = in.founded_on;
  a.status = in.status;
  a.note = in.note;
  a.created_by = who.p.user_id;
  a.created_at = a.updated_at = now;
  try {
    a.id = repo::insert(c, a);
  } catch (const std::exception& e) {  // another request formed one at the same moment
    std::string what = e.what();
    if (what.find("alliances_one_active") != std::string::npos || what.find("UNIQUE constraint failed: alliances.") != std::string::npos)
      throw conflict("alliance.already_active", "本单位已有" + level_name(level) + "教联体，不能重复组建；如需重建，请先撤销原教联体");
    throw;
  }
  repo::replace_members(c, a.id, members);
  repo::add_history(c, a.id, {a.status, in.founded_on.value_or(today()), "", who.p.user_id, now});
  auto ev = event("alliance:alliance:create", a.id);
  ev.detail["created"] = bj::object{{"level", level}, {"name", in.name}, {"status", in.status}, {"members", members_json(members)}};
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_alliance(c, who.p, a.id);
}

Alliance update_alliance(db::Conn& c, const app::Caller& who, long long id, const AllianceInput& in) {
  db::Tx tx(c, true);
  auto before = visible_or_404(c, who.p, id);
  require_manage(c, who.p, before);
  if (before.status == "dissolved") throw conflict("alliance.dissolved", "已撤销的教联体不能再修改");
  check_input(in);
  if (before.status == "formed" && !in.founded_on) throw unprocessable("request.required", "已组建的教联体请填写组建日期", "founded_on");
  auto anchor = facts::unit(c, before.anchor_unit_id);
  auto members = checked_members(c, *anchor, in.members);
  auto old_members = repo::members(c, id);
  if (!repo::update(c, id, in.version, in, db::now_ms()))
    throw conflict("request.stale_version", "该教联体已被他人修改，请刷新后再改");
  repo::replace_members(c, id, members);
  auto ev = event("alliance:alliance:update", id);
  audit::change(ev, "name", before.name, in.name);
  audit::change(ev, "founded_on", bj::value(before.founded_on ? bj::value(*before.founded_on) : bj::value(nullptr)),
                bj::value(in.founded_on ? bj::value(*in.founded_on) : bj::value(nullptr)));
  audit::change(ev, "note", before.note, in.note);
  audit::change(ev, "members", bj::value(members_json(old_members)), bj::value(members_json(members)));
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_alliance(c, who.p, id);
}

Alliance change_status(db::Conn& c, const app::Caller& who, long long id, const std::string& to, const std::string& on,
                       const std::string& note) {
  if (!kStatuses.count(to)) throw unprocessable("request.bad_value", "状态只能是 preparing（筹建）、formed（已组建）或 dissolved（已撤销）", "status");
  check_date(on, "on", "生效日期");
  db::Tx tx(c, true);
  auto a = visible_or_404(c, who.p, id);
  require_manage(c, who.p, a);
  bool allowed = (a.status == "preparing" && (to == "formed" || to == "dissolved")) || (a.status == "formed" && to == "dissolved");
  if (!allowed) throw conflict("alliance.bad_transition", "教联体状态不能由「" + a.status + "」改为「" + to + "」");
  auto h = repo::history(c, id);
  if (!h.empty() && on < h.back().effective_on)
    throw unprocessable("alliance.date_before_last", "生效日期不能早于上一次状态变更（" + h.back().effective_on + "）", "on");
  if (!repo::set_status(c, id, a.status, to, db::now_ms())) throw conflict("request.stale_version", "该教联体的状态刚被他人修改，请刷新");
  if (to == "formed" && !a.founded_on) repo::set_founded_on(c, id, on);
  repo::add_history(c, id, {to, on, note, who.p.user_id, db::now_ms()});
  auto ev = event("alliance:alliance:status", id);
  audit::change(ev, "status", a.status, to);
  ev.detail["effective_on"] = on;
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_alliance(c, who.p, id);
}

Alliance get_alliance(db::Conn& c, const access::Principal& p, long long id) {
  auto a = visible_or_404(c, p, id);
  a.members = repo::members(c, id);
  a.history = repo::history(c, id);
  std::vector<long long> ids{a.anchor_unit_id};
  for (auto& m : a.members) ids.push_back(m.unit_id);
  auto names = facts::names(c, ids);
  a.anchor_name = names[a.anchor_unit_id];
  for (auto& m : a.members) m.unit_name = names[m.unit_id];
  return a;
}

repo::Page list_alliances(db::Conn& c, const access::Principal& p, const AllianceFilter& f, int page, int size) {
  if (f.level && *f.level != "city" && *f.level != "district" && *f.level != "school")
    throw bad_request("request.bad_param", "level 只能是 city、district 或 school", "level");
  if (f.status && !kStatuses.count(*f.status)) throw bad_request("request.bad_param", "status 只能是 preparing、formed 或 dissolved", "status");
  auto out = repo::list(c, p, kListPerm, f, page, size);
  std::vector<long long> ids;
  for (auto& a : out.items) ids.push_back(a.anchor_unit_id);
  auto names = facts::names(c, ids);
  for (auto& a : out.items) a.anchor_name = names[a.anchor_unit_id];
  return out;
}
}  // namespace xt::alliance
