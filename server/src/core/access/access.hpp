// The one enforcement point for permissions and data scope.
//
// A principal holds, per permission code, the scopes granted by those of its active
// membership's roles that carry that code (scope is decided per code, never as a union of
// every role). Deny by default: a code with no grant allows nothing.
//
// Scope kinds are registered, so modules add relationship scopes without touching authorize()
// or scope_filter(): a unit that stands in a named relation to the record (the bureau that
// pre-reviews a case), or people linked to it through a table of the module (the experts
// assigned to a case, the members of a support team). A relationship scope can be granted only
// with the permissions that declare it (PermissionInfo::scopes).
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
  // Units the record stands in a named relation to, e.g. {"review_unit", 12}.
  std::map<std::string, long long> units = {};
  // People linked to the record by a named relation, e.g. {"assignee", {5, 9}}: loaded by the
  // module for the one record it authorizes.
  std::map<std::string, std::vector<long long>> users = {};
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

// A table linking records to people: record_col holds the record's id, user_col the user's.
struct Link {
  std::string table, record_col, user_col;
};

// Columns of the table being filtered. A relation the table has no column or link for selects
// nothing under its scope.
struct Columns {
  std::string unit;     // e.g. "u.owner_unit_id"
  std::string creator;  // e.g. "u.creator_id"; empty when the table has none
  std::string id = {};  // the record's id column, for links
  std::map<std::string, std::string> units = {};  // relation → column, e.g. {"review_unit", "k.review_unit_id"}
  std::map<std::string, Link> links = {};         // relation → link table
};

bool authorize(const Principal& p, const std::string& perm, const Record& r, const UnitTree& tree);

// Everything of the principal that the data scope of perm depends on, as a cache key: two
// principals with the same key see the same records (relationship scopes also depend on the
// records' links, which the key does not hold).
std::string scope_key(const Principal& p, const std::string& perm);

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
  bool relationship = false;  // granted only with permissions that declare it
};
void register_scope(ScopeKind k);
// "The principal's unit is the record's `relation` unit" (e.g. the bureau that pre-reviews it).
void register_unit_relation_scope(const std::string& kind, const std::string& label, const std::string& relation);
// "The principal is one of the people linked to the record by `relation`".
void register_link_scope(const std::string& kind, const std::string& label, const std::string& relation);
const std::vector<ScopeKind>& scope_kinds();
const ScopeKind* find_scope(const std::string& kind);
}  // namespace xt::access
