// Generated documents kept by the fingerprint of their inputs (table document_cache, files in
// the store of generated documents): an unchanged input is never rendered twice, a changed one
// gets a new key.
#pragma once
#include <functional>
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::files {
// The SHA-256 (in `generated`) of the document for `key`, made by `make` when it is not cached
// yet or its file has gone. A new entry replaces the older entries of the same scope (e.g.
// "case:12"), whose files leave the store once nothing else refers to them.
std::string cached(db::Conn& c, Store& generated, const std::string& tmp_dir, const std::string& scope, const std::string& key,
                   const std::function<std::string()>& make);
}  // namespace xt::files
