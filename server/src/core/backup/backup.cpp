#include "core/backup/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/files/backends.hpp"
#include "core/files/retention.hpp"

namespace fs = std::filesystem;
namespace bj = boost::json;

namespace xt::backup {
namespace {
constexpr const char* kFormat = "xietong-backup";
constexpr int kVersion = 1;
const std::vector<std::pair<std::string, std::string>> kStores = {{"uploads", "files"}, {"generated", "generated"}};

bool is_sqlite(const std::string& url) { return url.rfind("sqlite:", 0) == 0; }

// Runs a program with its arguments (no shell); its error output is returned on failure.
void run_program(const std::vector<std::string>& argv, const std::string& what) {
  auto err_path = fs::temp_directory_path() / ("xietong-" + std::to_string(::getpid()) + "-" + what + ".err");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("无法启动 " + argv[0]);
  if (pid == 0) {
    int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 2);
      dup2(fd, 1);
    }
    std::vector<char*> av;
    for (auto& a : argv) av.push_back(const_cast<char*>(a.c_str()));
    av.push_back(nullptr);
    execvp(av[0], av.data());
    _exit(127);
  }
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  std::ifstream in(err_path);
  std::string err((std::istreambuf_iterator<char>(in)), {});
  std::error_code ec;
  fs::remove(err_path, ec);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    if (WIFEXITED(st) && WEXITSTATUS(st) == 127) throw std::runtime_error("找不到 " + argv[0] + "（请安装 postgresql-client）");
    throw std::runtime_error(what + " 失败：" + err);
  }
}

// SQLite's online backup API: a consistent snapshot while other connections keep writing.
void sqlite_copy(const std::string& from, const std::string& to) {
  sqlite3 *src = nullptr, *dst = nullptr;
  auto close_both = [&] {
    if (src) sqlite3_close(src);
    if (dst) sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(src ? (dst ? dst : src) : nullptr);
    close_both();
    throw std::runtime_error("无法打开数据库文件：" + msg);
  }
  sqlite3_busy_timeout(src, 10000);
  auto* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
  if (b) sqlite3_backup_finish(b);
  std::string msg = sqlite3_errmsg(dst);
  close_both();
  if (rc != SQLITE_DONE) throw std::runtime_error("SQLite 备份失败：" + msg);
  files::sync_file(to);
}

std::vector<std::string> applied(db::Conn& c) {
  std::vector<std::string> out;
  for (auto& r : c.rows(db::Query("SELECT module, version FROM schema_migrations ORDER BY module, version")))
    out.push_back(r.str(0) + "/" + std::to_string(r.i64(1)));
  return out;
}

void write_manifest(const std::string& dir, const bj::object& m) {
  auto path = dir + "/backup.json";
  {
    std::ofstream out(path + ".part");
    out << bj::serialize(m);
    if (!out.flush()) throw std::runtime_error("无法写入 " + path);
  }
  files::sync_file(path + ".part");
  fs::rename(path + ".part", path);
  files::sync_dir(dir);
}

bj::object read_manifest(const std::string& dir) {
  auto path = dir + "/backup.json";
  if (!fs::is_directory(dir)) throw std::runtime_error("备份目录不存在：" + dir);
  if (!fs::exists(path)) throw std::runtime_error("不是 Xietong 备份目录（缺少 backup.json）：" + dir);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_object() || !v.as_object().contains("format") || v.at("format") != kFormat)
    throw std::runtime_error("不是 Xietong 备份目录（backup.json 无法识别）：" + dir);
  auto& m = v.as_object();
  if (!m.contains("version") || !m.at("version").is_int64() || m.at("version").as_int64() > kVersion)
    throw std::runtime_error("备份格式来自更新的版本，请用更新的 xietong 恢复");
  return m;
}
}  // namespace

Summary backup(app::App& a, const std::string& dir) {
  const auto& cfg = a.config();
  if (fs::exists(dir) && !fs::is_empty(dir)) throw std::runtime_error("备份目录不是空的：" + dir);
  fs::create_directories(dir);
  Summary out;
  bool local_files = cfg.file_store == "local";
  // 1. The files there are now; 2. the database; 3. the files that arrived meanwhile. Files
  // never change under their name, so what the snapshot refers to is in the backup unless it
  // was both added and removed while the backup ran (reported as missing).
  auto copy_files = [&] {
    if (!local_files) return;
    for (auto& [name, sub] : kStores) {
      files::LocalStore target(name, dir + "/" + sub);
      auto r = files::copy_store(name == "uploads" ? a.uploads() : a.generated(), target, a.tmp_dir());
      out.files += r.copied;
      out.bytes += r.bytes;
    }
  };
  copy_files();
  std::vector<std::string> migrations;
  {
    auto l = a.db().lease();
    migrations = applied(l->conn);
  }
  if (is_sqlite(cfg.db_url)) {
    sqlite_copy(cfg.db_url.substr(7), dir + "/xietong.db");
  } else {
    run_program({"pg_dump", "--format=custom", "--no-owner", "--file=" + dir + "/xietong.pgdump", "--dbname=" + cfg.db_url}, "pg_dump");
    files::sync_file(dir + "/xietong.pgdump");
  }
  copy_files();
  if (local_files && is_sqlite(cfg.db_url)) {  // every file the snapshot refers to is there
    db::Database snap("sqlite:" + dir + "/xietong.db", 1);
    auto l = snap.lease();
    for (auto& [name, sub] : kStores) {
      files::LocalStore target(name, dir + "/" + sub);
      for (auto& sha : files::referenced_files(l->conn, name))
        if (!target.has(sha)) out.missing.push_back(name + "/" + sha);
    }
  }
  bj::array ms;
  for (auto& m : migrations) ms.emplace_back(m);
  write_manifest(dir, bj::object{{"format", kFormat},
                                 {"version", kVersion},
                                 {"created_at", db::now_ms()},
                                 {"database", is_sqlite(cfg.db_url) ? "sqlite" : "postgresql"},
                                 {"files", local_files ? "local" : "postgresql"},
                                 {"migrations", ms},
                                 {"files_copied", out.files}});
  return out;
}

Summary restore(const Config& cfg, const std::string& dir) {
  auto m = read_manifest(dir);
  // What this program knows: a backup of a newer schema is refused before anything is written.
  std::set<std::string> known;
  for (auto& mig : db::embedded_migrations()) known.insert(std::string(mig.module) + "/" + std::to_string(mig.version));
  if (!m.contains("migrations") || !m.at("migrations").is_array()) throw std::runtime_error("backup.json 缺少迁移记录");
  for (auto& v : m.at("migrations").as_array()) {
    if (!v.is_string()) throw std::runtime_error("backup.json 的迁移记录无法识别");
    std::string name(v.as_string());
    if (!known.count(name))
      throw std::runtime_error("备份来自更新的版本（迁移 " + name + " 本程序不认识）：请用不低于备份时的 xietong 版本恢复");
  }
  std::string kind = m.at("database").as_string().c_str();
  std::string file_kind = m.contains("files") ? m.at("files").as_string().c_str() : "local";
  bool to_sqlite = is_sqlite(cfg.db_url);
  if ((kind == "sqlite") != to_sqlite)
    throw std::runtime_error(std::string("备份是 ") + (kind == "sqlite" ? "SQLite" : "PostgreSQL") + " 数据库，不能恢复到 " +
                             (to_sqlite ? "SQLite" : "PostgreSQL") + "（--db " + cfg.db_url + "）");

  // The target must be empty: a restore never overwrites data.
  if (to_sqlite) {
    auto path = cfg.db_url.substr(7);
    if (fs::exists(path) && fs::file_size(path) > 0) throw std::runtime_error("目标数据库已存在：" + path + "（恢复只写入空库，以免覆盖数据）");
    if (!fs::exists(dir + "/xietong.db")) throw std::runtime_error("备份不完整：缺少 xietong.db");
  } else {
    if (!fs::exists(dir + "/xietong.pgdump")) throw std::runtime_error("备份不完整：缺少 xietong.pgdump");
    db::Database target(cfg.db_url, 1);
    auto l = target.lease();
    if (l->conn.scalar(db::Query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) > 0)
      throw std::runtime_error("目标数据库不是空的（恢复只写入空库，以免覆盖数据）");
  }
  for (auto& [name, sub] : kStores) {
    if (cfg.file_store != "local") continue;
    auto p = cfg.data_dir + "/" + sub;
    if (fs::exists(p) && !fs::is_empty(p)) throw std::runtime_error("目标文件目录不是空的：" + p);
  }

  Summary out;
  if (to_sqlite) {
    auto path = cfg.db_url.substr(7);
    if (auto parent = fs::path(path).parent_path(); !parent.empty()) fs::create_directories(parent);
    sqlite_copy(dir + "/xietong.db", path);
  } else {
    run_program({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + cfg.db_url, dir + "/xietong.pgdump"},
                "pg_restore");
  }
  fs::create_directories(cfg.data_dir + "/tmp");
  for (auto& [name, sub] : kStores) {
    auto target = files::open_store(cfg, name, sub);
    if (file_kind == "local") {
      if (!fs::exists(dir + "/" + sub)) continue;
      files::LocalStore from(name, dir + "/" + sub);
      auto r = files::copy_store(from, *target, cfg.data_dir + "/tmp");
      out.files += r.copied;
      out.bytes += r.bytes;
    } else if (cfg.file_store == "local") {  // the files are in the restored database
      auto from = files::open_store(cfg, "postgresql", name, sub + "-restore-cache");
      auto r = files::copy_store(*from, *target, cfg.data_dir + "/tmp");
      out.files += r.copied;
      out.bytes += r.bytes;
      std::error_code ec;
      fs::remove_all(cfg.data_dir + "/cache/" + sub + "-restore-cache", ec);
    }
  }
  return out;
}
}  // namespace xt::backup
