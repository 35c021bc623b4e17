// Generated documents kept by the fingerprint of their inputs (table document_cache, files in
// the content store): an unchanged input is never rendered twice, a changed one gets a new key.
#pragma once
#include <functional>
#include <string>

#include "core/db/db.hpp"

namespace xt::builds {
// The SHA-256 (in the store under data_dir/files) of the document for `key`, made by `make`
// when it is not cached yet or its file has gone.
std::string cached(db::Conn& c, const std::string& data_dir, const std::string& key, const std::function<std::string()>& make);
}  // namespace xt::builds
