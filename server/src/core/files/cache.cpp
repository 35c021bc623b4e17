#include "core/files/cache.hpp"

#include <spdlog/spdlog.h>

#include "core/files/retention.hpp"

namespace xt::files {
using db::Query;

std::string cached(db::Conn& c, Store& generated, const std::string& tmp_dir, const std::string& scope, const std::string& key,
                   const std::function<std::string()>& make) {
  Query q("SELECT sha256 FROM document_cache WHERE cache_key = ");
  q << q.bind(key);
  if (auto r = c.row(q); r && generated.has(r->str(0))) return r->str(0);
  auto bytes = make();
  auto sha = sha256_bytes(bytes);
  auto pin_id = pin(c, generated, sha);
  generated.put_bytes(bytes, tmp_dir);
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
  }
  unpin(c, pin_id);
  for (auto& old_sha : replaced)
    if (old_sha != sha) release(c, generated, old_sha);
  return sha;
}
}  // namespace xt::files
