#include "modules/review/context.hpp"

#include <algorithm>

#include "core/http/errors.hpp"
#include "modules/org/accounts.hpp"
#include "modules/org/facts.hpp"

namespace xt::review {

std::vector<Expert> load_experts(db::Conn& c, long long review_id) {
  auto rows = repo::experts(c, review_id);
  std::vector<long long> ids;
  for (auto& r : rows) ids.push_back(r.user_id);
  auto people = org::accounts::people(c, ids);
  auto declared = repo::declared_conflicts(c, review_id);
  std::vector<long long> units;
  for (auto& r : rows) units.push_back(r.unit_id);
  for (auto& [u, unit, note] : declared) units.push_back(unit);
  auto names = org::facts::names(c, units);
  std::vector<Expert> out;
  for (auto& r : rows) {
    Expert e;
    e.user_id = r.user_id;
    e.unit_id = r.unit_id;
    e.unit_name = names[r.unit_id];
    e.fields = r.fields;
    e.status = r.status;
    e.account_created = r.account_created;
    e.reminded_at = r.reminded_at;
    if (auto it = people.find(r.user_id); it != people.end()) {
      e.name = it->second.display_name;
      e.username = it->second.username;
      e.phone = it->second.phone;
      e.valid_until = it->second.valid_until;
    }
    for (auto& [u, unit, note] : declared)
      if (u == r.user_id) e.declared.push_back({unit, names[unit] + (note.empty() ? std::string() : "（" + note + "）")});
    out.push_back(std::move(e));
  }
  return out;
}

Context load_context(db::Conn& c, const Review& r, bool with_assignments) {
  Context x;
  x.review = r;
  auto call = cases::facts::call(c, r.call_id);
  if (!call) throw not_found("review.call_not_found", "征集活动不存在");
  x.call = *call;
  x.tree = org::directory::current(c);
  auto district_of = [&](long long unit) -> long long {
    auto* u = x.tree->find(unit);
    return u ? x.tree->district_of(*u) : 0;
  };
  auto name_of = [&](long long unit) -> std::string {
    auto* u = x.tree->find(unit);
    return u ? u->name : "";
  };
  for (auto& s : cases::facts::sent_cases(c, r.call_id)) {
    CaseView v;
    v.id = s.k.id;
    v.owner_unit = s.k.owner_unit_id;
    v.review_unit = s.k.review_unit_id;
    v.district = district_of(s.k.owner_unit_id);
    v.district_name = v.district ? name_of(v.district) : "";
    v.title = s.k.title;
    v.unit_name = s.k.owner_unit_name;
    v.review_unit_name = s.review_unit_name;
    v.form = s.k.content.form;
    v.topics = s.k.content.topics;
    v.partners = s.partner_units;
    for (auto& p : s.k.content.partners) v.partner_names.push_back(p.name);
    v.rank = s.rank;
    v.submitted_at = s.k.submitted_at.value_or(0);
    x.cases.push_back(std::move(v));
  }
  x.experts = load_experts(c, r.id);
  for (auto& e : x.experts) x.expert_district.push_back(district_of(e.unit_id));
  if (with_assignments) x.assignments = repo::assignments(c, r.id);
  x.marks = repo::pair_marks(c, r.id);
  return x;
}

std::optional<size_t> Context::case_index(long long case_id) const {
  for (size_t i = 0; i < cases.size(); ++i)
    if (cases[i].id == case_id) return i;
  return std::nullopt;
}

std::optional<size_t> Context::expert_index(long long user_id) const {
  for (size_t i = 0; i < experts.size(); ++i)
    if (experts[i].user_id == user_id) return i;
  return std::nullopt;
}

std::optional<std::string> Context::conflict(size_t ci, size_t ei) const {
  auto& k = cases[ci];
  auto& e = experts[ei];
  if (e.unit_id == k.owner_unit) return "专家所在单位是案例的牵头单位（" + k.unit_name + "）";
  for (size_t i = 0; i < k.partners.size(); ++i)
    if (k.partners[i] == e.unit_id) return "专家所在单位是案例的合作单位（" + e.unit_name + "）";
  long long d = expert_district[ei];
  if (d != 0 && d == k.district) return "专家所在单位与案例牵头单位同属" + k.district_name;
  if (d != 0 && e.unit_id == k.review_unit) return "专家所在单位是案例的初评单位";
  for (auto& [unit, label] : e.declared) {
    auto within = [&](long long u) {
      for (auto* x = tree->find(u); x; x = x->parent_id ? tree->find(*x->parent_id) : nullptr)
        if (x->id == unit) return true;
      return false;
    };
    if (within(k.owner_unit) || std::any_of(k.partners.begin(), k.partners.end(), within)) return "专家申报的回避单位：" + label;
  }
  return std::nullopt;
}

int Context::match(size_t ci, size_t ei) const {
  auto& k = cases[ci];
  int m = 0;
  for (auto& f : experts[ei].fields)
    if (f == k.form || std::find(k.topics.begin(), k.topics.end(), f) != k.topics.end()) ++m;
  return m;
}

std::string Context::mark(long long case_id, long long user_id) const {
  for (auto& [c, u, m] : marks)
    if (c == case_id && u == user_id) return m;
  return "";
}
}  // namespace xt::review
