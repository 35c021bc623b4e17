// The in-memory unit list against the SQL it replaced: for random principals (every built-in
// scope kind, custom unit sets, creators), random filters, sort orders and pages, and random
// writes between rounds (new, renamed, moved and deleted units), the page, the total, the
// paths and has_children are those of the SQL query over the same database.
#include "modules/org/directory.hpp"
#include "modules/org/facts.hpp"

#include <random>

#include "modules/org/demo_city.hpp"
#include "modules/org/json.hpp"

namespace xt::org {
namespace {
using db::Query;

// The list as one SQL query with its scope predicate, paths from the closure table.
std::pair<std::vector<Unit>, long long> reference(db::Conn& c, const access::Principal& p, const UnitFilter& f, const app::Page& pg) {
  const char* cols =
      "u.id, u.parent_id, u.code, u.name, u.type, u.school_stage, u.city_affiliated, u.sort, u.status, "
      "CASE WHEN EXISTS (SELECT 1 FROM units ch WHERE ch.parent_id = u.id AND ch.deleted_at IS NULL) THEN 1 ELSE 0 END, u.creator_id";
  Query where(" FROM units u WHERE u.deleted_at IS NULL AND ");
  access::scope_filter(where, p, "org:unit:list", {"u.id", "u.creator_id"});
  if (f.parent_id) {
    if (*f.parent_id == 0) {
      where << " AND (u.parent_id IS NULL OR u.parent_id IN (SELECT id FROM units WHERE deleted_at IS NOT NULL) OR NOT ";
      access::scope_filter(where, p, "org:unit:list", {"u.parent_id", ""});
      where << ")";
    } else {
      where << " AND u.parent_id = " << where.bind(*f.parent_id);
    }
  }
  if (!f.keyword.empty()) {
    std::string k = "%";
    for (char ch : f.keyword) {
      if (ch == '%' || ch == '_' || ch == '\\') k += '\\';
      k += ch;
    }
    k += "%";
    where << " AND (u.name LIKE " << where.bind(k) << " ESCAPE '\\' OR lower(u.code) LIKE lower(" << where.bind(k) << ") ESCAPE '\\')";
  }
  if (!f.type.empty()) where << " AND u.type = " << where.bind(f.type);
  if (!f.status.empty()) where << " AND u.status = " << where.bind(f.status);
  Query count("SELECT COUNT(*)");
  count.append(where);
  long long total = c.scalar(count);
  std::string col = pg.sort == "code" ? "u.code" : pg.sort == "name" ? "u.name" : "u.sort";
  Query q(std::string("SELECT ") + cols);
  q.append(where);
  q << " ORDER BY " << col << (pg.desc ? " DESC" : " ASC") << ", u.id LIMIT " << q.bind((long long)pg.size) << " OFFSET " << q.bind(pg.offset());
  std::vector<Unit> out;
  for (auto& r : c.rows(q)) {
    Unit u;
    u.id = r.i64(0);
    u.parent_id = r.opt_i64(1);
    u.code = r.str(2);
    u.name = r.str(3);
    u.type = r.str(4);
    u.school_stage = r.opt_str(5);
    u.city_affiliated = r.flag(6);
    u.sort = (int)r.i64(7);
    u.status = r.str(8);
    u.has_children = r.flag(9);
    u.creator_id = r.null(10) ? 0 : r.i64(10);
    u.path = repo::unit_path(c, u.id);
    out.push_back(u);
  }
  return {out, total};
}

struct DirectoryTest : DemoCityTest {
  DirectoryTest() : DemoCityTest(40) {}
  std::vector<long long> live_ids() {
    std::vector<long long> out;
    for (auto& r : c().rows(Query("SELECT id FROM units WHERE deleted_at IS NULL ORDER BY id"))) out.push_back(r.i64(0));
    return out;
  }
};

std::string describe(const Unit& u) {
  return std::to_string(u.id) + "|" + (u.parent_id ? std::to_string(*u.parent_id) : "-") + "|" + u.code + "|" + u.name + "|" + u.type + "|" +
         u.school_stage.value_or("-") + "|" + std::to_string(u.city_affiliated) + "|" + std::to_string(u.sort) + "|" + u.status + "|" +
         std::to_string(u.has_children) + "|" + std::to_string(u.creator_id) + "|" + u.path;
}

TEST_F(DirectoryTest, AgreesWithTheSqlListOnRandomScopesFiltersPagesAndWrites) {
  std::mt19937 rng(20261203);
  auto pick = [&](const auto& v) { return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)]; };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  const std::vector<std::string> kinds = {"all", "subtree", "own_unit", "self", "custom"};
  const std::vector<std::string> keywords = {"", "", "", "", "", "", "", "", "", "", "历下", "学校", "S00", "s00", "3701", "小学", "_", "%", "中心", "ZZZ"};
  const std::vector<std::string> types = {"", "", "", "", "", "school", "district_bureau", "community"};
  const std::vector<std::string> sorts = {"sort", "code", "name"};
  long long writer_unit = *repo::unit_id_by_code(c(), "3701");
  int checked = 0, nonempty = 0;
  for (int round = 0; round < 12; ++round) {
    auto ids = live_ids();
    // a write of some kind between rounds
    if (round > 0) {
      int w = round % 4;
      if (w == 0) {
        UnitInput in;
        in.parent_id = pick(ids);
        in.code = "T" + std::to_string(round);
        in.name = "新设单位" + std::to_string(round);
        in.type = "community";
        in.sort = -round;
        repo::insert_unit(c(), in, 7);
      } else if (w == 1) {
        auto id = pick(ids);
        auto u = *repo::find_unit(c(), id);
        UnitInput in;
        in.parent_id = u.parent_id;
        in.code = u.code;
        in.name = u.name + "（更名）";
        in.type = u.type;
        in.school_stage = u.school_stage;
        in.sort = u.sort;
        in.status = chance(50) ? "active" : "disabled";
        repo::update_unit(c(), id, in);
      } else if (w == 2) {
        for (auto id : ids)
          if (repo::count_children(c(), id) == 0 && id != writer_unit && chance(20)) {
            repo::soft_delete_unit(c(), id);
            break;
          }
      } else {
        auto id = pick(ids);
        if (repo::count_children(c(), id) == 0) repo::move_unit(c(), id, writer_unit, 1);
      }
      ids = live_ids();
    }
    for (int q = 0; q < 40; ++q) {
      access::Principal p;
      p.user_id = chance(30) ? 7 : 1 + (long long)(rng() % 50);
      p.unit_id = pick(ids);
      std::vector<access::ScopeGrant> grants;
      int n = 1 + (int)(rng() % 2);
      for (int g = 0; g < n; ++g) {
        access::ScopeGrant sg{pick(kinds), {}};
        if (sg.kind == "custom")
          for (int k = 0; k < 3; ++k) sg.units.push_back(pick(ids));
        grants.push_back(sg);
      }
      p.grants["org:unit:list"] = grants;
      UnitFilter f;
      f.keyword = pick(keywords);
      f.type = pick(types);
      if (chance(20)) f.status = chance(50) ? "active" : "disabled";
      if (chance(30)) f.parent_id = chance(50) ? 0 : pick(ids);
      app::Page pg;
      pg.sort = pick(sorts);
      pg.desc = chance(40);
      pg.size = pick(std::vector<int>{1, 7, 20, 200});
      pg.page = chance(70) ? 1 : 2 + (int)(rng() % 3);
      auto listing = directory::list(c(), p, f, pg);
      auto got = listing.units();
      auto got_total = listing.total;
      auto texts = listing.json();
      for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(texts[i], boost::json::serialize(unit_json(got[i])));
      auto [want, want_total] = reference(c(), p, f, pg);
      ASSERT_EQ(got_total, want_total) << "round " << round << " query " << q << " keyword '" << f.keyword << "'";
      ASSERT_EQ(got.size(), want.size()) << "round " << round << " query " << q;
      for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(describe(got[i]), describe(want[i])) << "round " << round << " query " << q;
      ++checked;
      if (!got.empty()) ++nonempty;
    }
  }
  EXPECT_EQ(checked, 480);
  EXPECT_GT(nonempty, 100) << "the random queries must mostly find something";
}

TEST_F(DirectoryTest, AWriteOnAnotherConnectionIsSeenAtOnce) {
  access::Principal p;
  p.unit_id = *repo::unit_id_by_code(c(), "3701");
  p.grants["org:unit:list"] = {access::ScopeGrant{"all", {}}};
  app::Page pg;
  UnitFilter f;
  f.keyword = "另一台服务器";
  EXPECT_EQ(directory::list(c(), p, f, pg).total, 0);
  // a second Database object on the same file stands for another server
  db::Database other(db_url(), 1);
  auto l = other.lease();
  UnitInput in;
  in.parent_id = p.unit_id;
  in.code = "OTHER1";
  in.name = "另一台服务器建的单位";
  in.type = "community";
  auto id = repo::insert_unit(l->conn, in, 1);
  auto listing = directory::list(c(), p, f, pg);
  auto units = listing.units();
  ASSERT_EQ(listing.total, 1);
  EXPECT_EQ(units[0].id, id);
  EXPECT_EQ(units[0].path, "济南市教育局 / 另一台服务器建的单位");
  repo::soft_delete_unit(l->conn, id);
  EXPECT_EQ(directory::list(c(), p, f, pg).total, 0);
}

TEST_F(DirectoryTest, TheDistrictOfEveryUnitIsTheFactsOne) {
  auto snap = directory::current(c());
  for (auto& u : snap->units()) EXPECT_EQ(snap->district_of(u), facts::district_of(c(), u.id).value_or(0)) << u.code;
}

TEST_F(DirectoryTest, APageBeyondTheEndIsEmptyWithTheTotal) {
  access::Principal p;
  p.unit_id = *repo::unit_id_by_code(c(), "370102");
  p.grants["org:unit:list"] = {access::ScopeGrant{"subtree", {}}};
  app::Page pg;
  pg.page = 1000000;
  pg.size = 200;
  auto listing = directory::list(c(), p, UnitFilter{}, pg);
  EXPECT_TRUE(listing.page.empty());
  EXPECT_GT(listing.total, 1);
  p.grants.clear();
  EXPECT_EQ(directory::list(c(), p, UnitFilter{}, app::Page{}).total, 0) << "no grant, nothing listed";
}
}  // namespace
}  // namespace xt::org
