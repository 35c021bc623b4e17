#include "core/files/backends.hpp"

#include <filesystem>
#include <stdexcept>

#include "core/files/pg_store.hpp"

namespace fs = std::filesystem;

namespace xt::files {

std::unique_ptr<Store> open_store(const Config& cfg, const std::string& kind, const std::string& name, const std::string& dir) {
  if (kind == "local") return std::make_unique<LocalStore>(name, cfg.data_dir + "/" + dir);
  if (kind == "postgresql") {
    if (cfg.db_url.rfind("postgres", 0) != 0) throw std::runtime_error("PostgreSQL 文件存储需要 PostgreSQL 数据库");
    return std::make_unique<PgStore>(name, cfg.db_url, cfg.data_dir + "/cache/" + dir, cfg.file_cache_bytes);
  }
  throw std::runtime_error("未知的文件存储：" + kind);
}

CopyResult copy_store(const Store& from, Store& to, const std::string& tmp_dir,
                      const std::function<void(long long, long long)>& progress) {
  CopyResult out;
  auto entries = from.list();
  long long done = 0;
  for (auto& e : entries) {
    if (to.has(e.sha256)) {
      ++out.present;
    } else {
      auto src = from.local_path(e.sha256);
      TempFile tmp(tmp_dir);
      fs::copy_file(src, tmp.path, fs::copy_options::overwrite_existing);
      auto sha = sha256_file(tmp.path);
      if (sha != e.sha256) throw std::runtime_error("源存储中的文件已损坏（内容与其 SHA-256 不符）：" + e.sha256);
      out.bytes += (long long)fs::file_size(tmp.path);
      to.put(tmp.path, sha);
      ++out.copied;
    }
    if (progress) progress(++done, (long long)entries.size());
  }
  return out;
}
}  // namespace xt::files
