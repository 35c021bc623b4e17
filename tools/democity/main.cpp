// xietong-demo: fills an empty database with the demo city.
#include <filesystem>
#include <iostream>

#include "core/app/app.hpp"
#include "core/auth/password.hpp"
#include "democity/alliance_demo.hpp"
#include "democity/democity.hpp"
#include "democity/review_demo.hpp"
#include "democity/venues_demo.hpp"
#include "modules/modules.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  xt::demo::Options o;
  bool if_empty = false, with_alliances = true, with_reviews = true, with_venues = true;
  xt::demo::VenueOptions vo;
  xt::demo::AllianceOptions ao;
  xt::demo::ReviewOptions ro;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      std::cout << "用法：xietong-demo [--db URL] [--data-dir DIR] [--if-empty] [--schools N] [--seed N]\n"
                   "在数据库中生成演示城市（济南市教育局、10个区县、学校、16个部门、社会单位和演示账号）。\n"
                   "  --db URL        sqlite:var/xietong.db（默认）或 postgresql://user@host/db\n"
                   "  --data-dir DIR  文件存储目录（默认 var/）\n"
                   "  --if-empty      数据库中已有单位时不做任何改动\n"
                   "  --schools N     学校数量（默认 300）\n"
                   "  --seed N        随机种子（相同种子生成相同的城市）\n"
                   "  --years N       教联体工作的历史年数（默认 2）\n"
                   "  --activities N  每所学校每年的活动记录数（默认 8）\n"
                   "  --no-alliance   不生成教联体、活动和会商\n"
                   "  --no-review     不生成典型案例征集的市级评审（往年已发布的评审与今年进行中的评审）\n"
                   "  --review-cases N  今年报送到市里的案例数（默认 36；超过 60 时不受名额限制，供性能测试）\n"
                   "  --no-venues     不生成运动地图（街道网、场馆、学校位置、节假日日历）\n"
                   "  --review-complete 今年评审的每份评分都已提交（供性能测试）\n"
                   "演示账号的密码均为 Demo@2026，只有以 --demo 启动的服务器才接受它们。\n";
      return 0;
    }
    if (a == "--schools" && i + 1 < argc) o.schools = std::stoi(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) o.seed = (unsigned)std::stoul(argv[++i]);
    else if (a == "--if-empty") if_empty = true;
    else if (a == "--years" && i + 1 < argc) ao.years = std::stoi(argv[++i]);
    else if (a == "--activities" && i + 1 < argc) ao.activities_per_school_year = std::stoi(argv[++i]);
    else if (a == "--no-alliance") with_alliances = false;
    else if (a == "--no-review") with_reviews = false;
    else if (a == "--review-cases" && i + 1 < argc) ro.cases = std::stoi(argv[++i]);
    else if (a == "--review-complete") ro.complete = true;
    else if (a == "--no-venues") with_venues = false;
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
    if (with_alliances) {
      ao.seed = o.seed;
      auto w = xt::demo::generate_alliances(lease->conn, ao);
      std::cout << "教联体工作：" << w.alliances << " 个教联体，" << w.activities << " 项活动，" << w.meetings << " 次会商（" << ao.years << " 年）。\n";
    }
    if (with_reviews) {
      ro.seed = o.seed;
      ro.password = o.password;
      auto r = xt::demo::generate_reviews(lease->conn, ro);
      std::cout << "典型案例征集：" << r.calls << " 次征集，" << r.cases << " 个报送到市里的案例；往年评审已发布（入选 " << r.selected
                << " 个，见公开的典型案例库 /library），今年评审进行中（" << r.experts << " 位专家，已提交 " << r.sheets << " 份评分）。\n";
      for (auto& acc : r.accounts) s.accounts.push_back(acc);
    }
    if (with_venues) {
      vo.seed = o.seed;
      auto v = xt::demo::generate_venues(lease->conn, a.generated(), a.tmp_dir(), cfg.data_dir, vo);
      std::cout << "运动地图：" << v.venues << " 个场馆，" << v.schools_placed << " 所学校已标注位置；示意街道网 " << v.nodes << " 个节点、" << v.edges
                << " 条路段（" << v.osm_path << "，已按 xietong venues load-osm 的方式载入）。\n";
    }
    std::cout << "演示城市已生成：" << s.units << " 个单位（其中学校 " << s.schools << " 所），" << s.users << " 个账号。\n";
    std::cout << "演示账号（密码均为 " << o.password << "，仅在 --demo 模式下可登录）：\n";
    for (auto& acc : s.accounts) std::cout << "  " << acc.username << "\t" << acc.role << "\t" << acc.unit << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "xietong-demo: " << e.what() << "\n";
    return 1;
  }
}
