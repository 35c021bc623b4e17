#include "modules/alliance/dashboard/service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/http/errors.hpp"
#include "modules/alliance/activities/repo.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/alliance/dashboard/repo.hpp"
#include "modules/alliance/measures.hpp"
#include "modules/org/directory.hpp"

namespace xt::alliance {
namespace {
using coverage::AllianceFacts;

bool external(const org::Unit& u) { return coverage::outside_education(u.type); }

// The city as the dashboard sees it: counted schools with their district, district bureaus,
// and the district- and school-level alliances as coverage facts.
struct City {
  std::shared_ptr<const org::directory::Snapshot> snap;
  long long root = 0;
  std::vector<const org::Unit*> districts;  // by sort, then code
  std::vector<std::pair<const org::Unit*, long long>> schools;  // counted, with district (−1: city-affiliated)
  std::unordered_map<long long, std::vector<AllianceFacts>> by_anchor;

  // −1 for the units directly under the city (the 市直属学校 row).
  long long district_of(const org::Unit& u) const {
    auto d = snap->district_of(u);
    return d ? d : -1;
  }

  // `anchor`: only that unit's alliances (a school's page needs no others).
  static City load(db::Conn& c, std::optional<long long> anchor = std::nullopt) {
    City city;
    city.snap = org::directory::current(c);
    for (auto& u : city.snap->units()) {
      if (u.status != "active") continue;
      if (u.type == "city_bureau" && !city.root) city.root = u.id;
      if (u.type == "district_bureau") city.districts.push_back(&u);
    }
    std::sort(city.districts.begin(), city.districts.end(), [](auto* a, auto* b) { return std::tie(a->sort, a->code) < std::tie(b->sort, b->code); });
    for (auto& u : city.snap->units())
      if (u.status == "active" && u.type == "school" && coverage::counted_stage(u.school_stage)) city.schools.emplace_back(&u, city.district_of(u));
    std::sort(city.schools.begin(), city.schools.end(), [](auto& a, auto& b) { return a.first->code < b.first->code; });
    for (auto& r : dashboard_repo::alliances(c, {"district", "school"}, anchor)) {
      AllianceFacts f;
      f.id = r.id;
      f.anchor = r.anchor;
      f.level = r.level;
      for (auto& [s, on] : r.history) f.history.push_back({s, on});
      f.anchor_leads = false;
      for (auto& [unit, role] : r.members) {
        if (unit == r.anchor && role == "lead") f.anchor_leads = true;
        if (auto* u = city.snap->find(unit); u && external(*u)) f.has_external = true;
      }
      city.by_anchor[r.anchor].push_back(std::move(f));
    }
    return city;
  }

  const std::vector<AllianceFacts>* of(long long anchor) const {
    auto it = by_anchor.find(anchor);
    return it == by_anchor.end() ? nullptr : &it->second;
  }

  bool covered_on(long long school, const std::string& date) const {
    if (auto* as = of(school))
      for (auto& a : *as)
        if (a.level == "school" && coverage::counts_on(a, date)) return true;
    return false;
  }

  SchoolCoverage status(const org::Unit& u, long long district, const std::string& today) const {
    SchoolCoverage s{u.id, district, u.code, u.name, u.school_stage.value_or(""), "", "none", 0, std::nullopt};
    int best = 0;  // none < preparing < not_lead/no_external < covered
    if (auto* as = of(u.id))
      for (auto& a : *as) {
        if (a.level != "school") continue;
        auto st = coverage::status_on(a, today);
        int rank = 0;
        std::string label;
        if (st == "formed") {
          if (coverage::counts_on(a, today)) rank = 3, label = "covered";
          else rank = 2, label = a.anchor_leads ? "no_external" : "not_lead";
        } else if (st == "preparing") {
          rank = 1, label = "preparing";
        }
        if (rank > best) {
          best = rank;
          s.status = label;
          s.alliance_id = a.id;
          s.since = coverage::counting_since(a, today);
        }
      }
    return s;
  }
};

std::string name_of(const City& city, long long district) {
  if (district == -1) return "市直属学校";
  auto* u = city.snap->find(district);
  return u ? u->name : "";
}

// The scope a request reads: the city, or one district the caller may see in detail.
struct Scope {
  std::string kind;
  long long unit_id = 0;
};

Scope resolve(db::Conn& c, const access::Principal& p, const City& city, std::optional<long long> district) {
  access::DbUnitTree tree(c);
  auto may = [&](long long unit) { return access::authorize(p, kDashboardPerm, {unit, 0, unit, "unit"}, tree); };
  if (district) {
    auto* u = city.snap->find(*district);
    if (!u || u->type != "district_bureau") throw not_found("alliance.no_such_district", "没有这个区县");
    if (!may(*district)) throw forbidden("alliance.other_district", "只能查看本区县的详细情况；其他区县请看全市汇总");
    return {"district", *district};
  }
  if (city.root && may(city.root)) return {"city", city.root};
  if (p.unit_type == "district_bureau" && may(p.unit_id)) return {"district", p.unit_id};
  throw forbidden("access.denied", "没有查看教联体工作看板的权限");
}

std::string first_month(const City& city, const std::string& today) {
  std::string first = today.substr(0, 7);
  for (auto& [_, as] : city.by_anchor)
    for (auto& a : as)
      if (a.level == "school")
        for (auto& h : a.history)
          if (h.on.substr(0, 7) < first) first = h.on.substr(0, 7);
  // at most five years of months
  int y = std::stoi(today.substr(0, 4)) - 5;
  auto floor = std::to_string(y) + today.substr(4, 3);
  return std::max(first, floor);
}
}  // namespace

const char* status_label(const std::string& s) {
  if (s == "covered") return "已覆盖";
  if (s == "no_external") return "已组建，尚无教育系统外成员";
  if (s == "not_lead") return "已组建，学校不是牵头单位";
  if (s == "preparing") return "筹建中";
  return "未组建";
}

Dashboard dashboard(db::Conn& c, const access::Principal& p, std::optional<long long> district) {
  auto city = City::load(c);
  auto scope = resolve(c, p, city, district);
  auto today_s = today();
  Dashboard d;
  d.as_of = today_s;
  d.kind = scope.kind;
  d.unit_id = scope.unit_id;
  d.name = city.snap->find(scope.unit_id) ? city.snap->find(scope.unit_id)->name : "";
  bool whole = scope.kind == "city";
  auto in_scope = [&](long long dist) { return whole || dist == scope.unit_id; };

  // Coverage now, per district.
  std::map<long long, DistrictCoverage> rows;
  for (auto* u : city.districts)
    if (in_scope(u->id)) rows[u->id] = DistrictCoverage{u->id, u->name};
  for (auto& [u, dist] : city.schools) {
    auto st = city.status(*u, dist, today_s);
    ++d.city_schools;
    d.city_covered += st.status == "covered";
    if (!in_scope(dist)) continue;
    auto& r = rows.try_emplace(dist, DistrictCoverage{dist, name_of(city, dist)}).first->second;
    ++r.schools;
    r.covered += st.status == "covered";
    r.preparing += st.status == "preparing";
  }
  for (auto& [id, r] : rows) {
    if (id == -1) continue;
    if (auto* as = city.of(id))
      for (auto& a : *as) {
        if (a.level != "district") continue;
        auto st = coverage::status_on(a, today_s);
        if (st.empty() || (st == "dissolved" && !r.alliance_status.empty())) continue;
        r.alliance_id = a.id;
        r.alliance_status = st;
        r.formed_since = coverage::counting_since(a, today_s);
      }
  }
  for (auto& [id, r] : rows) {
    d.schools += r.schools;
    d.covered += r.covered;
    d.preparing += r.preparing;
  }

  // The monthly trend of covered schools in scope.
  std::vector<std::pair<const org::Unit*, long long>> scoped;
  for (auto& s : city.schools)
    if (in_scope(s.second)) scoped.push_back(s);
  std::vector<long long> trend;
  for (auto& end : coverage::month_ends(first_month(city, today_s), today_s)) {
    long long n = 0;
    for (auto& [u, _] : scoped) n += city.covered_on(u->id, end);
    d.trend.emplace_back(end, n);
    trend.push_back(n);
  }

  for (auto& t : dashboard_repo::targets(c)) {
    TargetView v{t.level, t.label, t.due_on, t.source, t.share_pct};
    if (t.level == "school") {
      v.total = d.schools;
      v.met = d.covered;
      v.needed = coverage::target_count(v.total, t.share_pct);
      if (t.due_on >= today_s) v.projection = coverage::project(trend, d.schools, t.share_pct, t.due_on, today_s);
    } else if (t.level == "district") {
      for (auto& [id, r] : rows) {
        if (id == -1) continue;
        ++v.total;
        v.met += r.formed_since && *r.formed_since <= t.due_on;
      }
      v.needed = coverage::target_count(v.total, t.share_pct);
    } else {
      continue;
    }
    d.targets.push_back(std::move(v));
  }

  // Activity from the rollup.
  auto types = activity_repo::types(c);
  auto ms = measures(c, false);
  auto ls = linkages(c);
  for (auto& l : ls) d.linkages.emplace_back(l.key, l.name);
  std::map<long long, std::set<std::string>> type_linkages;
  std::map<long long, std::vector<int>> type_measures;
  std::map<int, std::string> measure_linkage;
  for (auto& m : ms) measure_linkage[m.code] = m.linkage;
  for (auto& t : types)
    for (int code : t.measures)
      if (measure_linkage.count(code)) {
        type_measures[t.id].push_back(code);
        type_linkages[t.id].insert(measure_linkage[code]);
      }
  auto linkage_index = [&](const std::string& key) {
    for (size_t i = 0; i < ls.size(); ++i)
      if (ls[i].key == key) return (int)i;
    return -1;
  };
  std::map<int, Count> per_measure;
  d.by_linkage.assign(ls.size(), {});
  std::map<std::string, Count> per_month;
  for (auto& r : activity_repo::rollup(c, whole ? 0 : scope.unit_id)) {
    for (int code : type_measures[r.type_id]) {
      per_measure[code].activities += r.activities;
      per_measure[code].reached += r.reached;
    }
    for (auto& key : type_linkages[r.type_id])
      if (int i = linkage_index(key); i >= 0) d.by_linkage[i].activities += r.activities, d.by_linkage[i].reached += r.reached;
    per_month[r.month].activities += r.activities;
    per_month[r.month].reached += r.reached;
  }
  for (auto& [m, cnt] : per_month) d.by_month.emplace_back(m, cnt);
  for (auto& m : ms) {
    auto cnt = per_measure[m.code];
    d.measures.push_back({m.code, m.linkage, m.title, cnt});
    if (cnt.activities == 0) d.idle_measures.push_back(m.code);
  }
  for (auto& [id, r] : rows) r.by_linkage.assign(ls.size(), {});
  for (auto& r : activity_repo::rollup(c, whole ? std::optional<long long>(-2) : std::optional<long long>(scope.unit_id))) {
    auto it = rows.find(r.district_id);
    if (it == rows.end()) continue;
    it->second.activities.activities += r.activities;
    it->second.activities.reached += r.reached;
    for (auto& key : type_linkages[r.type_id])
      if (int i = linkage_index(key); i >= 0) it->second.by_linkage[i].activities += r.activities, it->second.by_linkage[i].reached += r.reached;
  }
  for (auto* u : city.districts)
    if (rows.count(u->id)) d.districts.push_back(rows[u->id]);
  if (rows.count(-1)) d.districts.push_back(rows[-1]);
  return d;
}

std::vector<SchoolCoverage> schools(db::Conn& c, const access::Principal& p, std::optional<long long> district,
                                    const std::optional<std::string>& status, const std::string& keyword) {
  static const std::set<std::string> kStatuses = {"covered", "uncovered", "no_external", "not_lead", "preparing", "none"};
  if (status && !kStatuses.count(*status))
    throw bad_request("request.bad_param", "status 只能是 covered、uncovered、no_external、not_lead、preparing 或 none", "status");
  auto city = City::load(c);
  std::optional<long long> only;
  if (district && *district == -1) {
    if (resolve(c, p, city, std::nullopt).kind != "city")
      throw forbidden("alliance.other_district", "只能查看本区县的详细情况；其他区县请看全市汇总");
    only = -1;
  } else {
    auto scope = resolve(c, p, city, district);
    if (scope.kind == "district") only = scope.unit_id;
  }
  auto today_s = today();
  std::vector<SchoolCoverage> out;
  for (auto& [u, dist] : city.schools) {
    if (only && dist != *only) continue;
    if (!keyword.empty() && u->name.find(keyword) == std::string::npos && u->code.find(keyword) == std::string::npos) continue;
    auto s = city.status(*u, dist, today_s);
    if (status && (*status == "uncovered" ? s.status == "covered" : s.status != *status)) continue;
    s.district_name = name_of(city, dist);
    out.push_back(std::move(s));
  }
  return out;
}

SchoolPage school_page(db::Conn& c, const access::Principal& p, long long school_id) {
  auto city = City::load(c, school_id);
  auto* u = city.snap->find(school_id);
  if (!u || u->type != "school") throw not_found("alliance.no_such_school", "没有这所学校");
  access::DbUnitTree tree(c);
  if (!access::authorize(p, kDashboardPerm, {school_id, 0, school_id, "unit"}, tree))
    throw forbidden("alliance.other_district", "只能查看本单位或所辖学校的情况；其他区县请看全市汇总");
  SchoolPage page;
  auto dist = city.district_of(*u);
  page.school = city.status(*u, dist, today());
  page.school.district_name = name_of(city, dist);
  page.counted = coverage::counted_stage(u->school_stage);
  if (page.school.alliance_id) {
    auto ms = repo::members(c, page.school.alliance_id);
    page.members = (long long)ms.size();
    for (auto& m : ms)
      if (auto* x = city.snap->find(m.unit_id); x && external(*x)) ++page.external_members;
    auto a = repo::find(c, page.school.alliance_id);
    if (a) page.alliance_name = a->name;
  }
  auto done = activity_repo::done_by_type(c, school_id);
  std::map<int, Count> per_measure;
  for (auto& t : activity_repo::types(c))
    if (done.count(t.id))
      for (int code : t.measures) per_measure[code].activities += done[t.id];
  for (auto& m : measures(c, false))
    if (per_measure.count(m.code)) page.measures.push_back({m.code, m.linkage, m.title, per_measure[m.code]});
  for (auto& s : open_days(c, school_id, 4)) page.open_days.push_back({s.name, s.from, s.to, s.dates});
  return page;
}
}  // namespace xt::alliance
