#include "core/builds/cache.hpp"

#include <spdlog/spdlog.h>

#include "core/builds/builds.hpp"
#include "core/files/store.hpp"

namespace xt::builds {
using db::Query;

std::string generated_path(const std::string& data_dir, const std::string& sha) { return files::Store(generated_root(data_dir)).path_of(sha); }

std::string cached(db::Conn& c, const std::string& data_dir, const std::string& scope, const std::string& key,
                   const std::function<std::string()>& make) {
  files::Store store(generated_root(data_dir));
  Query q("SELECT sha256 FROM document_cache WHERE cache_key = ");
  q << q.bind(key);
  if (auto r = c.row(q); r && store.has(r->str(0))) return r->str(0);
  auto bytes = make();
  auto sha = store.put_bytes(bytes, data_dir + "/tmp");
  std::vector<std::string> replaced;
  try {  // best effort: a concurrent build of the same input may have recorded it first
    db::Tx tx(c, true);
    Query old("SELECT sha256 FROM document_cache WHERE scope = ");
    old << old.bind(scope) << " AND cache_key <> " << old.bind(key);
    for (auto& r : c.rows(old)) replaced.push_back(r.str(0));
    Query del("DELETE FROM document_cache WHERE cache_key = ");
    del << del.bind(key) << " OR scope = " << del.bind(scope);
    c.exec(del);
    Query ins("INSERT INTO document_cache (cache_key, scope, sha256, size, created_at) VALUES (");
    ins << ins.bind(key) << ", " << ins.bind(scope) << ", " << ins.bind(sha) << ", " << ins.bind((long long)bytes.size()) << ", "
        << ins.bind(db::now_ms()) << ")";
    c.exec(ins);
    tx.commit();
  } catch (const std::exception& e) {
    spdlog::warn("document cache entry {} not recorded: {}", key, e.what());
    return sha;
  }
  for (auto& old_sha : replaced)
    if (old_sha != sha) remove_if_unreferenced(c, data_dir, old_sha);
  return sha;
}
}  // namespace xt::builds
