// A relationship-scoped list beside unit-scoped ones, in one run: 10,000 records owned by the
// units of a 2,000-unit tree, each assigned to 3 of 300 experts; the list a user sees (count
// and a page of 20, newest first) under "assigned to me" (a link table), "own unit", "subtree"
// (a district's 200 units) and "all". SQLite by default, PostgreSQL with --db postgresql://….
// Prints the median and p99 of each, and each as a ratio to the "all" list measured alongside.
#include <cstdio>
#include <random>
#include <string>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "timing.hpp"

using namespace xt;

int main(int argc, char** argv) {
  std::string url = "sqlite:/tmp/xietong-scope-bench.db";
  int runs = 2000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--db") url = argv[++i];
    else if (std::string(argv[i]) == "--runs") runs = std::stoi(argv[++i]);
  }
  if (url.rfind("sqlite:", 0) == 0) std::remove(url.substr(7).c_str());
  db::Database database(url, 1);
  auto lease = database.lease();
  auto& c = lease->conn;
  c.exec_script(
      "DROP TABLE IF EXISTS bench_assign; DROP TABLE IF EXISTS bench_recs; DROP TABLE IF EXISTS bench_closure;"
      "CREATE TABLE bench_closure (ancestor_id BIGINT NOT NULL, descendant_id BIGINT NOT NULL, PRIMARY KEY (ancestor_id, descendant_id));"
      "CREATE TABLE bench_recs (id BIGINT PRIMARY KEY, owner_unit_id BIGINT NOT NULL, creator_id BIGINT NOT NULL, updated_at BIGINT NOT NULL, title TEXT NOT NULL);"
      "CREATE INDEX bench_recs_owner ON bench_recs(owner_unit_id, updated_at);"
      "CREATE INDEX bench_recs_updated ON bench_recs(updated_at);"
      "CREATE TABLE bench_assign (rec_id BIGINT NOT NULL, expert_id BIGINT NOT NULL, PRIMARY KEY (expert_id, rec_id));");
  // Tree: unit 1 the city, 2..11 districts, 12..2011 schools (200 per district).
  std::mt19937 rng(7);
  {
    db::Tx tx(c, true);
    auto closure = [&](long long a, long long d) {
      db::Query q("INSERT INTO bench_closure VALUES (");
      q << q.bind(a) << ", " << q.bind(d) << ")";
      c.exec(q);
    };
    for (long long u = 1; u <= 2011; ++u) {
      closure(u, u);
      if (u > 1) closure(1, u);
      if (u >= 12) closure(2 + (u - 12) / 200, u);
    }
    for (long long r = 1; r <= 10000; ++r) {
      db::Query q("INSERT INTO bench_recs VALUES (");
      q << q.bind(r) << ", " << q.bind((long long)(12 + rng() % 2000)) << ", " << q.bind((long long)(1 + rng() % 500)) << ", "
        << q.bind(r * 1000) << ", " << q.bind("案例" + std::to_string(r)) << ")";
      c.exec(q);
      for (int k = 0; k < 3; ++k) {
        db::Query a("INSERT INTO bench_assign VALUES (");
        a << a.bind(r) << ", " << a.bind((long long)(1 + (r * 7 + k * 101) % 300)) << ") ON CONFLICT DO NOTHING";
        c.exec(a);
      }
    }
    tx.commit();
  }
  c.exec_script(database.dialect() == db::Dialect::Sqlite ? "ANALYZE" : "ANALYZE bench_recs; ANALYZE bench_assign; ANALYZE bench_closure");
  access::Columns cols{"r.owner_unit_id", "r.creator_id", "r.id"};
  cols.links["assignee"] = {"bench_assign", "rec_id", "expert_id"};

  struct Case { const char* name; std::string kind; long long unit; };
  std::vector<Case> cases = {{"all (baseline)", "all", 1}, {"assigned to me (link table)", "assigned", 1},
                             {"own unit", "own_unit", 500}, {"district subtree (200 units)", "subtree_bench", 3}};
  access::register_scope({"subtree_bench", "测试：下级",
                          [](const access::Principal&, const access::ScopeGrant&, const access::Record&, const access::UnitTree&) { return false; },
                          [](db::Query& q, const access::Principal& p, const access::ScopeGrant&, const access::Columns& c) {
                            q << c.unit << " IN (SELECT descendant_id FROM bench_closure WHERE ancestor_id = " << q.bind(p.unit_id) << ")";
                          }});
  std::printf("Scoped lists over 10,000 records (%s): count + page of 20 newest, %d runs each\n", database.dialect_name().c_str(), runs);
  double base = 0;
  for (auto& k : cases) {
    access::Principal p;
    p.user_id = 42;
    p.unit_id = k.unit;
    p.grants["bench:rec:list"] = {{k.kind, {}}};
    long long total = 0;
    size_t got = 0;
    auto t = bench::sorted_runs(runs, [&] {
      db::Query where(" FROM bench_recs r WHERE ");
      access::scope_filter(where, p, "bench:rec:list", cols);
      db::Query count("SELECT COUNT(*)");
      count.append(where);
      total = c.scalar(count);
      db::Query page("SELECT r.id, r.title, r.owner_unit_id, r.updated_at");
      page.append(where);
      page << " ORDER BY r.updated_at DESC, r.id DESC LIMIT 20";
      got = c.rows(page).size();
    });
    double med = t[t.size() / 2] * 1000, p99 = t[t.size() * 99 / 100] * 1000;
    if (base == 0) base = med;
    std::printf("  %-32s %6lld rows, page %2zu   median %7.0f us   p99 %7.0f us   %.2f x all\n", k.name, total, got, med, p99, med / base);
  }
  return 0;
}
