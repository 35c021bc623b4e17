#include "core/access/access.hpp"

#include <mutex>
#include <stdexcept>

namespace xt::access {
namespace {
ScopeKind unit_relation_scope(const std::string& kind, const std::string& label, const std::string& relation) {
  ScopeKind k{kind, label,
              [relation](const Principal& p, const ScopeGrant&, const Record& r, const UnitTree&) {
                auto it = r.units.find(relation);
                return it != r.units.end() && it->second == p.unit_id;
              },
              [relation](db::Query& q, const Principal& p, const ScopeGrant&, const Columns& c) {
                auto it = c.units.find(relation);
                if (it == c.units.end()) q << "1=0";
                else q << it->second << " = " << q.bind(p.unit_id);
              }};
  k.relationship = true;
  return k;
}

ScopeKind link_scope(const std::string& kind, const std::string& label, const std::string& relation) {
  ScopeKind k{kind, label,
              [relation](const Principal& p, const ScopeGrant&, const Record& r, const UnitTree&) {
                auto it = r.users.find(relation);
                if (it == r.users.end()) return false;
                for (auto u : it->second)
                  if (u == p.user_id) return true;
                return false;
              },
              [relation](db::Query& q, const Principal& p, const ScopeGrant&, const Columns& c) {
                auto it = c.links.find(relation);
                if (it == c.links.end() || c.id.empty()) {
                  q << "1=0";
                  return;
                }
                auto& l = it->second;
                q << c.id << " IN (SELECT " << l.record_col << " FROM " << l.table << " WHERE " << l.user_col << " = " << q.bind(p.user_id) << ")";
              }};
  k.relationship = true;
  return k;
}


std::vector<ScopeKind>& registry() {
  static std::vector<ScopeKind> r = [] {
    std::vector<ScopeKind> v;
    v.push_back({"all", "全部数据",
                 [](const Principal&, const ScopeGrant&, const Record&, const UnitTree&) { return true; },
                 [](db::Query& q, const Principal&, const ScopeGrant&, const Columns&) { q << "1=1"; }});
    v.push_back({"subtree", "本单位及下级",
                 [](const Principal& p, const ScopeGrant&, const Record& r, const UnitTree& t) { return t.within(r.owner_unit_id, p.unit_id); },
                 [](db::Query& q, const Principal& p, const ScopeGrant&, const Columns& c) {
                   q << c.unit << " IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = " << q.bind(p.unit_id) << ")";
                 }});
    v.push_back({"own_unit", "本单位",
                 [](const Principal& p, const ScopeGrant&, const Record& r, const UnitTree&) { return r.owner_unit_id == p.unit_id; },
                 [](db::Query& q, const Principal& p, const ScopeGrant&, const Columns& c) { q << c.unit << " = " << q.bind(p.unit_id); }});
    v.push_back({"self", "仅本人",
                 [](const Principal& p, const ScopeGrant&, const Record& r, const UnitTree&) { return r.creator_id == p.user_id; },
                 [](db::Query& q, const Principal& p, const ScopeGrant&, const Columns& c) {
                   if (c.creator.empty()) q << "1=0";
                   else q << c.creator << " = " << q.bind(p.user_id);
                 }});
    v.push_back({"custom", "自定义单位",
                 [](const Principal&, const ScopeGrant& g, const Record& r, const UnitTree&) {
                   for (auto u : g.units) if (u == r.owner_unit_id) return true;
                   return false;
                 },
                 [](db::Query& q, const Principal&, const ScopeGrant& g, const Columns& c) {
                   if (g.units.empty()) { q << "1=0"; return; }
                   q << c.unit << " IN (";
                   q << q.bind_list(g.units);
                   q << ")";
                 }});
    // The relationships later modules stand on: the experts assigned to a record (the city's
    // review), the members of a record's team (student support). Their modules link them.
    v.push_back(link_scope("assigned", "分配给本人的", "assignee"));
    v.push_back(link_scope("team", "本人所在团队的", "team"));
    return v;
  }();
  return r;
}
std::mutex reg_mu;
}  // namespace

void register_scope(ScopeKind k) {
  std::lock_guard l(reg_mu);
  for (auto& e : registry())
    if (e.kind == k.kind) throw std::logic_error("scope kind registered twice: " + k.kind);
  registry().push_back(std::move(k));
}
void register_unit_relation_scope(const std::string& kind, const std::string& label, const std::string& relation) {
  register_scope(unit_relation_scope(kind, label, relation));
}
void register_link_scope(const std::string& kind, const std::string& label, const std::string& relation) {
  register_scope(link_scope(kind, label, relation));
}
const std::vector<ScopeKind>& scope_kinds() { return registry(); }
const ScopeKind* find_scope(const std::string& kind) {
  for (auto& e : registry())
    if (e.kind == kind) return &e;
  return nullptr;
}

bool DbUnitTree::within(long long unit, long long ancestor) const {
  if (unit == ancestor) return true;
  db::Query q("SELECT COUNT(*) FROM unit_closure WHERE ancestor_id = ");
  q << q.bind(ancestor) << " AND descendant_id = " << q.bind(unit);
  return c_.scalar(q) > 0;
}

std::string scope_key(const Principal& p, const std::string& perm) {
  std::string k = std::to_string(p.unit_id) + "/" + std::to_string(p.user_id);
  auto it = p.grants.find(perm);
  if (it != p.grants.end())
    for (auto& g : it->second) {
      k += "/" + g.kind;
      for (auto u : g.units) k += "," + std::to_string(u);
    }
  return k;
}

bool authorize(const Principal& p, const std::string& perm, const Record& r, const UnitTree& tree) {
  auto it = p.grants.find(perm);
  if (it == p.grants.end()) return false;
  for (auto& g : it->second) {
    auto* k = find_scope(g.kind);
    if (k && k->check(p, g, r, tree)) return true;
  }
  return false;
}

bool may_act_in_unit(const Principal& p, const std::string& perm, long long unit_id, const UnitTree& tree) {
  return authorize(p, perm, Record{unit_id, p.user_id, 0, {}}, tree);
}

void scope_filter(db::Query& q, const Principal& p, const std::string& perm, const Columns& cols) {
  auto it = p.grants.find(perm);
  if (it == p.grants.end() || it->second.empty()) { q << "(1=0)"; return; }
  q << "(";
  bool first = true;
  for (auto& g : it->second) {
    auto* k = find_scope(g.kind);
    if (!k) continue;
    if (!first) q << " OR ";
    first = false;
    q << "(";
    k->sql(q, p, g, cols);
    q << ")";
  }
  if (first) q << "1=0";
  q << ")";
}
}  // namespace xt::access
