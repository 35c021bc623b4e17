#include "democity/review_demo.hpp"

#include <algorithm>
#include <map>
#include <random>

#include "core/auth/password.hpp"
#include "core/auth/session.hpp"
#include "core/time/time.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/org/facts.hpp"
#include "modules/review/assign/service.hpp"
#include "modules/review/pool.hpp"
#include "modules/review/results/service.hpp"
#include "modules/review/scoring.hpp"

namespace xt::demo {
namespace {
namespace bj = boost::json;
using db::Query;
constexpr long long kDay = 86'400'000LL;

struct Who {
  access::Principal p;
  audit::Actor actor;
  app::Caller caller() const { return {p, actor}; }
};

Who who_is(db::Conn& c, const std::string& username) {
  Query q("SELECT u.id, m.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.username = ");
  q << q.bind(username) << " ORDER BY m.sort, m.id";
  auto r = c.row(q);
  if (!r) throw std::runtime_error("demo: no account " + username);
  Who w{auth::load_principal(c, r->i64(0), r->i64(1)), {}};
  w.actor.user_id = w.p.user_id;
  w.actor.username = w.p.username;
  w.actor.unit_id = w.p.unit_id;
  w.actor.unit_name = w.p.unit_name;
  w.actor.ip = "127.0.0.1";
  return w;
}

struct Unit {
  long long id, district;
  std::string name, type;
  bool city_affiliated;
};

const std::vector<std::string> kThemes = {"家访", "家长学校", "心理健康", "法治教育", "劳动教育", "阅读", "研学", "防溺水", "体育锻炼", "科普"};
const std::vector<std::string> kTitleForms = {"“{t}+”协同育人的实践探索", "{t}进社区：家校社携手的{n}年", "以{t}为纽带构建家校社共育新格局",
                                              "“周末{t}课堂”的做法与成效", "{t}护航成长：校社联动机制建设", "小{t}大课堂——家校社协同育人案例"};

std::string fill(std::string s, const std::map<std::string, std::string>& v) {
  for (auto& [k, x] : v)
    for (size_t at = s.find("{" + k + "}"); at != std::string::npos; at = s.find("{" + k + "}", at + x.size())) s.replace(at, k.size() + 2, x);
  return s;
}

cases::Content content_for(std::mt19937& g, const Unit& owner, const std::vector<const Unit*>& partners, const cases::Rules& rules,
                           const std::string& theme, const std::string& start) {
  cases::Content ct;
  for (auto* p : partners) ct.partners.push_back({p->id, p->name});
  ct.form = partners.size() > 1 ? "多方协同" : partners.empty() ? "社区+学校" : (partners[0]->type == "museum" || partners[0]->type == "library" ? "基地场馆+学校" : "社区+学校");
  ct.topics = {rules.topics[g() % (rules.topics.size() - 1)]};
  ct.practice_start = start;
  ct.still_running = g() % 4 != 0;
  ct.contact_name = "王老师";
  ct.contact_phone = "0531-8" + std::to_string(1000000 + g() % 8999999);
  std::string partner = partners.empty() ? "所在社区" : partners[0]->name;
  std::map<std::string, std::string> v{{"u", owner.name}, {"p", partner}, {"t", theme}, {"n", std::to_string(2 + g() % 4)}};
  auto para = [&](std::vector<std::string> pool, int n) {
    std::shuffle(pool.begin(), pool.end(), g);
    std::string out;
    for (int i = 0; i < n && i < (int)pool.size(); ++i) out += (i ? "\n" : "") + fill(pool[i], v);
    return out;
  };
  ct.sections = {
      {"overview", fill("{u}联合{p}，以{t}为切入点，建立“学校主导、家庭尽责、社会协同”的工作机制。{n}年来，形成了固定的活动时间、稳定的志愿者队伍和可复制的活动清单，"
                        "参与学生和家长的满意度逐年提高，经验在全区推广。", v)},
      {"background", para({"近年来，家长普遍反映孩子课后时间缺少有益的活动，部分家庭对{t}方面的需求十分迫切。学校在家访中了解到，不少家庭希望学校和社区提供更多支持。",
                           "{p}有场地、有志愿者，但与学校之间缺少固定的联系渠道，资源没有用起来。",
                           "《关于健全学校家庭社会协同育人机制的意见》提出要发挥社会资源育人作用，为我们开展工作指明了方向。"}, 3)},
      {"content", para({"学校与{p}签订共建协议，明确双方职责，每学期共同制定活动计划。",
                        "每月开展一次{t}主题活动，由学校教师、社区工作者和家长志愿者共同组织。",
                        "建立家长学校，每学期举办4次家庭教育讲座，邀请专家围绕{t}进行指导。",
                        "利用寒暑假组织学生走进社区，开展志愿服务和社会实践。"}, 3)},
      {"practice", para({"一是机制固定。学校德育处、社区党组织和家委会每月召开一次联席会，活动有计划、有记录、有反馈。",
                         "二是队伍稳定。组建由教师、社区工作者、“五老”和家长组成的志愿者队伍，现有成员60余人。",
                         "三是内容分层。按低、中、高年级设计不同的{t}活动，做到人人能参与。",
                         "四是家访先行。班主任每学期对每个家庭至少家访一次，把家访中发现的需求带到社区活动中解决。"}, 3)},
      {"results", para({"{n}年来共开展活动120余场，参与学生4000余人次、家长1500余人次。",
                        "学生在{t}方面的表现明显改善，家长对学校工作的满意度由86%提高到97%。",
                        "相关做法被区教育局作为经验在全区交流，并被市级媒体报道。"}, 3)},
      {"reflection", para({"活动的持续开展依赖少数骨干，需要培养更多志愿者。",
                           "下一步将把活动纳入社区年度工作计划，争取更稳定的经费和场地保障。",
                           "在家访中发现的个别困难家庭，需要与民政、妇联等部门建立更顺畅的转介渠道。"}, 2)},
  };
  return ct;
}

struct CallPlan {
  std::string title, deadline;
  int cases;
};

// Writes a call's cases as sent to the city, each district's package with its order.
std::vector<long long> sent_cases(db::Conn& c, std::mt19937& g, const Who& city, const CallPlan& plan, const std::vector<Unit>& schools,
                                  const std::map<long long, std::vector<const Unit*>>& socials, long long now) {
  cases::CallInput in;
  in.title = plan.title;
  in.notice = "各区县教育局、各局属学校：为总结推广校家社协同育人的好经验、好做法，现组织开展典型案例征集活动。";
  in.deadline_date = time::beijing_time(now + 30 * kDay).substr(0, 10);
  in.rules = cases::qingdao_template();
  auto call = cases::create_call(c, city.caller(), in);
  Query dl("UPDATE case_calls SET deadline_date = ");
  dl << dl.bind(plan.deadline) << ", deadline_at = " << dl.bind(cases::deadline_ms(plan.deadline)) << ", status = 'closed' WHERE id = " << dl.bind(call.id);
  c.exec(dl);
  std::map<long long, int> per_reviewer;
  std::map<long long, int> per_school;
  std::vector<long long> ids;
  std::vector<const Unit*> pool;
  for (auto& s : schools) pool.push_back(&s);
  std::shuffle(pool.begin(), pool.end(), g);
  long long submitted = cases::deadline_ms(plan.deadline) - 10 * kDay;
  for (auto* u : pool) {
    if ((int)ids.size() >= plan.cases) break;
    auto reviewer = org::facts::reviewing_bureau_of(c, u->id);
    if (!reviewer) continue;
    int limit = u->city_affiliated ? 2 : 10;
    bool quotas = plan.cases <= 60;  // a benchmark's review is larger than any real call allows
    if (quotas && (per_reviewer[*reviewer] >= limit || per_school[u->id] >= 2)) continue;
    std::vector<const Unit*> partners;
    auto it = socials.find(u->district);
    if (it != socials.end() && !it->second.empty()) {
      partners.push_back(it->second[g() % it->second.size()]);
      if (g() % 3 == 0) partners.push_back(it->second[g() % it->second.size()]);
      if (partners.size() == 2 && partners[0] == partners[1]) partners.pop_back();
    }
    auto theme = kThemes[g() % kThemes.size()];
    auto start = std::to_string(2019 + g() % 4) + "-0" + std::to_string(3 + g() % 6) + "-01";
    cases::Case k;
    k.call_id = call.id;
    k.owner_unit_id = u->id;
    k.review_unit_id = *reviewer;
    k.creator_id = city.p.user_id;
    k.title = fill(kTitleForms[g() % kTitleForms.size()], {{"t", theme}, {"n", std::to_string(2 + g() % 4)}});
    k.content = content_for(g, *u, partners, call.rules, theme, start);
    long long id = cases::repo::insert_case(c, k);
    int rank = ++per_reviewer[*reviewer];
    ++per_school[u->id];
    Query s("UPDATE cases SET status = 'sent', recommend_rank = ");
    s << s.bind((long long)rank) << ", submitted_at = " << s.bind(submitted + (long long)(g() % 9) * kDay) << " WHERE id = " << s.bind(id);
    c.exec(s);
    ids.push_back(id);
  }
  for (auto& [reviewer, n] : per_reviewer) {
    Query p("INSERT INTO case_packages (call_id, review_unit_id, contact_name, contact_phone, remarks, sent_at, sent_by, updated_at) VALUES (");
    p << p.bind(call.id) << ", " << p.bind(reviewer) << ", '张科长', '0531-86000001', '{}', " << p.bind(cases::deadline_ms(plan.deadline) - kDay) << ", "
      << p.bind(city.p.user_id) << ", " << p.bind(now) << ")";
    c.exec(p);
  }
  return ids;
}

// Experts of a review, as demo accounts (the demo password, no first-login change).
std::vector<long long> experts_for(db::Conn& c, const Who& city, long long review, const std::vector<std::pair<std::string, long long>>& people,
                                   const std::string& prefix, const std::vector<std::string>& fields, const std::string& password,
                                   std::vector<Account>* accounts, long long now) {
  std::vector<long long> ids;
  auto hash = auth::hash_password(password);
  int n = 0;
  for (auto& [name, unit] : people) {
    ++n;
    review::NewExpert e;
    e.name = name;
    e.unit_id = unit;
    e.phone = "1390531" + std::to_string(1000 + n * 37);
    char u[16];
    std::snprintf(u, sizeof u, "%s%02d", prefix.c_str(), n);
    e.username = u;
    e.fields = {fields[(size_t)n % fields.size()], fields[(size_t)(n * 3) % fields.size()]};
    if (e.fields[0] == e.fields[1]) e.fields.pop_back();
    auto made = review::create_expert(c, city.caller(), review, e, PasswordPolicy{}, now);
    Query q("UPDATE users SET password_hash = ");
    q << q.bind(hash) << ", must_change_password = 0, is_demo = 1 WHERE id = " << q.bind(made.e.user_id);
    c.exec(q);
    ids.push_back(made.e.user_id);
    if (accounts && n <= 9) accounts->push_back({u, name, made.e.unit_name, "评审专家"});
  }
  return ids;
}

// Scores: the case's quality, the expert's leniency, a little noise; to the sheet's half points.
bj::object scores_for(std::mt19937& g, const review::Sheet& sheet, double quality, double leniency) {
  std::normal_distribution<double> noise(0, 0.06);
  bj::object o;
  for (auto& cr : sheet.criteria) {
    double share = std::clamp(quality + leniency + noise(g), 0.3, 1.0);
    double v = cr.min + share * (cr.max - cr.min);
    o[cr.key] = std::round(v * 2) / 2;
  }
  return o;
}
}  // namespace

ReviewSummary generate_reviews(db::Conn& c, const ReviewOptions& o) {
  ReviewSummary sum;
  const auto& password = o.password;
  std::mt19937 g(o.seed ^ 0x5EEDu);
  long long now = db::now_ms();
  auto city = who_is(c, "city");
  std::vector<Unit> schools;
  std::map<long long, std::vector<const Unit*>> socials;
  std::vector<Unit> all;
  for (auto& r : c.rows(Query("SELECT id, name, type, city_affiliated FROM units WHERE deleted_at IS NULL ORDER BY id"))) {
    auto d = org::facts::district_of(c, r.i64(0)).value_or(0);
    all.push_back({r.i64(0), d, r.str(1), r.str(2), r.flag(3)});
  }
  for (auto& u : all) {
    if (u.type == "school") schools.push_back(u);
    else if (u.type != "city_bureau" && u.type != "district_bureau" && u.type != "department") socials[u.district].push_back(&u);
  }
  auto year_of = [](long long ms) { return time::beijing_time(ms).substr(0, 4); };
  auto bureau_of = [&](const std::string& name) {
    for (auto& u : all)
      if (u.name == name) return u.id;
    return all.front().id;
  };
  std::vector<std::pair<std::string, long long>> people = {
      {"孙立群", bureau_of("济南市教育局")},    {"周慧敏", bureau_of("历下区教育局")}, {"吴建华", bureau_of("市中区教育局")},
      {"郑晓燕", bureau_of("槐荫区教育局")},    {"冯国强", bureau_of("天桥区教育局")}, {"陈丽君", bureau_of("历城区教育局")},
      {"褚志远", bureau_of("济南市图书馆")},    {"卫红梅", bureau_of("济南市博物馆")}, {"蒋文博", bureau_of("长清区教育局")}};
  auto rules = cases::qingdao_template();
  std::vector<std::string> fields = rules.topics;
  fields.insert(fields.end(), rules.forms.begin(), rules.forms.end());

  // Last year's call, reviewed and published.
  {
    std::string last_year = std::to_string(std::stoi(year_of(now)) - 1);
    CallPlan plan{last_year + "年济南市校家社协同育人典型案例征集", last_year + "-11-15", o.cases > 60 ? o.cases / 2 : 24};
    const int selected = std::min(30, plan.cases / 2);
    auto ids = sent_cases(c, g, city, plan, schools, socials, now);
    auto r = review::open_review(c, city.caller(), cases::repo::find_case(c, ids[0])->call_id, {3, 30, std::nullopt, true, std::nullopt, std::nullopt}, now);
    experts_for(c, city, r.id, {people[0], people[2], people[4], people[6], people[8]}, "zj" + last_year.substr(2) + "x", fields, password, nullptr, now);
    review::propose(c, city.caller(), r.id, now);
    review::apply_proposal(c, city.caller(), r.id, now);
    std::map<long long, double> quality;
    for (auto id : ids) quality[id] = 0.55 + (g() % 40) / 100.0;
    auto sheet = review::get_review(c, r.id).sheet;
    std::map<long long, Who> who;
    for (auto& e : review::load_experts(c, r.id)) who.emplace(e.user_id, who_is(c, e.username));
    for (auto& a : review::repo::assignments(c, r.id)) {
      review::save_sheet(c, who.at(a.user_id).caller(), a.id, scores_for(g, sheet, quality[a.case_id], (a.user_id % 3) * 0.04 - 0.04), "材料翔实，做法可推广。",
                         true, now);
      ++sum.sheets;
    }
    auto res = review::results(c, review::get_review(c, r.id));
    int n = 0;
    for (auto& row : res.rows)
      if (n++ < selected) review::decide(c, city.caller(), r.id, row.k->id, "selected", "", now);
    review::decide_rest(c, city.caller(), r.id, "综合评审得分未进入入选范围", now);
    review::publish(c, city.caller(), r.id, false, "", now);
    sum.selected = selected;
    sum.cases += (int)ids.size();
    ++sum.calls;
  }
  // This year's call: the review under way.
  {
    long long at = now - 12 * kDay;
    CallPlan plan{year_of(at) + "年济南市校家社协同育人典型案例征集", time::beijing_time(at).substr(0, 10), o.cases};
    auto ids = sent_cases(c, g, city, plan, schools, socials, now);
    auto r = review::open_review(c, city.caller(), cases::repo::find_case(c, ids[0])->call_id, {3, std::nullopt, std::nullopt, true, std::nullopt,
                                                                                               time::beijing_time(now + 10 * kDay).substr(0, 10)}, now);
    auto pool = people;
    for (int i = (int)pool.size(); i < o.cases / 5; ++i) pool.push_back({"专家" + std::to_string(i + 1), all[(size_t)i * 7 % all.size()].id});
    auto experts = experts_for(c, city, r.id, pool, "zj", fields, password, &sum.accounts, now);
    sum.experts = (int)experts.size();
    review::propose(c, city.caller(), r.id, now);
    review::apply_proposal(c, city.caller(), r.id, now);
    auto sheet = review::get_review(c, r.id).sheet;
    std::map<long long, double> quality;
    for (auto id : ids) quality[id] = 0.55 + (g() % 40) / 100.0;
    std::map<long long, Who> who;
    for (auto& e : review::load_experts(c, r.id)) who.emplace(e.user_id, who_is(c, e.username));
    for (auto& a : review::repo::assignments(c, r.id)) {
      int roll = (int)(g() % 10);
      if (!o.complete && (a.user_id == experts[0] || roll >= 8)) continue;  // zj01 has not begun; some sheets not opened
      bool submit = o.complete || roll < 6;
      auto sc = scores_for(g, sheet, quality[a.case_id], (a.user_id % 3) * 0.05 - 0.05);
      if (!submit) sc.erase("authentic");
      review::save_sheet(c, who.at(a.user_id).caller(), a.id, sc, submit ? "做法扎实，建议推广。" : "", submit, now);
      sum.sheets += submit;
    }
    sum.cases += (int)ids.size();
    ++sum.calls;
  }
  return sum;
}
}  // namespace xt::demo
