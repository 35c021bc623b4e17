// xietong: the server and its operator commands.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "core/app/app.hpp"
#include "core/audit/audit.hpp"
#include "core/backup/backup.hpp"
#include "core/auth/password.hpp"
#include "core/docs/fonts.hpp"
#include "core/files/backends.hpp"
#include "core/files/retention.hpp"
#include "core/http/server.hpp"
#include "core/http/static_files.hpp"
#include "modules/modules.hpp"
#include "modules/org/repo.hpp"
#include "modules/venues/network_load.hpp"
#include "modules/venues/walk/osm_xml.hpp"

using namespace xt;

namespace {
void prepare_dirs(const Config& cfg) {
  std::filesystem::create_directories(cfg.data_dir);
  std::filesystem::create_directories(cfg.data_dir + "/tmp");
  if (cfg.db_url.rfind("sqlite:", 0) == 0) {
    auto p = std::filesystem::path(cfg.db_url.substr(7)).parent_path();
    if (!p.empty()) std::filesystem::create_directories(p);
  }
}

int usage() {
  std::cout << "用法：\n"
               "  xietong serve [选项]          启动服务\n"
               "  xietong migrate [选项]        只执行数据库迁移\n"
               "  xietong audit verify [选项]   校验审计日志哈希链，报告第一条被篡改的记录\n"
               "  xietong bootstrap --unit-name 名称 --unit-code 编码 [选项]\n"
               "                                在空库中建立顶级单位和三员账号（随机初始密码，首次登录须修改）\n"
               "  xietong files migrate --from local --to postgresql [选项]\n"
               "                                把上传与生成的文件复制到另一种文件存储（可重复执行）\n"
               "  xietong backup 目录 [选项]      备份数据库与文件（服务运行时也可执行，得到一致的快照）\n"
               "  xietong restore 目录 [选项]     把备份恢复到空的数据库与数据目录，并校验审计日志\n"
               "  xietong venues load-osm 文件 [--name 名称] [选项]\n"
               "                                载入本市步行网络（OpenStreetMap 的 .osm 或 .osm.pbf），供15分钟运动圈计算\n"
               "  xietong fonts-conf            输出公文字体替换配置（fontconfig，供 LibreOffice 使用）\n\n"
            << config_help();
  return 2;
}

std::unique_ptr<app::App> open_app(const std::vector<std::string>& args) {
  auto cfg = load_config(args);
  spdlog::set_default_logger(spdlog::stderr_color_mt("xietong"));
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  auth::init_crypto();
  prepare_dirs(cfg);
  auto a = std::make_unique<app::App>(cfg);
  {
    db::StartupLock starting(a->db());  // servers started at once take turns
    a->db().migrate();
    modules::ensure_builtin(*a);
  }
  // A store that cannot be used stops the server here, not at its first upload.
  for (auto* store : {&a->uploads(), &a->generated()}) store->check();
  return a;
}

// xietong files migrate --from local --to postgresql: both stores copied, checked on the way.
int files_command(std::vector<std::string> args) {
  if (args.empty() || args[0] != "migrate") return usage();
  args.erase(args.begin());
  std::string from, to;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--from" && i + 1 < args.size()) from = args[++i];
    else if (args[i] == "--to" && i + 1 < args.size()) to = args[++i];
    else rest.push_back(args[i]);
  }
  auto known = [](const std::string& k) { return k == "local" || k == "postgresql"; };
  if (!known(from) || !known(to) || from == to) {
    std::cerr << "请用 --from 与 --to 指定两种不同的文件存储（local 或 postgresql）。\n";
    return 2;
  }
  auto a = open_app(rest);
  for (auto [name, dir] : std::vector<std::pair<std::string, std::string>>{{"uploads", "files"}, {"generated", "generated"}}) {
    auto src = files::open_store(a->config(), from, name, dir);
    auto dst = files::open_store(a->config(), to, name, dir);
    src->check();
    dst->check();
    auto r = files::copy_store(*src, *dst, a->tmp_dir());
    std::cout << name << "：复制 " << r.copied << " 个文件（" << r.bytes / 1024 << " KiB），" << r.present << " 个已在目标存储中。\n";
  }
  std::cout << "完成。请把 XIETONG_FILE_STORE 设为 " << to << " 后重启各服务器；原存储中的文件保留，确认无误后可自行删除。\n";
  return 0;
}

int backup_command(std::vector<std::string> args) {
  if (args.empty() || args[0].rfind("--", 0) == 0) return usage();
  auto dir = args[0];
  args.erase(args.begin());
  auto a = open_app(args);
  modules::register_all(*a);  // the modules' file references, to check the backup against
  auto s = backup::backup(*a, dir);
  std::cout << "备份完成：" << dir << "（数据库，" << s.files << " 个文件，" << s.bytes / 1024 << " KiB）\n";
  if (!s.missing.empty()) {
    std::cerr << "警告：备份的数据库引用了 " << s.missing.size() << " 个不在文件存储中的文件（备份期间被删除或存储已损坏）：\n";
    for (auto& m : s.missing) std::cerr << "  " << m << "\n";
    return 1;
  }
  return 0;
}

int restore_command(std::vector<std::string> args) {
  if (args.empty() || args[0].rfind("--", 0) == 0) return usage();
  auto dir = args[0];
  args.erase(args.begin());
  auto cfg = load_config(args);
  prepare_dirs(cfg);
  auto s = backup::restore(cfg, dir);
  auto a = open_app(args);  // migrated to this version's schema, stores checked
  auto lease = a->db().lease();
  auto v = audit::verify(lease->conn);
  std::cout << "恢复完成：" << s.files << " 个文件（" << s.bytes / 1024 << " KiB）；审计日志 " << v.rows << " 条，"
            << (v.ok ? "哈希链完整" : "哈希链断裂于记录 " + std::to_string(*v.first_broken_id)) << "。\n";
  return v.ok ? 0 : 1;
}

// xietong venues load-osm FILE: the city's pedestrian network for the sports map.
int venues_command(std::vector<std::string> args) {
  if (args.size() < 2 || args[0] != "load-osm" || args[1].rfind("--", 0) == 0) return usage();
  auto path = args[1];
  args.erase(args.begin(), args.begin() + 2);
  std::string name = std::filesystem::path(path).filename().string();
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--name" && i + 1 < args.size()) name = args[++i];
    else rest.push_back(args[i]);
  }
  auto a = open_app(rest);
  modules::register_all(*a);  // the file references that keep the network in the store
  auto lease = a->db().lease();
  try {
    auto r = venues::load_osm(lease->conn, a->generated(), a->tmp_dir(), path, name);
    std::cout << "步行网络已载入：" << name << "\n  读取 " << r.nodes_read << " 个节点，保留可步行道路 " << r.ways << " 条、节点 " << r.nodes << " 个、路段 "
              << r.edges << " 条；主要道路 " << r.roads << " 条（简易底图用）\n  读取与建图 " << r.read_s << " 秒，保存 " << r.store_s << " 秒，文件 "
              << r.bytes / 1024 << " KiB\n  各服务器在下一次地图请求时改用新网络。\n";
    return 0;
  } catch (const venues::walk::LoadError& e) {
    std::cerr << "无法载入步行网络：" << e.what() << "\n";
    return 1;
  }
}

int bootstrap(std::vector<std::string> args) {
  std::string name, code;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--unit-name" && i + 1 < args.size()) name = args[++i];
    else if (args[i] == "--unit-code" && i + 1 < args.size()) code = args[++i];
    else rest.push_back(args[i]);
  }
  if (name.empty() || code.empty()) return usage();
  auto a = open_app(rest);
  auto lease = a->db().lease();
  auto& c = lease->conn;
  if (c.scalar(db::Query("SELECT COUNT(*) FROM users")) > 0) {
    std::cerr << "数据库中已有用户，bootstrap 只用于空库。\n";
    return 1;
  }
  db::Tx tx(c, true);
  org::UnitInput u;
  u.name = name; u.code = code; u.type = "city_bureau";
  long long unit = org::repo::insert_unit(c, u, 0);
  std::cout << "已建立顶级单位：" << name << "（" << code << "）\n三员账号（初始密码只显示这一次，首次登录须修改）：\n";
  for (auto [user, display, role] : std::vector<std::tuple<const char*, const char*, const char*>>{
           {"sysadmin", "系统管理员", "sys_admin"}, {"secadmin", "安全管理员", "sec_admin"}, {"auditadmin", "审计管理员", "audit_admin"}}) {
    auto pw = "Xt-" + auth::random_token(9) + "9a";
    org::UserInput in;
    in.username = user; in.display_name = display;
    auto id = org::repo::insert_user(c, in, auth::hash_password(pw), unit, 0, true, false);
    auto r = org::repo::find_role_by_key(c, role);
    org::repo::replace_memberships(c, id, {{unit, display, {r->id}}});
    std::cout << "  " << user << "  " << pw << "\n";
  }
  audit::record(c, audit::Actor{std::nullopt, "bootstrap", unit, name, "", ""}, audit::Event{"sys:bootstrap", "unit", std::to_string(unit)});
  tx.commit();
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string cmd = "serve";
  if (!args.empty() && args[0].rfind("--", 0) != 0) {
    cmd = args[0];
    args.erase(args.begin());
  }
  try {
    if (cmd == "help" || cmd == "-h") return usage();
    if (cmd == "serve") {
      auto a = open_app(args);
      modules::register_all(*a);
      http::StaticFiles files(a->config().web_dir);
      if (files.count() == 0) spdlog::warn("网页目录 {} 为空：只提供 API", a->config().web_dir);
      {  // what a crash or an interrupted upload left behind goes before anything is served
        auto lease = a->db().lease();
        for (auto* store : {&a->uploads(), &a->generated()}) files::sweep(lease->conn, *store, a->tmp_dir(), db::now_ms());
      }
      http::Server server(*a, files);
      a->queue().start();
      a->jobs().start(a->db(), a->config().jobs_interval_s);
      int rc = server.run();
      a->jobs().stop();
      a->queue().stop();
      return rc;
    }
    if (cmd == "migrate") {
      auto a = open_app(args);
      for (auto& m : a->db().applied_migrations()) std::cout << m << "\n";
      return 0;
    }
    if (cmd == "audit" && !args.empty() && args[0] == "verify") {
      args.erase(args.begin());
      auto a = open_app(args);
      auto lease = a->db().lease();
      auto v = audit::verify(lease->conn);
      if (v.ok) {
        std::cout << "审计日志完整：共 " << v.rows << " 条记录，哈希链无断裂。\n";
        return 0;
      }
      std::cout << "审计日志被篡改：第一条断裂的记录编号为 " << *v.first_broken_id << "（此前 " << v.rows - 1 << " 条完好）。\n";
      return 1;
    }
    if (cmd == "bootstrap") return bootstrap(args);
    if (cmd == "files") return files_command(args);
    if (cmd == "backup") return backup_command(args);
    if (cmd == "restore") return restore_command(args);
    if (cmd == "venues") return venues_command(args);
    if (cmd == "fonts-conf") {  // the 公文 font aliases, for LibreOffice (FONTCONFIG_FILE)
      std::cout << docs::fonts_conf();
      return 0;
    }
    return usage();
  } catch (const std::exception& e) {
    std::cerr << "xietong: " << e.what() << "\n";
    return 1;
  }
}
