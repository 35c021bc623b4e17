// The unit tree held in memory, one snapshot per version of the units table (data_versions):
// a write to units bumps the version in its own transaction, so every server builds a new
// snapshot on its next read and none answers from an older tree. Unit lists (paging, filters,
// sorting, counts, paths) are computed from it on every request with no SQL beyond the
// version check; which units a caller may see is asked of access once per scope and version.
// Read it outside write transactions (GET routes): a snapshot is built from committed rows.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/access/access.hpp"
#include "core/app/app.hpp"
#include "core/db/db.hpp"
#include "modules/org/model.hpp"

namespace xt::org::directory {

class Snapshot {
 public:
  Snapshot(long long version, std::vector<Unit> units, std::vector<bool> deleted);
  long long version() const { return version_; }
  // Every live unit, with paths and has_children, sorted by id.
  const std::vector<Unit>& units() const { return live_; }
  const Unit* find(long long id) const;
  // units()[i] as the JSON the API answers with (unit_json), rendered once per snapshot.
  const std::string& json(unsigned i) const { return json_[i]; }
  // Indexes into units() in list order: by sort, code or name, ascending or descending, then id.
  enum Column { BySort = 0, ByCode = 1, ByName = 2 };
  const std::vector<unsigned>& order(Column col, bool desc) const { return orders_[col * 2 + (desc ? 1 : 0)]; }
  bool live(long long id) const { return find(id) != nullptr; }
  // The district bureau a unit is in (itself when it is one), 0 for the units directly under
  // the city: facts::district_of answered from the snapshot, for a whole list at once.
  long long district_of(const Unit& u) const;

  // Which live units (indexes into units()) the caller sees under perm; `as_parent`: judged on
  // the unit alone (no creator), as a parent is when the caller's top units are found.
  std::shared_ptr<const std::vector<char>> visible(db::Conn& c, const access::Principal& p, const std::string& perm, bool as_parent) const;

 private:
  long long version_;
  std::vector<Unit> live_;
  std::unordered_map<long long, size_t> index_;
  std::vector<unsigned> orders_[6];
  std::vector<std::string> json_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const std::vector<char>>> visible_;
};

// The snapshot of the current version, built from `c` when the version moved on; `version`:
// the units version the caller has just read (saves reading it again).
std::shared_ptr<const Snapshot> current(db::Conn& c, std::optional<long long> version = std::nullopt);

// A page of the units the caller may list, with the total; filters as in UnitFilter (keyword in
// the name or the code, ASCII case ignored), sorted by sort, code or name, then id.
struct Listing {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<unsigned> page;  // indexes into snapshot->units()
  long long total = 0;
  std::vector<Unit> units() const;
  std::vector<std::string_view> json() const;
};
Listing list(db::Conn& c, const access::Principal& p, const UnitFilter& f, const app::Page& pg,
             std::optional<long long> version = std::nullopt);
}  // namespace xt::org::directory
