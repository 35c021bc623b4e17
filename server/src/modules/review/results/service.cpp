#include "modules/review/results/service.hpp"

#include <map>

#include "core/auth/password.hpp"
#include "core/db/versioned_cache.hpp"
#include "core/export/xlsx.hpp"
#include "core/http/errors.hpp"
#include "modules/notices/service.hpp"
#include "modules/org/accounts.hpp"
#include "modules/review/certificates/serial.hpp"
#include "modules/review/sheet.hpp"

namespace xt::review {
namespace bj = boost::json;

namespace {
const char* decision_label(const std::string& d) { return d == "selected" ? "入选" : d == "not_selected" ? "未入选" : "未定"; }
std::string fixed2(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}
}  // namespace

Results results(db::Conn& c, const Review& r) {
  Results out{load_context(c, r), {}, 0, 0, 0};
  auto& x = out.x;
  std::vector<CaseKey> keys;
  for (auto& k : x.cases) keys.push_back({k.id, k.rank, k.submitted_at});
  std::vector<ScoredSheet> sheets;
  for (auto& a : x.assignments)
    if (a.submitted_at) sheets.push_back({a.case_id, a.user_id, sheet_total(r.sheet, a.scores)});
  auto computed = compute_results(keys, sheets, r.sheet.disagreement);
  std::map<long long, repo::Decision> decided;
  for (auto& d : repo::decisions(c, r.id)) decided[d.case_id] = d;
  for (auto& res : computed) {
    ResultRow row{&x.cases[*x.case_index(res.case_id)], res, std::nullopt};
    if (auto it = decided.find(res.case_id); it != decided.end()) row.decision = it->second;
    if (row.decision && row.decision->decision == "selected") ++out.selected;
    if (!row.decision) ++out.undecided;
    if (res.sheets < r.k) ++out.incomplete;
    out.rows.push_back(std::move(row));
  }
  return out;
}

bj::object results_json(const Results& res, db::Conn& c) {
  auto& x = res.x;
  std::map<long long, std::string> serials;
  for (auto& cert : repo::certificates(c, x.review.id)) serials[cert.case_id] = cert.serial;
  std::map<long long, std::string> names;
  for (auto& e : x.experts) names[e.user_id] = e.name;
  bj::array rows;
  for (auto& row : res.rows) {
    auto& k = *row.k;
    bj::array scores;
    for (auto& s : row.res.scores)
      scores.push_back(bj::object{{"user_id", s.expert_id}, {"name", names[s.expert_id]}, {"total", s.total}, {"normalised", round2(s.normalised)}});
    auto num = [](std::optional<double> v) { return v ? bj::value(*v) : bj::value(nullptr); };
    rows.push_back(bj::object{
        {"place", row.res.place}, {"case_id", k.id}, {"title", k.title}, {"unit_name", k.unit_name}, {"review_unit_name", k.review_unit_name},
        {"district_rank", k.rank ? bj::value(*k.rank) : bj::value(nullptr)}, {"sheets", row.res.sheets}, {"raw_mean", num(row.res.raw_mean)},
        {"normalised", num(row.res.normalised)}, {"spread", num(row.res.spread)}, {"flagged", row.res.flagged}, {"scores", scores},
        {"decision", row.decision ? bj::value(row.decision->decision) : bj::value(nullptr)},
        {"reason", row.decision ? row.decision->reason : ""},
        {"certificate", serials.count(k.id) ? bj::value(serials[k.id]) : bj::value(nullptr)}});
  }
  return {{"rows", rows},
          {"k", x.review.k},
          {"limit", x.review.select_limit},
          {"selected", res.selected},
          {"incomplete", res.incomplete},
          {"undecided", res.undecided},
          {"status", x.review.status},
          {"tie_rule", "标准化得分相同时，依次比较原始平均分、区县初评推荐位次（靠前者在前）、报送时间（早者在前）"}};
}

std::string results_xlsx(const Results& res, const std::string& tmp_dir) {
  std::vector<exporting::Column> cols{{"名次", 6},     {"案例名称", 40}, {"牵头单位", 28}, {"初评单位", 20}, {"初评位次", 8}, {"评分份数", 8},
                                      {"原始均分", 10}, {"标准化得分", 10}, {"分差", 8},     {"需复核", 8},   {"评审结果", 10}, {"理由", 30}};
  std::vector<std::vector<std::string>> rows;
  for (auto& row : res.rows) {
    auto& k = *row.k;
    rows.push_back({std::to_string(row.res.place), k.title, k.unit_name, k.review_unit_name, k.rank ? std::to_string(*k.rank) : "",
                    std::to_string(row.res.sheets) + "/" + std::to_string(res.x.review.k), fixed2(row.res.raw_mean), fixed2(row.res.normalised),
                    fixed2(row.res.spread), row.res.flagged ? "是" : "", row.decision ? decision_label(row.decision->decision) : "未定",
                    row.decision ? row.decision->reason : ""});
  }
  std::vector<exporting::Caption> above{{res.x.call.title + " 市级评审结果", true}};
  return exporting::xlsx_table(tmp_dir, "评审结果", cols, rows, above);
}

void decide(db::Conn& c, const Caller& who, long long review_id, long long case_id, const std::string& decision, const std::string& reason, long long now) {
  if (decision != "selected" && decision != "not_selected" && !decision.empty())
    throw unprocessable("request.bad_value", "评审结果应为 selected（入选）、not_selected（未入选）或空（未定）", "decision");
  if (decision == "not_selected" && reason.empty()) throw unprocessable("review.reason_required", "请填写未入选的理由", "reason");
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  if (r.status == "published") throw conflict("review.closed", "评审结果已发布，不能再修改");
  repo::lock_review(c, review_id);
  auto s = cases::facts::sent_case(c, case_id);
  if (!s || s->k.call_id != r.call_id) throw not_found("review.case_not_found", "本次评审中没有这个案例");
  if (decision == "selected" && repo::count_selected(c, review_id, case_id) >= r.select_limit)
    throw conflict("review.limit_reached", "入选案例已达上限" + std::to_string(r.select_limit) + "个，请先将其他案例改为未入选");
  repo::set_decision(c, review_id, case_id, decision, reason, who.p.user_id, now);
  audit::Event e{"review:decide", "review", std::to_string(review_id)};
  e.detail["case"] = s->k.title;
  e.detail["decision"] = decision_label(decision);
  if (!reason.empty()) e.detail["reason"] = reason;
  audit::record(c, who.actor, e);
  tx.commit();
}

int decide_rest(db::Conn& c, const Caller& who, long long review_id, const std::string& reason, long long now) {
  if (reason.empty()) throw unprocessable("review.reason_required", "请填写未入选的理由", "reason");
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  if (r.status == "published") throw conflict("review.closed", "评审结果已发布，不能再修改");
  repo::lock_review(c, review_id);
  std::map<long long, bool> decided;
  for (auto& d : repo::decisions(c, review_id)) decided[d.case_id] = true;
  int n = 0;
  for (auto& s : cases::facts::sent_cases(c, r.call_id))
    if (!decided.count(s.k.id)) {
      repo::set_decision(c, review_id, s.k.id, "not_selected", reason, who.p.user_id, now);
      ++n;
    }
  audit::Event e{"review:decide_rest", "review", std::to_string(review_id)};
  e.detail["cases"] = n;
  e.detail["reason"] = reason;
  audit::record(c, who.actor, e);
  tx.commit();
  return n;
}

Review publish(db::Conn& c, const Caller& who, long long review_id, bool confirm_incomplete, const std::string& note, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  if (r.status == "published") throw conflict("review.closed", "评审结果已发布");
  repo::lock_review(c, review_id);
  auto res = results(c, r);
  if (res.undecided > 0)
    throw conflict("review.undecided", "还有" + std::to_string(res.undecided) + "个案例未确定是否入选，请先逐一确定或将其余案例标记为未入选");
  if (res.selected == 0) throw conflict("review.none_selected", "还没有入选的案例");
  if (res.incomplete > 0 && !confirm_incomplete)
    throw conflict("review.incomplete", "有" + std::to_string(res.incomplete) + "个案例的评分不足" + std::to_string(r.k) +
                                            "份。如确需发布，请确认并说明原因，该说明将记录在案");
  if (res.incomplete > 0 && note.empty()) throw unprocessable("review.note_required", "请说明评分不足仍发布的原因", "note");
  if (r.status == "open")
    for (auto& e : repo::experts(c, review_id))
      if (e.account_created) org::accounts::set_valid_until(c, who, e.user_id, now, now);
  repo::set_status(c, review_id, "published", now, who.p.user_id, res.incomplete > 0 ? note : "");
  int seq = 0;
  std::string year = today(now).substr(0, 4);
  for (auto& row : res.rows) {
    auto& k = *row.k;
    bool selected = row.decision->decision == "selected";
    if (selected) repo::insert_certificate(c, {make_serial(year, ++seq, auth::random_token(8)), review_id, k.id, now});
    std::string title = selected ? "案例入选：《" + k.title + "》" : "案例未入选：《" + k.title + "》";
    std::string body = "“" + res.x.call.title + "”市级评审结果已发布。《" + k.title + "》" +
                       (selected ? "入选典型案例。荣誉证书可在案例页面下载，案例已收入公开的典型案例库。" : "未入选。理由：" + row.decision->reason);
    for (long long unit : {k.owner_unit, k.review_unit}) {
      if (unit == k.review_unit && unit == k.owner_unit) continue;
      notices::Notice n;
      n.unit_id = unit;
      n.perm = "cases:case:list";
      n.kind = selected ? "review.selected" : "review.not_selected";
      n.title = title;
      n.body = body;
      n.link = "/cases/" + std::to_string(k.id);
      n.dedupe_key = "review.result:" + std::to_string(review_id) + ":" + std::to_string(k.id) + ":" + std::to_string(unit);
      notices::send(c, n);
    }
  }
  db::bump_version(c, "review_library");
  audit::Event e{"review:publish", "review", std::to_string(review_id)};
  e.detail["selected"] = res.selected;
  e.detail["cases"] = (long long)res.rows.size();
  if (res.incomplete > 0) {
    e.detail["incomplete"] = res.incomplete;
    e.detail["exception_note"] = note;
  }
  audit::record(c, who.actor, e);
  auto out = get_review(c, review_id);
  tx.commit();
  return out;
}

bj::object case_result(db::Conn& c, const access::Principal& p, long long case_id) {
  auto s = cases::facts::sent_case(c, case_id);
  if (!s || !may_see_result(p, s->k.owner_unit_id, s->k.review_unit_id))
    throw not_found("review.case_not_found", "没有这个案例的评审结果");
  auto r = repo::find_by_call(c, s->k.call_id);
  bj::object out{{"published", false}, {"decision", nullptr}, {"reason", ""}, {"certificate", nullptr}};
  if (!r || r->status != "published") return out;
  out["published"] = true;
  for (auto& d : repo::decisions(c, r->id))
    if (d.case_id == case_id) {
      out["decision"] = d.decision;
      out["reason"] = d.reason;
    }
  for (auto& cert : repo::certificates(c, r->id))
    if (cert.case_id == case_id) out["certificate"] = cert.serial;
  return out;
}

int remind(db::Conn& c, const Caller& who, long long review_id, long long now) {
  db::Tx tx(c, true);
  auto r = get_review(c, review_id);
  require_open(r);
  std::map<long long, int> open;
  for (auto& a : repo::assignments(c, review_id))
    if (!a.submitted_at) ++open[a.user_id];
  auto call = cases::facts::call(c, r.call_id);
  int sent = 0;
  for (auto& e : repo::experts(c, review_id)) {
    if (e.status != "active" || !open.count(e.user_id)) continue;
    notices::Notice n;
    n.user_id = e.user_id;
    n.kind = "review.reminder";
    n.title = "请在" + r.ends_on + "前完成评审";
    n.body = "“" + (call ? call->title : std::string()) + "”市级评审中，您还有" + std::to_string(open[e.user_id]) + "个案例的评分未提交。";
    n.link = "/review/mine";
    n.dedupe_key = "review.reminder:" + std::to_string(review_id) + ":" + std::to_string(e.user_id) + ":" + today(now);
    if (notices::send(c, n)) {
      repo::set_reminded(c, review_id, e.user_id, now);
      ++sent;
    }
  }
  audit::Event ev{"review:remind", "review", std::to_string(review_id)};
  ev.detail["experts"] = sent;
  audit::record(c, who.actor, ev);
  tx.commit();
  return sent;
}
}  // namespace xt::review
