// The file store a configuration asks for, and copying a store from one backend to another
// (`xietong files migrate`).
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "core/config/config.hpp"
#include "core/files/store.hpp"

namespace xt::files {

// `kind` "local" or "postgresql"; `name` the store ("uploads", "generated"); `dir` its
// directory under the data directory (the local store's files, or the PostgreSQL store's cache).
std::unique_ptr<Store> open_store(const Config& cfg, const std::string& kind, const std::string& name, const std::string& dir);
inline std::unique_ptr<Store> open_store(const Config& cfg, const std::string& name, const std::string& dir) {
  return open_store(cfg, cfg.file_store, name, dir);
}

struct CopyResult {
  long long copied = 0, present = 0, bytes = 0;
};
// Copies every file of `from` missing in `to`, each checked against its SHA-256 on the way;
// files already there are left. Safe to run again after an interruption.
CopyResult copy_store(const Store& from, Store& to, const std::string& tmp_dir,
                      const std::function<void(long long done, long long total)>& progress = {});
}  // namespace xt::files
