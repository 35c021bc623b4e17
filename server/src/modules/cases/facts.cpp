#include "modules/cases/facts.hpp"

#include <map>

#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/document.hpp"
#include "modules/cases/writeups/evidence_repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases::facts {

std::optional<Call> call(db::Conn& c, long long call_id) { return repo::find_call(c, call_id); }

namespace {
std::vector<SentCase> wrap(db::Conn& c, std::vector<std::pair<Case, std::optional<long long>>> rows) {
  std::vector<long long> reviewers;
  for (auto& [k, rank] : rows) reviewers.push_back(k.review_unit_id);
  auto names = org::facts::names(c, reviewers);
  std::vector<SentCase> out;
  for (auto& [k, rank] : rows) {
    SentCase s{std::move(k), "", rank, {}};
    s.review_unit_name = names[s.k.review_unit_id];
    for (auto& p : s.k.content.partners)
      if (p.unit_id) s.partner_units.push_back(*p.unit_id);
    out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

std::vector<SentCase> sent_cases(db::Conn& c, long long call_id, const std::vector<long long>& ids) {
  return wrap(c, repo::cases_where(c, call_id, "sent", ids));
}

std::optional<SentCase> sent_case(db::Conn& c, long long case_id) {
  auto v = wrap(c, repo::cases_where(c, std::nullopt, "sent", {case_id}));
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::vector<Evidence> evidence(db::Conn& c, long long case_id) { return files_repo::evidence_of_case(c, case_id); }
std::optional<Evidence> evidence_item(db::Conn& c, long long evidence_id) { return files_repo::find_evidence(c, evidence_id); }

docs::Document document(const Call& call, const Case& k, bool with_people) {
  Case shown = k;
  if (!with_people) {
    shown.content.authors.clear();
    shown.content.contact_name.clear();
    shown.content.contact_phone.clear();
  }
  std::vector<std::string> partners;
  for (auto& p : shown.content.partners) partners.push_back(p.name);
  return case_document(call, shown, partners);
}

docs::Layout layout(const Call& call) { return layout_of(call.rules.format); }
std::string file_name(const Case& k, const std::string& ext) { return document_file_name(k, ext); }
}  // namespace xt::cases::facts
