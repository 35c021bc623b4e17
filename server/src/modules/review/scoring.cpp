#include "modules/review/scoring.hpp"

#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"
#include "modules/cases/facts.hpp"
#include "modules/review/blind.hpp"
#include "modules/review/repo.hpp"
#include "modules/review/sheet.hpp"

namespace xt::review {
namespace bj = boost::json;

namespace {
struct Mine {
  Assignment a;
  Review r;
};

// The assignment when it is the principal's (the link scope of review:case:score), else 404.
Mine mine(db::Conn& c, const access::Principal& p, long long id) {
  auto a = repo::find_assignment(c, id);
  access::Record rec{0, 0, id, "review_assignment", {}, {{"assignee", {a ? a->user_id : 0}}}};
  struct NoTree : access::UnitTree {
    bool within(long long u, long long a) const override { return u == a; }
  } tree;
  if (!a || !access::authorize(p, kScorePerm, rec, tree)) throw not_found("review.assignment_not_found", "没有这项评审任务");
  auto r = repo::find_review(c, a->review_id);
  if (!r) throw not_found("review.assignment_not_found", "没有这项评审任务");
  auto e = repo::find_expert(c, r->id, p.user_id);
  if (!e || e->status != "active") throw not_found("review.assignment_not_found", "没有这项评审任务");
  return {*a, *r};
}

std::string status_of(const Assignment& a) { return a.submitted_at ? "submitted" : a.saved_at ? "draft" : "new"; }

std::vector<std::string> hidden_names(const cases::Case& k) {
  std::vector<std::string> names{k.owner_unit_name};
  for (auto& p : k.content.partners) names.push_back(p.name);
  return name_variants(names);
}

bj::value opt(const std::optional<long long>& v) { return v ? bj::value(*v) : bj::value(nullptr); }
}  // namespace

bj::object my_assignments(db::Conn& c, const access::Principal& p) {
  auto reviews = repo::reviews_of_expert(c, p.user_id);
  auto as = repo::assignments_of_user(c, p.user_id, reviews);
  std::vector<long long> case_ids;
  for (auto& a : as) case_ids.push_back(a.case_id);
  std::map<long long, cases::facts::SentCase> cases;
  std::map<long long, Review> rs;
  std::map<long long, std::string> call_titles;
  for (long long rid : reviews) {
    auto r = repo::find_review(c, rid);
    if (!r) continue;
    rs[rid] = *r;
    auto call = cases::facts::call(c, r->call_id);
    call_titles[rid] = call ? call->title : "";
    for (auto& s : cases::facts::sent_cases(c, r->call_id, case_ids)) cases[s.k.id] = s;
  }
  bj::array items;
  int done = 0;
  for (auto& a : as) {
    auto it = cases.find(a.case_id);
    if (it == cases.end()) continue;
    auto& r = rs[a.review_id];
    auto& k = it->second.k;
    std::string title = r.blind ? hide_names(k.title, hidden_names(k)) : k.title;
    bj::object o{{"assignment_id", a.id}, {"review_id", a.review_id}, {"call_title", call_titles[a.review_id]}, {"title", title},
                 {"status", status_of(a)}, {"ends_on", r.ends_on}, {"blind", r.blind}, {"saved_at", opt(a.saved_at)},
                 {"submitted_at", opt(a.submitted_at)}};
    if (!r.blind) o["unit_name"] = k.owner_unit_name;
    o["total"] = a.submitted_at || a.saved_at ? bj::value(sheet_total(r.sheet, a.scores)) : bj::value(nullptr);
    if (a.submitted_at) ++done;
    items.push_back(std::move(o));
  }
  return {{"items", items}, {"total", (long long)items.size()}, {"submitted", done}};
}

bj::object open_assignment(db::Conn& c, const access::Principal& p, long long id) {
  auto [a, r] = mine(c, p, id);
  auto s = cases::facts::sent_case(c, a.case_id);
  auto call = cases::facts::call(c, r.call_id);
  if (!s || !call) throw not_found("review.assignment_not_found", "没有这项评审任务");
  auto& k = s->k;
  auto hidden = hidden_names(k);
  auto show = [&](const std::string& t) { return r.blind ? hide_names(t, hidden) : t; };
  bj::array sections;
  for (auto& sec : call->rules.sections) {
    std::string text;
    for (auto& [key, t] : k.content.sections)
      if (key == sec.key) text = t;
    sections.push_back(bj::object{{"key", sec.key}, {"heading", sec.heading}, {"group", sec.group}, {"text", show(text)}});
  }
  bj::array topics, partners, evidence;
  for (auto& t : k.content.topics) topics.emplace_back(t);
  if (!r.blind)
    for (auto& pt : k.content.partners) partners.emplace_back(pt.name);
  for (auto& e : cases::facts::evidence(c, k.id))
    evidence.push_back(bj::object{{"id", e.id}, {"seq", e.seq}, {"name", show(e.name)}, {"material_date", e.material_date},
                                  {"remark", show(e.remark)}, {"pages", e.pages}});
  bj::object kase{{"title", show(k.title)}, {"form", k.content.form}, {"topics", topics}, {"practice_start", k.content.practice_start},
                  {"still_running", k.content.still_running}, {"sections", sections}, {"evidence", evidence}};
  if (r.blind) {
    kase["unit_name"] = kHidden;
    kase["partner_count"] = (long long)k.content.partners.size();
  } else {
    kase["unit_name"] = k.owner_unit_name;
    kase["partners"] = partners;
  }
  bool open = r.status == "open";
  return {{"assignment_id", a.id}, {"review_id", r.id}, {"call_title", call->title}, {"blind", r.blind}, {"ends_on", r.ends_on},
          {"review_open", open}, {"case", kase}, {"sheet", to_json(r.sheet)}, {"scores", scores_json(a.scores)}, {"comment", a.comment},
          {"status", status_of(a)}, {"saved_at", opt(a.saved_at)}, {"submitted_at", opt(a.submitted_at)},
          {"total", a.saved_at ? bj::value(sheet_total(r.sheet, a.scores)) : bj::value(nullptr)}};
}

bj::object save_sheet(db::Conn& c, const Caller& who, long long id, const bj::value& scores_in, const std::string& comment, bool submit, long long now) {
  db::Tx tx(c, true);
  auto [a, r] = mine(c, who.p, id);
  require_open(r);
  if (now > ends_at(r)) throw conflict("review.closed", "评审截止日期（" + r.ends_on + "）已过，不能再评分");
  auto scores = scores_from(r.sheet, scores_in, submit);
  if (submit && r.sheet.comment_required && comment.empty())
    throw unprocessable("review.comment_required", "请填写" + r.sheet.comment_label, "comment");
  if (!submit && a.submitted_at) throw conflict("review.sheet_submitted", "评分已提交；如需修改，请修改后再次提交");
  repo::save_scores(c, id, bj::serialize(scores_json(scores)), comment, submit, now);
  if (submit) {
    audit::Event e{a.submitted_at ? "review:score:resubmit" : "review:score:submit", "review", std::to_string(r.id)};
    e.detail["assignment_id"] = id;
    e.detail["case_id"] = a.case_id;
    e.detail["total"] = sheet_total(r.sheet, scores);
    audit::record(c, who.actor, e);
  }
  tx.commit();
  return {{"status", submit ? "submitted" : "draft"}, {"saved_at", now}, {"total", sheet_total(r.sheet, scores)}};
}

EvidenceFile evidence_file(db::Conn& c, const access::Principal& p, long long id, long long evidence_id) {
  auto [a, r] = mine(c, p, id);
  auto e = cases::facts::evidence_item(c, evidence_id);
  if (!e || e->case_id != a.case_id) throw not_found("review.evidence_not_found", "没有这份佐证材料");
  std::string name = std::to_string(e->seq) + "_" + e->name + ".pdf";
  if (r.blind) {
    auto s = cases::facts::sent_case(c, a.case_id);
    if (s) name = hide_names(name, hidden_names(s->k));
  }
  return {e->sha256, name};
}
}  // namespace xt::review
