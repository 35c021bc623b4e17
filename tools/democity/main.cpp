// xietong-demo: fills an empty database with the demo city.
#include <filesystem>
#include <iostream>

#include "core/app/app.hpp"
#include "core/auth/password.hpp"
#include "democity/democity.hpp"
#include "modules/modules.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  xt::demo::Options o;
  bool if_empty = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--schools" && i + 1 < argc) o.schools = std::stoi(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) o.seed = (unsigned)std::stoul(argv[++i]);
    else if (a == "--if-empty") if_empty = true;
    else args.push_back(a);
  }
  try {
    xt::auth::init_crypto();
    auto cfg = xt::load_config(args);
    if (cfg.db_url.rfind("sqlite:", 0) == 0) {
      auto p = std::filesystem::path(cfg.db_url.substr(7)).parent_path();
      if (!p.empty()) std::filesystem::create_directories(p);
    }
    xt::app::App a(cfg);
    a.db().migrate();
    xt::modules::ensure_builtin(a);
    auto lease = a.db().lease();
    if (if_empty && lease->conn.scalar(xt::db::Query("SELECT COUNT(*) FROM units")) > 0) {
      std::cout << "数据库中已有数据，保留现有数据。\n";
      return 0;
    }
    auto s = xt::demo::generate(lease->conn, o);
    std::cout << "演示城市已生成：" << s.units << " 个单位（其中学校 " << s.schools << " 所），" << s.users << " 个账号。\n";
    std::cout << "演示账号（密码均为 " << o.password << "，仅在 --demo 模式下可登录）：\n";
    for (auto& acc : s.accounts) std::cout << "  " << acc.username << "\t" << acc.role << "\t" << acc.unit << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "xietong-demo: " << e.what() << "\n";
    return 1;
  }
}
