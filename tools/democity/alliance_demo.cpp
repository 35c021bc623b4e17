#include "democity/alliance_demo.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "core/time/time.hpp"
#include "modules/alliance/activities/repo.hpp"
#include "modules/alliance/alliances/repo.hpp"
#include "modules/alliance/dashboard/coverage.hpp"
#include "modules/alliance/meetings/repo.hpp"

namespace xt::demo {
namespace {
namespace al = alliance;

struct U {
  long long id = 0;
  std::optional<long long> parent;
  std::string name, type, code;
  std::optional<std::string> stage;
  long long district = 0;
};

long long day_of(const std::string& d) {
  auto x = *time::parse_date(d);
  return time::days_from_civil(x.y, x.m, x.d);
}
std::string date_of(long long day) { return time::beijing_time(day * 86400000LL).substr(0, 10); }

struct Gen {
  db::Conn& c;
  std::mt19937 g;
  long long t0 = 0, today = 0;
  std::map<std::string, long long> type_ids;
  std::vector<U> units;
  std::map<long long, std::vector<const U*>> socials_of;  // district (0: the city) → social units
  std::vector<const U*> departments;
  std::map<std::string, const U*> dept_by_code;
  AllianceSummary sum;

  double uni() { return std::uniform_real_distribution<double>(0, 1)(g); }
  long long between(long long a, long long b) { return a >= b ? a : std::uniform_int_distribution<long long>(a, b)(g); }
  template <class T> const T& pick(const std::vector<T>& v) { return v[g() % v.size()]; }

  // A contact as units name them: 医生 at a hospital, 警官 at a police station, and so on.
  std::string person(const std::string& type = "") {
    static const std::vector<std::string> s = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    static const std::map<std::string, std::vector<std::string>> titles = {
        {"hospital", {"医生", "主任"}},          {"police_station", {"警官", "所长"}}, {"school", {"老师", "主任", "校长"}},
        {"library", {"馆长", "老师"}},           {"museum", {"馆长", "老师"}},         {"department", {"科长", "处长", "主任"}},
        {"community", {"书记", "主任"}},         {"village", {"书记", "主任"}},        {"stadium", {"教练", "主任"}}};
    static const std::vector<std::string> other = {"老师", "主任"};
    auto it = titles.find(type);
    return pick(s) + pick(it == titles.end() ? other : it->second);
  }
  std::string phone() {
    std::string p = "0531-8";
    for (int i = 0; i < 7; ++i) p += char('0' + g() % 10);
    return p;
  }

  long long alliance(const std::string& level, const U& anchor, const std::string& name, std::vector<al::Member> members,
                     std::vector<std::pair<std::string, long long>> history) {
    al::Alliance a;
    a.level = level;
    a.anchor_unit_id = anchor.id;
    a.name = name;
    a.status = history.back().first;
    for (auto& [s, d] : history)
      if (s == "formed") a.founded_on = date_of(d);
    a.created_at = a.updated_at = history.front().second * 86400000LL;
    a.id = al::repo::insert(c, a);
    members.insert(members.begin(), al::Member{anchor.id, "lead", person(anchor.type == "school" ? "school" : "department"), phone(), "牵头统筹", ""});
    al::repo::replace_members(c, a.id, members);
    for (auto& [s, d] : history) al::repo::add_history(c, a.id, {s, date_of(d), "", std::nullopt, d * 86400000LL});
    ++sum.alliances;
    return a.id;
  }

  al::Member member(const U& u, const char* what) { return al::Member{u.id, "member", person(u.type), phone(), what, ""}; }

  void activity(const std::string& type, const U& organiser, std::vector<const U*> partners, long long day, const std::string& title) {
    al::Activity a;
    a.type_id = type_ids.at(type);
    a.organiser_unit_id = organiser.id;
    a.organiser_district_id = organiser.district;
    a.title = title;
    double r = uni();
    a.state = day > today ? "planned" : r < 0.03 ? "cancelled" : "done";
    int sessions = uni() < 0.15 ? (int)between(2, 6) : 1;
    for (int i = 0; i < sessions; ++i) a.dates.push_back(date_of(day + 7 * i));
    if (a.state == "done")
      while (!a.dates.empty() && day_of(a.dates.back()) > today) a.dates.pop_back();
    a.sessions = (int)a.dates.size();
    a.held_on = a.dates.front();
    a.ends_on = a.dates.back();
    a.place = organiser.name;
    a.audience = {uni() < 0.5 ? "primary_upper" : "middle"};
    a.reached.students = between(20, 400);
    if (type.find("parent") != std::string::npos || type == "open_day" || type == "family_lecture") a.reached.parents = between(30, 300), a.audience = {"parents"};
    a.reached.teachers = between(0, 20);
    a.created_at = a.updated_at = day * 86400000LL;
    a.id = al::activity_repo::insert(c, a);
    al::activity_repo::insert_dates(c, a.id, a.dates);
    std::vector<al::Partner> ps;
    for (auto* p : partners) ps.push_back({p->id, p->district, std::nullopt, std::nullopt, ""});
    al::activity_repo::insert_partners(c, a.id, ps);
    if (a.state == "done") ++sum.done_by_type[type];
    for (auto* p : partners)
      if (a.state == "done" && uni() < 0.85) al::activity_repo::confirm(c, a.id, p->id, 0, (day + between(0, 5)) * 86400000LL);
    ++sum.activities;
  }

  // One activity of a school: organised by the school itself or by a partner with it.
  void school_activity(const U& school, long long day) {
    auto& near = socials_of[school.district];
    auto& city = socials_of[0];
    auto of_type = [&](const std::vector<const U*>& v, std::initializer_list<const char*> types) -> const U* {
      std::vector<const U*> m;
      for (auto* u : v)
        for (auto t : types)
          if (u->type == t) m.push_back(u);
      return m.empty() ? nullptr : m[g() % m.size()];
    };
    double r = uni();
    auto short_name = school.name.substr(std::min(school.name.size(), school.name.find("区") == std::string::npos ? 0 : school.name.find("区") + 3));
    if (r < 0.30) {
      static const std::vector<std::pair<std::string, std::string>> own = {
          {"open_day", "家长开放日：教学成果展示"}, {"open_day", "家长开放日：特色活动体验"}, {"parent_school_course", "家长学校：亲子沟通"},
          {"parent_school_course", "家长学校：青春期心理"}, {"parent_in_class", "家长进课堂：职业分享"}, {"two_way_evaluation", "家校双向评价"}};
      auto& [t, title] = own[uni() < 0.5 ? g() % 2 : g() % own.size()];
      activity(t, school, {}, day, title);
      return;
    }
    struct Option {
      const U* by;
      std::vector<std::pair<std::string, std::string>> kinds;
    };
    std::vector<Option> opts = {
        {of_type(near, {"police_station"}), {{"law_class", "法治讲堂：预防校园欺凌"}, {"campus_patrol", "护校安园巡查"}, {"traffic", "校门口交通治理"}, {"anti_terror_drill", "防暴恐演练"}}},
        {of_type(near, {"hospital"}), {{"vision_check", "公益视力检测"}, {"health_lecture", "健康讲座：近视防控"}, {"nutrition", "营养配餐指导"}, {"health_vp", "健康副校长进校园"}}},
        {of_type(near, {"community", "village"}), {{"study_station", "社区学习驿站开放"}, {"community_service", "社区心理与法律服务"}, {"parent_group", "家长互助小组亲子活动"}}},
        {of_type(near, {"community_parent_school"}), {{"family_lecture", "家庭教育讲座"}}},
        {of_type(near, {"library", "study_base", "youth_palace"}), {{"free_visit", "场馆免费开放研学"}}},
        {of_type(near, {"stadium"}), {{"coach_in_school", "教练进校园：跳绳"}, {"sports_event", "校园联赛"}}},
        {of_type(near, {"civilization_center"}), {{"elders_youth_lecture", "“五老”讲座"}}},
        {of_type(city, {"museum", "art_gallery", "heritage_hall", "patriotic_base", "science_center"}), {{"venue_lesson", "一校一馆一课：现场教学"}, {"free_visit", "场馆研学"}}},
        {dept_by_code.count("D11") ? dept_by_code["D11"] : nullptr, {{"pe_training", "体育教师培训"}}},
        {dept_by_code.count("D12") ? dept_by_code["D12"] : nullptr, {{"fire_check", "消防安全检查"}}},
        {dept_by_code.count("D10") ? dept_by_code["D10"] : nullptr, {{"food_check", "校园食品安全检查"}}},
        {dept_by_code.count("D06") ? dept_by_code["D06"] : nullptr, {{"building_check", "校舍安全体检"}}},
    };
    static const std::vector<double> weights = {16, 14, 10, 6, 8, 8, 4, 14, 2, 3, 3, 2};
    std::discrete_distribution<size_t> d(weights.begin(), weights.end());
    for (int tries = 0; tries < 5; ++tries) {
      auto& o = opts[d(g)];
      if (!o.by) continue;
      auto& [t, title] = o.kinds[g() % o.kinds.size()];
      activity(t, *o.by, {&school}, day, title + "·" + short_name);
      return;
    }
    activity("family_lecture", school, {}, day, "家庭教育讲座");
  }
};
}  // namespace

AllianceSummary generate_alliances(db::Conn& c, const AllianceOptions& o) {
  Gen x{c, std::mt19937(o.seed)};
  auto today_s = o.today.empty() ? time::beijing_time(db::now_ms()).substr(0, 10) : o.today;
  x.today = day_of(today_s);
  x.t0 = x.today - 365LL * o.years;
  for (auto& t : al::activity_repo::types(c)) x.type_ids[t.code] = t.id;
  std::map<long long, size_t> at;
  for (auto& r : c.rows(db::Query("SELECT id, parent_id, name, type, code, school_stage FROM units WHERE deleted_at IS NULL AND status = 'active' ORDER BY id"))) {
    at[r.i64(0)] = x.units.size();
    x.units.push_back({r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.opt_str(5), 0});
  }
  for (auto& u : x.units) {
    const U* p = &u;
    for (int guard = 0; p && guard < 16; ++guard) {
      if (p->type == "district_bureau") {
        u.district = p->id;
        break;
      }
      p = p->parent && at.count(*p->parent) ? &x.units[at[*p->parent]] : nullptr;
    }
  }
  const U* city = nullptr;
  std::vector<const U*> districts, schools;
  for (auto& u : x.units) {
    if (u.type == "city_bureau") city = &u;
    else if (u.type == "district_bureau") districts.push_back(&u);
    else if (u.type == "department") x.departments.push_back(&u), x.dept_by_code[u.code] = &u;
    else if (u.type == "school") schools.push_back(&u);
    else x.socials_of[u.district].push_back(&u);
  }
  if (!city) throw std::runtime_error("演示城市中没有市教育局");
  db::Tx tx(c, true);

  // The city's alliance: every department and the city's venues.
  std::vector<al::Member> ms;
  for (auto* d : x.departments) ms.push_back(x.member(*d, "按责任分工落实工作举措"));
  for (auto* s : x.socials_of[0]) ms.push_back(x.member(*s, "开放场馆、开发课程"));
  x.alliance("city", *city, "济南市家校社协同育人教联体", ms, {{"preparing", x.t0 + 20}, {"formed", std::min(x.today, x.t0 + 60)}});

  // The districts': formed one after another; the last one late.
  long long police = x.dept_by_code.count("D03") ? x.dept_by_code["D03"]->id : 0;
  std::vector<long long> district_alliances;
  for (size_t i = 0; i < districts.size(); ++i) {
    auto* d = districts[i];
    std::vector<al::Member> dm;
    for (auto* s : x.socials_of[d->id])
      if (dm.size() < 8) dm.push_back(x.member(*s, "参与家校社协同育人"));
    for (auto* dep : x.departments)
      if (dep->id == police || dep->code == "D09" || dep->code == "D11") dm.push_back(x.member(*dep, "业务指导"));
    long long formed = std::min(x.today, x.t0 + 90 + (long long)i * 30 + (i + 1 == districts.size() ? 60 : 0));
    if (date_of(formed) <= "2025-12-31") ++x.sum.districts_formed_by_2025;
    auto name = d->name.substr(0, d->name.find("教育局")) + "家校社协同育人教联体";
    district_alliances.push_back(x.alliance("district", *d, name, dm, {{"preparing", formed - 30}, {"formed", formed}}));
  }

  // Schools: a counted share forms, later ones more often; some prepare first.
  for (auto* s : schools) {
    if (!alliance::coverage::counted_stage(s->stage)) continue;
    double r = x.uni();
    auto& near = x.socials_of[s->district];
    std::vector<al::Member> sm;
    bool inside_only = x.uni() < 0.05;
    if (inside_only) {
      for (auto* other : schools)
        if (other != s && other->district == s->district) {
          sm.push_back(x.member(*other, "校际交流"));
          break;
        }
    } else {
      int n = (int)x.between(1, 3);
      for (int k = 0; k < n && !near.empty(); ++k) {
        auto* u = x.pick(near);
        if (std::none_of(sm.begin(), sm.end(), [&](auto& m) { return m.unit_id == u->id; })) sm.push_back(x.member(*u, "共建共育"));
      }
      if (x.uni() < 0.3 && !x.socials_of[0].empty()) sm.push_back(x.member(*x.socials_of[0][0], "一校一馆一课"));
    }
    auto name = s->name + "教联体";
    if (r < o.formed_share) {
      long long span = x.today - (x.t0 + 120);
      long long formed = x.t0 + 120 + (long long)(std::pow(x.uni(), 0.8) * std::max<long long>(1, span));
      std::vector<std::pair<std::string, long long>> h;
      if (x.uni() < 0.3) h.push_back({"preparing", formed - x.between(20, 90)});
      h.push_back({"formed", formed});
      bool dissolved = x.uni() < 0.03 && formed + 60 < x.today;
      if (dissolved) h.push_back({"dissolved", x.between(formed + 30, x.today)});
      x.alliance("school", *s, name, sm, h);
      bool external = false;
      for (auto& m : sm) {
        auto& t = x.units[at[m.unit_id]].type;
        external |= t != "school" && t != "city_bureau" && t != "district_bureau";
      }
      if (!dissolved && formed <= x.today && external) ++x.sum.covered_today;
    } else if (r < o.formed_share + 0.08) {
      x.alliance("school", *s, name, sm, {{"preparing", x.between(x.today - 120, x.today)}});
    }
  }

  // Activities of every school, spread over the years (a few planned ahead).
  long long per_school = (long long)o.activities_per_school_year * o.years;
  for (auto* s : schools)
    for (long long k = 0; k < per_school; ++k) x.school_activity(*s, x.between(x.t0, x.today + (x.uni() < 0.05 ? 60 : 0)));

  // 会商 of each district alliance, quarterly, with follow-up actions.
  for (auto id : district_alliances) {
    auto members = al::repo::members(c, id);
    auto anchor = members.front().unit_id;
    auto a = al::repo::find(c, id);
    long long from = day_of(*a->founded_on);
    static const std::vector<std::string> topics = {"学期工作会商：馆校课程与视力检测安排", "护校安园与交通治理专题会商", "家长学校课程安排会商",
                                                    "社区学习驿站开放会商", "假期安全与研学活动会商"};
    static const std::vector<std::string> actions = {"排出下学期馆校课程表", "完成全区小学视力检测", "开展校门口交通治理", "组织家庭教育讲座",
                                                     "开放社区学习驿站", "开展消防安全检查"};
    for (long long day = from + 20; day <= x.today; day += 91) {
      al::Meeting m;
      m.alliance_id = id;
      m.held_on = date_of(day);
      m.convener_unit_id = anchor;
      m.topic = x.pick(topics);
      m.agenda = "一、上阶段工作情况；二、下阶段安排";
      m.decisions = "各成员单位按分工推进，下次会商通报进展。";
      m.created_at = day * 86400000LL;
      for (auto& mem : members)
        if (m.attendees.size() < 6) m.attendees.push_back(mem.unit_id);
      int n = (int)x.between(1, 3);
      for (int k = 0; k < n; ++k) {
        al::Action act;
        act.title = x.pick(actions);
        act.owner_unit_id = members[x.g() % members.size()].unit_id;
        act.due_on = date_of(day + x.between(20, 60));
        m.actions.push_back(act);
      }
      auto mid = al::meeting_repo::insert(c, m);
      ++x.sum.meetings;
      auto stored = al::meeting_repo::find(c, mid);  // kept: a range-for over a temporary's member dangles
      for (auto& act : stored->actions)
        if (day_of(act.due_on) + 10 < x.today && x.uni() < 0.8) al::meeting_repo::mark_done(c, act.id, "已按期完成", 0, (day_of(act.due_on) - 2) * 86400000LL);
    }
  }
  al::activity_repo::rebuild_rollup(c);
  tx.commit();
  c.exec(db::Query("ANALYZE"));  // the planner's statistics for what was just loaded
  return x.sum;
}
}  // namespace xt::demo
