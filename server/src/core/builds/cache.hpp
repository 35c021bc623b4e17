// Generated documents kept by the fingerprint of their inputs (table document_cache, files in
// the content store): an unchanged input is never rendered twice, a changed one gets a new key.
#pragma once
#include <functional>
#include <string>

#include "core/db/db.hpp"

namespace xt::builds {
// The SHA-256 (in the store of generated files) of the document for `key`, made by `make`
// when it is not cached yet or its file has gone. A new entry replaces the older entries of
// the same scope (e.g. "case:12"), whose files are removed.
std::string cached(db::Conn& c, const std::string& data_dir, const std::string& scope, const std::string& key,
                   const std::function<std::string()>& make);
// The file of a generated document.
std::string generated_path(const std::string& data_dir, const std::string& sha256);
}  // namespace xt::builds
