// Backup and restore of a deployment: the database (SQLite's online backup, or pg_dump) and the
// files (copied from a local store; a PostgreSQL store is inside the dump already), with a
// manifest that says what the backup holds and which schema it has.
//
//   DIR/backup.json     format, time, database and file store kinds, migrations applied
//   DIR/xietong.db      SQLite (a consistent snapshot taken while the server runs)
//   DIR/xietong.pgdump  PostgreSQL (pg_dump, custom format)
//   DIR/files/…, DIR/generated/…   the local stores' files, by SHA-256 as in the store
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/app/app.hpp"

namespace xt::backup {

struct Summary {
  long long files = 0, bytes = 0;
  std::vector<std::string> missing;  // referenced by the backed-up database, in no store
};

// Writes a backup of the running deployment `a` into `dir` (created; must be empty or absent).
// Throws std::runtime_error with a Chinese message.
Summary backup(app::App& a, const std::string& dir);

// Restores the backup in `dir` into the empty database and data directory of `cfg`, the files
// into the store `cfg` names. Refuses, before writing anything: a directory that is not a
// backup, a backup of a newer schema than this program knows, a database of the other kind,
// a database or file store that is not empty.
Summary restore(const Config& cfg, const std::string& dir);
}  // namespace xt::backup
