// When a stored file may go. Modules say which of their columns refer to stored files
// (register_reference); a file stays while a row refers to it or an upload on its way in has
// pinned it, and leaves the store as soon as neither holds: right after the row that referred
// to it was deleted or replaced (release), or, for what a crash left behind, at the next sweep.
#pragma once
#include <set>
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::files {

// `table`.`column` holds SHA-256s of files in the store named `store`; `where` (optional) limits
// the rows that count (e.g. "status = 'done'"). Registered once at start, like permissions.
void register_reference(const std::string& store, const std::string& table, const std::string& column, const std::string& where = "");

// The files of a store that registered rows refer to (pins not counted).
std::set<std::string> referenced_files(db::Conn& c, const std::string& store);

// Does any registered row or pin refer to the file?
bool referenced(db::Conn& c, const std::string& store, const std::string& sha256);

// Pins a file of the store (in its own committed transaction, under the same lock as
// release()) before it is put in; returns the pin to pass to unpin() once the referring row is
// committed.
long long pin(db::Conn& c, const Store& store, const std::string& sha256);
void unpin(db::Conn& c, long long pin_id);

// After the transaction that deleted or replaced a reference committed: removes the file when
// nothing refers to it any more. Never throws (a file left behind goes at the next sweep).
void release(db::Conn& c, Store& store, const std::string& sha256);

struct SweepResult {
  int files_removed = 0;
  int pins_cleared = 0;
  int temps_removed = 0;
};
constexpr long long kSweepGraceMs = 60LL * 60 * 1000;  // one hour
// Removes what a crash or an interrupted upload left: pins older than the grace period, stored
// files that nothing refers to and that were put longer ago than that, and files under tmp_dir
// older than that ("" = none).
SweepResult sweep(db::Conn& c, Store& store, const std::string& tmp_dir, long long now_ms, long long grace_ms = kSweepGraceMs);
}  // namespace xt::files
