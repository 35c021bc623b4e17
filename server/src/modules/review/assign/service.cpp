#include "modules/review/assign/service.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

#include "core/auth/password.hpp"
#include "core/http/errors.hpp"
#include "modules/notices/service.hpp"
#include "modules/review/assign/assign.hpp"

namespace xt::review {
namespace bj = boost::json;

namespace {
std::string sheet_status(const Assignment& a) { return a.submitted_at ? "submitted" : a.saved_at ? "draft" : "new"; }

// The solver's problem from a review's context: active experts; assignments of active experts
// and pins kept; a withdrawn expert's submitted sheet lowers its case's need.
struct Built {
  AssignProblem p;
  std::vector<size_t> experts;  // solver index → context index
};
Built build_problem(const Context& x) {
  Built b;
  for (size_t i = 0; i < x.experts.size(); ++i)
    if (x.experts[i].status == "active") b.experts.push_back(i);
  auto& p = b.p;
  p.cases = (int)x.cases.size();
  p.experts = (int)b.experts.size();
  p.k = x.review.k;
  p.case_k.assign(p.cases, x.review.k);
  p.match.assign((size_t)p.cases * p.experts, 0);
  std::map<long long, int> solver_of;
  for (int e = 0; e < p.experts; ++e) solver_of[x.experts[b.experts[e]].user_id] = e;
  for (int c = 0; c < p.cases; ++c)
    for (int e = 0; e < p.experts; ++e) {
      size_t ei = b.experts[e];
      bool blocked = x.conflict(c, ei) || x.mark(x.cases[c].id, x.experts[ei].user_id) == "forbid";
      p.match[(size_t)c * p.experts + e] = blocked ? -1 : (int8_t)std::min(100, x.match(c, ei));
    }
  for (auto& a : x.assignments) {
    auto ci = x.case_index(a.case_id);
    if (!ci) continue;
    auto it = solver_of.find(a.user_id);
    if (it != solver_of.end()) {
      p.kept.push_back({(int)*ci, it->second});
      if (p.at((int)*ci, it->second) < 0) p.match[*ci * p.experts + it->second] = 0;  // kept whatever: never counted as blocked
    } else if (a.submitted_at) {
      p.case_k[*ci] = std::max(0, p.case_k[*ci] - 1);
    }
  }
  for (auto& [case_id, user_id, mark] : x.marks) {
    if (mark != "pin") continue;
    auto ci = x.case_index(case_id);
    auto it = solver_of.find(user_id);
    if (!ci || it == solver_of.end()) continue;
    std::pair<int, int> pr{(int)*ci, it->second};
    if (std::find(p.kept.begin(), p.kept.end(), pr) == p.kept.end() && p.at(pr.first, pr.second) >= 0) p.kept.push_back(pr);
  }
  return b;
}

// What a proposal was computed from: applying it is refused once any of it changed.
std::string basis_of(const Context& x) {
  std::string s = std::to_string(x.review.k) + "|";
  for (auto& e : x.experts) {
    s += std::to_string(e.user_id) + e.status + ":";
    for (auto& f : e.fields) s += f + ",";
    for (auto& [u, l] : e.declared) s += std::to_string(u) + ",";
    s += ";";
  }
  for (auto& a : x.assignments) s += std::to_string(a.id) + ",";
  for (auto& [c, u, m] : x.marks) s += std::to_string(c) + "-" + std::to_string(u) + m + ",";
  for (auto& k : x.cases) s += std::to_string(k.id) + ",";
  return auth::sha256_hex(s);
}

// Each expert with new cases hears of them (in-app; the workbench card shows them too).
void tell_experts(db::Conn& c, const Context& x, const std::map<long long, int>& added) {
  for (auto& [user, n] : added) {
    notices::Notice note;
    note.user_id = user;
    note.kind = "review.assigned";
    note.title = "有" + std::to_string(n) + "个案例待您评审";
    note.body = "“" + x.call.title + "”市级评审新分配给您" + std::to_string(n) + "个案例，请在" + x.review.ends_on + "前完成评分。";
    note.link = "/review/mine";
    notices::send(c, note);
  }
}

bj::object expert_brief(const Expert& e) {
  return {{"user_id", e.user_id}, {"name", e.name}, {"unit_name", e.unit_name}, {"status", e.status}};
}
}  // namespace

bj::object board(db::Conn& c, const Review& r) {
  auto x = load_context(c, r);
  std::map<long long, int> load, submitted;
  bj::array cases;
  for (size_t ci = 0; ci < x.cases.size(); ++ci) {
    auto& k = x.cases[ci];
    bj::array experts;
    int n = 0, done = 0;
    for (auto& a : x.assignments) {
      if (a.case_id != k.id) continue;
      auto ei = x.expert_index(a.user_id);
      bj::object o{{"assignment_id", a.id}, {"user_id", a.user_id}, {"how", a.how}, {"status", sheet_status(a)}};
      o["name"] = ei ? x.experts[*ei].name : "";
      o["withdrawn"] = ei && x.experts[*ei].status != "active";
      experts.push_back(std::move(o));
      ++n;
      ++load[a.user_id];
      if (a.submitted_at) ++done, ++submitted[a.user_id];
    }
    int conflicts = 0;
    for (size_t ei = 0; ei < x.experts.size(); ++ei)
      if (x.experts[ei].status == "active" && x.conflict(ci, ei)) ++conflicts;
    bj::array topics;
    for (auto& t : k.topics) topics.emplace_back(t);
    bj::array marks;
    for (auto& [case_id, user_id, mark] : x.marks)
      if (case_id == k.id) marks.push_back(bj::object{{"user_id", user_id}, {"mark", mark}});
    cases.push_back(bj::object{{"case_id", k.id}, {"title", k.title}, {"unit_name", k.unit_name}, {"review_unit_name", k.review_unit_name},
                               {"rank", k.rank ? bj::value(*k.rank) : bj::value(nullptr)}, {"form", k.form}, {"topics", topics},
                               {"experts", experts}, {"assigned", n}, {"submitted", done}, {"short", std::max(0, r.k - n)},
                               {"conflicts", conflicts}, {"marks", marks}});
  }
  bj::array experts;
  for (auto& e : x.experts) {
    auto o = expert_brief(e);
    o["assigned"] = load[e.user_id];
    o["submitted"] = submitted[e.user_id];
    experts.push_back(std::move(o));
  }
  return {{"cases", cases}, {"experts", experts}, {"k", r.k}, {"has_proposal", r.proposal_at.has_value()}};
}

bj::object case_candidates(db::Conn& c, const Review& r, long long case_id) {
  auto x = load_context(c, r);
  auto ci = x.case_index(case_id);
  if (!ci) throw not_found("review.case_not_found", "本次评审中没有这个案例");
  std::map<long long, int> load;
  for (auto& a : x.assignments) ++load[a.user_id];
  bj::array items;
  for (size_t ei = 0; ei < x.experts.size(); ++ei) {
    auto& e = x.experts[ei];
    if (e.status != "active") continue;
    auto why = x.conflict(*ci, ei);
    bool assigned = std::any_of(x.assignments.begin(), x.assignments.end(), [&](auto& a) { return a.case_id == case_id && a.user_id == e.user_id; });
    items.push_back(bj::object{{"user_id", e.user_id}, {"name", e.name}, {"unit_name", e.unit_name}, {"match", x.match(*ci, ei)},
                               {"load", load[e.user_id]}, {"conflict", why ? bj::value(*why) : bj::value(nullptr)},
                               {"mark", x.mark(case_id, e.user_id)}, {"assigned", assigned}});
  }
  return {{"items", items}};
}

bj::object propose(db::Conn& c, const Caller& who, long long review_id, long long now) {
  auto r = get_review(c, review_id);
  require_open(r);
  auto x = load_context(c, r);
  if (x.cases.empty()) throw conflict("review.no_cases", "没有待评审的案例");
  auto b = build_problem(x);
  if (b.p.experts == 0) throw conflict("review.no_experts", "专家库中还没有专家");
  auto t0 = std::chrono::steady_clock::now();
  auto opt = assign_optimal(b.p);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  auto greedy = assign_greedy(b.p);
  bj::array pairs, shown;
  for (auto [ci, e] : opt.added) {
    auto& ex = x.experts[b.experts[e]];
    pairs.push_back(bj::array{x.cases[ci].id, ex.user_id});
    shown.push_back(bj::object{{"case_id", x.cases[ci].id}, {"title", x.cases[ci].title}, {"user_id", ex.user_id}, {"name", ex.name},
                               {"match", b.p.at(ci, e)}});
  }
  bj::array loads, short_cases;
  for (int e = 0; e < b.p.experts; ++e) {
    auto o = expert_brief(x.experts[b.experts[e]]);
    o["load"] = opt.load[e];
    loads.push_back(std::move(o));
  }
  for (int ci = 0; ci < b.p.cases; ++ci)
    if (opt.short_by[ci] > 0)
      short_cases.push_back(bj::object{{"case_id", x.cases[ci].id}, {"title", x.cases[ci].title}, {"short_by", opt.short_by[ci]}});
  db::Tx tx(c, true);
  bj::object stored{{"basis", basis_of(x)}, {"pairs", pairs}};
  repo::set_proposal(c, review_id, bj::serialize(stored), now);
  audit::Event ev{"review:assign:propose", "review", std::to_string(review_id)};
  ev.detail["pairs"] = pairs.size();
  ev.detail["total_match"] = opt.total_match;
  audit::record(c, who.actor, ev);
  tx.commit();
  return {{"pairs", shown},       {"loads", loads},          {"short_cases", short_cases},
          {"low", opt.low},       {"high", opt.high},        {"balanced", opt.balanced},
          {"total_match", opt.total_match}, {"greedy_match", greedy.total_match}, {"solve_ms", ms}, {"k", r.k}};
}

bj::object apply_proposal(db::Conn& c, const Caller& who, long long review_id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto stored = repo::proposal(c, review_id);
  if (!stored) throw conflict("review.proposal_stale", "没有待应用的分配方案，请先生成");
  auto v = bj::parse(*stored);
  auto x = load_context(c, r);
  if (v.at("basis").as_string() != basis_of(x))
    throw conflict("review.proposal_stale", "生成方案后专家库、回避或分配已有变化，请重新生成方案");
  std::vector<std::pair<long long, long long>> pairs;
  auto list = v.at("pairs").as_array();
  for (auto& p : list) pairs.push_back({p.as_array()[0].as_int64(), p.as_array()[1].as_int64()});
  std::map<long long, int> count;
  for (auto& a : x.assignments) {
    auto ei = x.expert_index(a.user_id);
    if (a.submitted_at || (ei && x.experts[*ei].status == "active")) ++count[a.case_id];
  }
  for (auto [case_id, user_id] : pairs) {
    auto ci = x.case_index(case_id);
    auto ei = x.expert_index(user_id);
    if (!ci || !ei || x.experts[*ei].status != "active" || x.conflict(*ci, *ei))
      throw conflict("review.proposal_stale", "方案中的分配已不再成立，请重新生成方案");
    ++count[case_id];
  }
  // A case below k while an active expert without conflict, not forbidden, is still free for it.
  for (size_t ci = 0; ci < x.cases.size(); ++ci) {
    auto& k = x.cases[ci];
    if (count[k.id] >= r.k) continue;
    int free = 0;
    for (size_t ei = 0; ei < x.experts.size(); ++ei) {
      auto& e = x.experts[ei];
      if (e.status != "active" || x.conflict(ci, ei)) continue;
      bool has = std::any_of(x.assignments.begin(), x.assignments.end(), [&](auto& a) { return a.case_id == k.id && a.user_id == e.user_id; }) ||
                 std::any_of(pairs.begin(), pairs.end(), [&](auto& p) { return p.first == k.id && p.second == e.user_id; });
      if (!has) ++free;
    }
    if (free > 0)
      throw conflict("review.case_short", "案例《" + k.title + "》只有" + std::to_string(count[k.id]) + "位专家，少于每案" + std::to_string(r.k) +
                                              "位，而专家库中还有" + std::to_string(free) + "位无需回避的专家（被禁止的组合也算在内）：请解除禁止或手工指定后再应用");
  }
  repo::lock_review(c, review_id);
  std::map<long long, int> added;
  for (auto [case_id, user_id] : pairs) {
    repo::insert_assignment(c, review_id, case_id, user_id, "auto", who.p.user_id, now);
    ++added[user_id];
  }
  tell_experts(c, x, added);
  repo::set_proposal(c, review_id, std::nullopt, now);
  audit::Event ev{"review:assign:apply", "review", std::to_string(review_id)};
  ev.detail["pairs"] = pairs.size();
  audit::record(c, who.actor, ev);
  tx.commit();
  return {{"applied", pairs.size()}};
}

long long assign_by_hand(db::Conn& c, const Caller& who, long long review_id, long long case_id, long long user_id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto x = load_context(c, r);
  auto ci = x.case_index(case_id);
  if (!ci) throw not_found("review.case_not_found", "本次评审中没有这个案例");
  auto ei = x.expert_index(user_id);
  if (!ei) throw not_found("review.expert_not_found", "专家库中没有这位专家");
  auto& e = x.experts[*ei];
  if (e.status != "active") throw conflict("review.expert_withdrawn", e.name + "已退出本次评审");
  if (auto why = x.conflict(*ci, *ei)) throw conflict("review.conflict", e.name + "需要回避：" + *why);
  if (x.mark(case_id, user_id) == "forbid") throw conflict("review.forbidden_pair", "这一组合已被禁止分配，请先解除禁止");
  for (auto& a : x.assignments)
    if (a.case_id == case_id && a.user_id == user_id) throw conflict("review.assigned", e.name + "已分配评审这个案例");
  repo::lock_review(c, review_id);
  long long id = repo::insert_assignment(c, review_id, case_id, user_id, "manual", who.p.user_id, now);
  tell_experts(c, x, {{user_id, 1}});
  repo::set_proposal(c, review_id, std::nullopt, now);
  audit::Event ev{"review:assign:add", "review", std::to_string(review_id)};
  ev.detail["case"] = x.cases[*ci].title;
  ev.detail["expert"] = e.name;
  audit::record(c, who.actor, ev);
  tx.commit();
  return id;
}

void unassign(db::Conn& c, const Caller& who, long long review_id, long long assignment_id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto a = repo::find_assignment(c, assignment_id);
  if (!a || a->review_id != review_id) throw not_found("review.assignment_not_found", "没有这条分配");
  if (a->submitted_at) throw conflict("review.sheet_submitted", "专家已提交评分，不能取消这条分配");
  repo::lock_review(c, review_id);
  repo::delete_assignment(c, assignment_id);
  repo::set_proposal(c, review_id, std::nullopt, now);
  audit::Event ev{"review:assign:remove", "review", std::to_string(review_id)};
  ev.detail["case_id"] = a->case_id;
  ev.detail["user_id"] = a->user_id;
  ev.detail["had_draft"] = a->saved_at.has_value();
  audit::record(c, who.actor, ev);
  tx.commit();
}

void set_mark(db::Conn& c, const Caller& who, long long review_id, long long case_id, long long user_id, const std::string& mark, long long now) {
  if (mark != "pin" && mark != "forbid" && !mark.empty()) throw unprocessable("request.bad_value", "标记应为 pin（指定）、forbid（禁止）或空", "mark");
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  auto x = load_context(c, r, false);
  auto ci = x.case_index(case_id);
  if (!ci) throw not_found("review.case_not_found", "本次评审中没有这个案例");
  auto ei = x.expert_index(user_id);
  if (!ei) throw not_found("review.expert_not_found", "专家库中没有这位专家");
  if (mark == "pin")
    if (auto why = x.conflict(*ci, *ei)) throw conflict("review.conflict", x.experts[*ei].name + "需要回避：" + *why);
  repo::lock_review(c, review_id);
  repo::set_pair_mark(c, review_id, case_id, user_id, mark);
  repo::set_proposal(c, review_id, std::nullopt, now);
  audit::Event ev{"review:assign:mark", "review", std::to_string(review_id)};
  ev.detail["case"] = x.cases[*ci].title;
  ev.detail["expert"] = x.experts[*ei].name;
  ev.detail["mark"] = mark;
  audit::record(c, who.actor, ev);
  tx.commit();
}
}  // namespace xt::review
