// The one enforcement point for permissions and data scope.
//
// A principal holds, per permission code, the scopes granted by those of its active
// membership's roles that carry that code (scope is decided per code, never as a union of
// every role). Deny by default: a code with no grant allows nothing.
//
// Scope kinds are registered, so later modules add relationship scopes (a guardian's own
// child, the members of a case team) without touching authorize() or scope_filter().
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/db/db.hpp"

namespace xt::access {

struct ScopeGrant {
  std::string kind;                // "all", "subtree", "own_unit", "self", "custom", or a registered kind
  std::vector<long long> units;    // for "custom"
};

struct Principal {
  long long user_id = 0;
  std::string username;
  std::string display_name;
  long long membership_id = 0;
  long long unit_id = 0;
  std::string unit_name;
  std::string unit_type;              // of the active unit (menus that apply to some kinds only)
  bool unit_city_affiliated = false;
  std::map<std::string, std::vector<ScopeGrant>> grants;
  int max_level = 0;                   // highest role level of the active membership
  std::set<std::string> admin_categories;  // system / security / audit roles held anywhere
  bool must_change_password = false;

  bool can(const std::string& perm) const { return grants.count(perm) > 0; }
};

// What authorize() knows of a record.
struct Record {
  long long owner_unit_id = 0;
  long long creator_id = 0;
  long long id = 0;
  std::string type;
};

// Answers "is unit d inside the subtree of unit a" (a == d counts).
struct UnitTree {
  virtual ~UnitTree() = default;
  virtual bool within(long long unit, long long ancestor) const = 0;
};

// The unit tree as stored (closure table).
class DbUnitTree : public UnitTree {
 public:
  explicit DbUnitTree(db::Conn& c) : c_(c) {}
  bool within(long long unit, long long ancestor) const override;
 private:
  db::Conn& c_;
};

// Columns of the table being filtered.
struct Columns {
  std::string unit;     // e.g. "u.owner_unit_id"
  std::string creator;  // e.g. "u.creator_id"; empty when the table has none
};

bool authorize(const Principal& p, const std::string& perm, const Record& r, const UnitTree& tree);

// Appends "(pred OR pred ...)" to q, binding values through q. "(1=0)" when nothing is granted.
void scope_filter(db::Query& q, const Principal& p, const std::string& perm, const Columns& cols);

// The units the principal may act in for perm, as a predicate on one unit column (used for
// "may I create a record owned by unit X"). Same semantics as authorize() with creator = self.
bool may_act_in_unit(const Principal& p, const std::string& perm, long long unit_id, const UnitTree& tree);

struct ScopeKind {
  std::string kind;
  std::string label;  // Chinese
  std::function<bool(const Principal&, const ScopeGrant&, const Record&, const UnitTree&)> check;
  std::function<void(db::Query&, const Principal&, const ScopeGrant&, const Columns&)> sql;
};
void register_scope(ScopeKind k);
const std::vector<ScopeKind>& scope_kinds();
const ScopeKind* find_scope(const std::string& kind);
}  // namespace xt::access
