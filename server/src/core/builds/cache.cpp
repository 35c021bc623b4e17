#include "core/builds/cache.hpp"

#include "core/files/store.hpp"

namespace xt::builds {
using db::Query;

std::string cached(db::Conn& c, const std::string& data_dir, const std::string& key, const std::function<std::string()>& make) {
  files::Store store(data_dir + "/files");
  Query q("SELECT sha256 FROM document_cache WHERE cache_key = ");
  q << q.bind(key);
  if (auto r = c.row(q); r && store.has(r->str(0))) return r->str(0);
  auto bytes = make();
  auto sha = store.put_bytes(bytes, data_dir + "/tmp");
  try {  // best effort: a concurrent build of the same input may have recorded it first
    db::Tx tx(c, true);
    Query del("DELETE FROM document_cache WHERE cache_key = ");
    del << del.bind(key);
    c.exec(del);
    Query ins("INSERT INTO document_cache (cache_key, sha256, size, created_at) VALUES (");
    ins << ins.bind(key) << ", " << ins.bind(sha) << ", " << ins.bind((long long)bytes.size()) << ", " << ins.bind(db::now_ms()) << ")";
    c.exec(ins);
    tx.commit();
  } catch (const std::exception&) {
  }
  return sha;
}
}  // namespace xt::builds
