#include "modules/alliance/imports/service.hpp"

#include <boost/json.hpp>
#include <set>
#include <unordered_map>

#include "core/audit/audit.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "core/text/phone.hpp"
#include "core/time/time.hpp"
#include "modules/alliance/activities/repo.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/repo.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/alliance/dashboard/coverage.hpp"
#include "modules/org/directory.hpp"
#include "modules/org/facts.hpp"

namespace xt::alliance::imports {
namespace {


size_t chars(const std::string& s) { return json::char_count(s); }

// The unit tree as the import reads it: units by code and by name, and their districts.
struct Units {
  std::shared_ptr<const org::directory::Snapshot> snap;
  std::unordered_map<std::string, std::vector<const org::Unit*>> by_name;
  std::unordered_map<std::string, const org::Unit*> by_code;

  explicit Units(db::Conn& c) : snap(org::directory::current(c)) {
    for (auto& u : snap->units()) {
      if (u.status != "active") continue;
      by_name[u.name].push_back(&u);
      by_code[u.code] = &u;
    }
  }
  // By code, else by a name only one unit has; the reason in `error` otherwise.
  const org::Unit* find(const std::string& text, std::string& error) const {
    if (auto it = by_code.find(text); it != by_code.end()) return it->second;
    auto it = by_name.find(text);
    if (it == by_name.end()) {
      error = "平台上没有名为「" + text + "」的单位（请从下拉列表选择，或填写单位代码）";
      return nullptr;
    }
    if (it->second.size() > 1) {
      error = "有 " + std::to_string(it->second.size()) + " 个单位名为「" + text + "」，请改填单位代码";
      return nullptr;
    }
    return it->second.front();
  }
  long long district_of(const org::Unit& u) const { return snap->district_of(u); }
};


// Marks every row of a failed group that has no error of its own.
void fail_group(Table& t, const std::vector<size_t>& rows) {
  std::string first;
  for (auto i : rows)
    if (!t.rows[i].error.empty()) {
      first = std::to_string(t.rows[i].number);
      break;
    }
  for (auto i : rows)
    if (t.rows[i].error.empty()) t.rows[i].error = "同一学校的第 " + first + " 行有错误，这所学校的各行都未导入";
}

// Before writing: the check is all the caller asked for (false), or every row must pass, or
// something must be left to import.
bool proceed(const Summary& s, Mode mode, size_t importable) {
  if (mode == Mode::Check) return false;
  if (mode == Mode::All && s.bad)
    throw unprocessable("import.has_errors",
                        "共 " + std::to_string(s.total) + " 行，其中 " + std::to_string(s.bad) +
                            " 行有错误，未导入任何数据。请下载错误说明修改后重新上传，或选择只导入无误的行",
                        "file");
  if (!importable) throw unprocessable("import.nothing_to_import", "没有无误的行可以导入", "file");
  return true;
}

// The import's one audit row, in its transaction: what was imported, out of how many rows.
void audit_import(db::Conn& c, const app::Caller& who, const char* action, const char* type, const char* what, Summary& s, size_t imported) {
  s.imported = (long long)imported;
  audit::Event ev{action, type, ""};
  ev.detail[what] = s.imported;
  ev.detail["rows"] = s.total;
  ev.detail["skipped_rows"] = s.bad;
  audit::record(c, who.actor, ev);
}

}  // namespace

Result import_alliances(db::Conn& c, const app::Caller& who, const std::string& bytes, Mode mode) {
  Result res{read_table(bytes, {"学校", "状态", "成员单位"}, kMaxRows), {}};
  auto& t = res.table;
  Units units(c);
  access::DbUnitTree tree(c);
  auto today_s = today();
  std::unordered_map<long long, bool> may;  // school → within the caller's scope
  std::map<long long, std::vector<size_t>> groups;
  std::vector<long long> school_of(t.rows.size(), 0);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    auto& r = t.rows[i];
    auto name = t.get(r, "学校");
    if (name.empty()) {
      r.error = "请填写学校";
      continue;
    }
    std::string err;
    auto* s = units.find(name, err);
    if (!s) {
      r.error = err;
      continue;
    }
    if (s->type != "school") {
      r.error = "「" + name + "」不是学校；校级教联体由学校牵头";
      continue;
    }
    auto it = may.find(s->id);
    if (it == may.end()) it = may.emplace(s->id, access::authorize(who.p, kImportPerm, {s->id, 0, s->id, "unit"}, tree)).first;
    if (!it->second) {
      r.error = "「" + s->name + "」不在本单位管辖范围内";
      continue;
    }
    school_of[i] = s->id;
    groups[s->id].push_back(i);
  }
  std::set<long long> active;
  for (auto& r : c.rows(db::Query("SELECT anchor_unit_id FROM alliances WHERE level = 'school' AND status <> 'dissolved'"))) active.insert(r.i64(0));

  struct Plan {
    long long school = 0;
    std::string name, status;
    std::optional<std::string> founded_on;
    std::vector<Member> members;
  };
  std::vector<Plan> plans;
  for (auto& [school, rows] : groups) {
    auto* s = units.snap->find(school);
    auto district = units.district_of(*s);
    Plan plan{school, "", "", std::nullopt, {}};
    bool lead_named = false;
    std::set<long long> seen;
    for (auto i : rows) {
      auto& r = t.rows[i];
      auto field = [&](const char* title, std::string& into) {
        auto v = t.get(r, title);
        if (v.empty()) return;
        if (into.empty()) into = v;
        else if (into != v && r.error.empty()) r.error = std::string("同一学校的「") + title + "」前后不一致：" + into + " / " + v;
      };
      field("教联体名称", plan.name);
      auto status = t.get(r, "状态");
      if (!status.empty()) {
        auto code = status == "已组建" ? "formed" : status == "筹建" || status == "筹建中" ? "preparing" : "";
        if (!*code && r.error.empty()) r.error = "状态只能填“已组建”或“筹建”：" + status;
        else if (plan.status.empty()) plan.status = code;
        else if (plan.status != code && r.error.empty()) r.error = "同一学校的「状态」前后不一致";
      }
      auto date = t.get(r, "组建日期");
      if (!date.empty()) {
        auto d = parse_day(date);
        if (d.empty() && r.error.empty()) r.error = "组建日期无法识别：" + date + "（请写成 2025-09-01）";
        else if (d > today_s && r.error.empty()) r.error = "组建日期不能晚于今天：" + d;
        else if (!plan.founded_on) plan.founded_on = d;
        else if (*plan.founded_on != d && r.error.empty()) r.error = "同一学校的「组建日期」前后不一致";
      }
      auto member_name = t.get(r, "成员单位");
      if (member_name.empty()) {
        if (r.error.empty()) r.error = "请填写成员单位";
        continue;
      }
      std::string err;
      auto* m = units.find(member_name, err);
      if (!m) {
        if (r.error.empty()) r.error = err;
        continue;
      }
      auto md = units.district_of(*m);
      if (!within_reach(district, md, m->type) && r.error.empty())
        r.error = "「" + m->name + "」不在本区县，也不是市直部门或场馆，不能加入这所学校的教联体";
      if (!seen.insert(m->id).second && r.error.empty()) r.error = "成员单位重复：" + m->name;
      auto role_text = t.get(r, "角色");
      std::string role = role_text.empty() || role_text == "成员" ? "member" : role_text == "牵头" ? "lead" : "";
      if (role.empty() && r.error.empty()) r.error = "角色只能填“牵头”或“成员”：" + role_text;
      auto phone = t.get(r, "联系电话");
      if (!contact_phone_ok(phone) && r.error.empty()) r.error = "联系电话格式不正确：" + phone + "（" + text::kPhoneHint + "）";
      auto contact = t.get(r, "联系人"), work = t.get(r, "承担的工作");
      if ((chars(contact) > 30 || chars(work) > 200) && r.error.empty()) r.error = "联系人不超过30字，承担的工作不超过200字";
      lead_named |= role == "lead";
      plan.members.push_back({m->id, role.empty() ? "member" : role, contact, phone, work, ""});
    }
    auto& first = t.rows[rows.front()];
    if (plan.status.empty()) plan.status = "formed";
    if (plan.status == "formed" && !plan.founded_on && first.error.empty()) first.error = "已组建的教联体请填写组建日期";
    if (active.count(school) && first.error.empty()) first.error = "「" + s->name + "」已有未撤销的校级教联体，不能重复组建";
    if (chars(plan.name) > 100 && first.error.empty()) first.error = "教联体名称不超过100字";
    if (plan.name.empty()) plan.name = s->name + "教联体";
    if (std::none_of(plan.members.begin(), plan.members.end(), [&](const Member& m) { return m.unit_id == school; }))
      plan.members.insert(plan.members.begin(), Member{school, lead_named ? "member" : "lead", "", "", "", ""});
    bool bad = std::any_of(rows.begin(), rows.end(), [&](size_t i) { return !t.rows[i].error.empty(); });
    if (bad) fail_group(t, rows);
    else plans.push_back(std::move(plan));
  }
  res.summary = summarise(t);
  if (!proceed(res.summary, mode, plans.size())) return res;

  db::Tx tx(c, true);
  long long now = db::now_ms();
  for (auto& plan : plans) {
    if (repo::active_for(c, plan.school, "school"))
      throw conflict("alliance.already_active", "导入期间「" + units.snap->find(plan.school)->name + "」刚刚组建了教联体，请重新检查文件");
    Alliance a;
    a.level = "school";
    a.anchor_unit_id = plan.school;
    a.name = plan.name;
    a.founded_on = plan.founded_on;
    a.status = plan.status;
    a.created_by = who.p.user_id;
    a.created_at = a.updated_at = now;
    a.id = repo::insert(c, a);
    repo::replace_members(c, a.id, plan.members);
    repo::add_history(c, a.id, {a.status, plan.founded_on.value_or(today_s), "Excel 导入", who.p.user_id, now});
  }
  audit_import(c, who, "alliance:alliance:import", "alliance", "alliances", res.summary, plans.size());
  tx.commit();
  return res;
}

Result import_activities(db::Conn& c, const app::Caller& who, const std::string& bytes, Mode mode) {
  access::DbUnitTree tree(c);
  if (!access::may_act_in_unit(who.p, kActivityRecordPerm, who.p.unit_id, tree)) throw forbidden("access.denied", "没有记录活动的权限");
  Result res{read_table(bytes, {"活动类型", "活动名称", "日期"}, kMaxRows), {}};
  auto& t = res.table;
  Units units(c);
  auto* me = units.snap->find(who.p.unit_id);
  long long my_district = me ? units.district_of(*me) : 0;
  std::unordered_map<std::string, ActivityType> types;
  for (auto& x : activity_repo::types(c)) types[x.name] = x, types[x.code] = x;
  std::unordered_map<std::string, std::string> audience;
  for (auto& [k, v] : audiences()) audience[v] = k, audience[k] = k;
  static const std::map<std::string, std::string> states = {{"已完成", "done"}, {"计划", "planned"}, {"取消", "cancelled"}, {"", "done"}};
  std::vector<Activity> good;
  for (auto& r : t.rows) {
    try {
      ActivityInput in;
      auto type_text = t.get(r, "活动类型");
      std::optional<ActivityType> type;
      if (auto it = types.find(type_text); it != types.end()) type = it->second;
      else throw unprocessable("activity.unknown_type", "活动类型不在目录中：" + (type_text.empty() ? std::string("（空）") : type_text), "type");
      in.type_code = type->code;
      in.title = t.get(r, "活动名称");
      if (chars(in.title) > 60) throw unprocessable("request.too_long", "活动名称不超过60字", "title");
      for (auto& d : split_list(t.get(r, "日期"))) {
        auto day = parse_day(d);
        if (day.empty()) throw unprocessable("request.bad_date", "日期无法识别：" + d + "（请写成 2026-03-05，多个日期用顿号分隔）", "dates");
        in.dates.push_back(day);
      }
      auto st = states.find(t.get(r, "状态"));
      if (st == states.end()) throw unprocessable("request.bad_value", "状态只能填“已完成”“计划”或“取消”：" + t.get(r, "状态"), "state");
      in.state = st->second;
      in.place = t.get(r, "地点");
      in.description = t.get(r, "简介");
      if (chars(in.place) > 100 || chars(in.description) > 500) throw unprocessable("request.too_long", "地点不超过100字，简介不超过500字", "place");
      for (auto& a : split_list(t.get(r, "活动对象"))) {
        auto it = audience.find(a);
        if (it == audience.end()) throw unprocessable("request.bad_value", "活动对象不在可选范围内：" + a, "audience");
        in.audience.push_back(it->second);
      }
      auto number = [&](const char* title) -> long long {
        auto v = t.get(r, title);
        if (v.empty()) return 0;
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        if (!end || *end || x != (double)(long long)x || x < -1e12 || x > 1e12)
          throw unprocessable("activity.bad_reached", std::string(title) + "应为整数：" + v, title);
        return (long long)x;
      };
      in.reached = {number("学生人数"), number("家长人数"), number("教师人数"), number("其他人数")};
      std::vector<Partner> partners;
      for (auto& p : split_list(t.get(r, "合作单位"))) {
        std::string err;
        auto* u = units.find(p, err);
        if (!u) throw unprocessable("activity.bad_partner", err, "partners");
        partners.push_back({u->id, units.district_of(*u), std::nullopt, std::nullopt, ""});
      }
      auto a = build_activity(in, type, who.p.unit_id, my_district, std::move(partners));
      a.created_by = who.p.user_id;
      good.push_back(std::move(a));
    } catch (const ApiError& e) {
      r.error = e.what();
    }
  }
  res.summary = summarise(t);
  if (!proceed(res.summary, mode, good.size())) return res;
  db::Tx tx(c, true);
  long long now = db::now_ms();
  for (auto& a : good) a.created_at = a.updated_at = now;
  store_activities(c, good);
  audit_import(c, who, "alliance:activity:import", "alliance_activity", "activities", res.summary, good.size());
  tx.commit();
  return res;
}

std::string alliance_template(db::Conn& c, const access::Principal& p, const std::string& tmp_dir) {
  Units units(c);
  access::DbUnitTree tree(c);
  auto* me = units.snap->find(p.unit_id);
  long long district = me ? units.district_of(*me) : 0;
  std::vector<std::string> schools, partners;
  std::string example_school;
  for (auto& u : units.snap->units()) {
    if (u.status != "active") continue;
    auto d = units.district_of(u);
    if (u.type == "school") {
      if (district ? d == district : access::authorize(p, kImportPerm, {u.id, 0, u.id, "unit"}, tree)) {
        schools.push_back(u.name);
        if (example_school.empty() && coverage::counted_stage(u.school_stage)) example_school = u.name;
      }
    } else if (!org::facts::is_bureau(u.type) && (!district || d == district || d == 0)) {
      partners.push_back(u.name);
    }
  }
  std::vector<exporting::TemplateColumn> cols = {{"学校", 30, "学校", true},    {"教联体名称", 30, "", false}, {"状态", 10, "状态", true},
                                                 {"组建日期", 12, "", false},  {"成员单位", 30, "单位", true}, {"角色", 8, "角色", false},
                                                 {"联系人", 10, "", false},    {"联系电话", 16, "", false},   {"承担的工作", 30, "", false}};
  auto ex_school = !example_school.empty() ? example_school : schools.empty() ? std::string("（学校名称）") : schools.front();
  auto ex_unit = partners.empty() ? std::string("（单位名称）") : partners.front();
  return exporting::xlsx_template(
      tmp_dir, "校级教联体", "每行一个成员单位，同一学校的各行合成这所学校的校级教联体；学校自动作为牵头单位。带 * 的列必填；学校和成员单位可从下拉列表选择，也可填写单位代码。状态为“已组建”的请填写组建日期（如 2025-09-01）。",
      cols, {{"学校", schools}, {"单位", partners}, {"状态", {"已组建", "筹建"}}, {"角色", {"成员", "牵头"}}},
      {{ex_school, ex_school + "教联体", "已组建", today(), ex_unit, "成员", "张老师", "0531-88886666", "开设实践课程"}});
}

std::string activity_template(db::Conn& c, const access::Principal& p, const std::string& tmp_dir) {
  Units units(c);
  auto* me = units.snap->find(p.unit_id);
  long long district = me ? units.district_of(*me) : 0;
  std::vector<std::string> type_names, audience_names, partners;
  for (auto& x : activity_repo::types(c))
    if (x.status == "active") type_names.push_back(x.name);
  for (auto& [k, v] : audiences()) audience_names.push_back(v);
  for (auto& u : units.snap->units())
    if (u.status == "active" && u.id != p.unit_id && !org::facts::is_bureau(u.type) && (!district || units.district_of(u) == district || units.district_of(u) == 0))
      partners.push_back(u.name);
  std::vector<exporting::TemplateColumn> cols = {{"活动类型", 22, "活动类型", true}, {"活动名称", 30, "", true}, {"日期", 24, "", true},
                                                 {"状态", 10, "状态", false},        {"地点", 20, "", false},     {"合作单位", 30, "合作单位", false},
                                                 {"活动对象", 14, "活动对象", false}, {"学生人数", 10, "", false}, {"家长人数", 10, "", false},
                                                 {"教师人数", 10, "", false},        {"其他人数", 10, "", false}, {"简介", 40, "", false}};
  return exporting::xlsx_template(
      tmp_dir, "活动", "每行一项本单位组织的活动。系列活动的多个日期用顿号分隔（如 2026-03-05、2026-03-12）；多个合作单位、活动对象也用顿号分隔。人数只填数字，不填名单。状态不填即为“已完成”。",
      cols, {{"活动类型", type_names}, {"状态", {"已完成", "计划", "取消"}}, {"合作单位", partners}, {"活动对象", audience_names}},
      {{type_names.empty() ? "" : type_names.front(), "（活动名称）", today(), "已完成", "（地点）", partners.empty() ? "" : partners.front(), "家长", "0", "60",
        "5", "0", "（简介）"}});
}
}  // namespace xt::alliance::imports
