// The dashboard against the generator's known truth: on a generated city with two years of
// 教联体 work, the covered schools, the districts formed by the 2025 target and the completed
// activities per measure are what the generator made; the districts add up to the city; the
// rollup kept row by row equals one rebuilt from the activities.
#include "modules/alliance/dashboard/service.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "core/auth/password.hpp"
#include "core/auth/session.hpp"
#include "democity/alliance_demo.hpp"
#include "democity/democity.hpp"
#include "modules/alliance/activities/repo.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/repo.hpp"
#include "modules/alliance/routes.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/service.hpp"

namespace xt::alliance {
namespace {

class DashboardCity : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::init_crypto();
    std::string tmpl = (std::filesystem::temp_directory_path() / "xt-alliance-city-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir_ = tmpl;
    database = std::make_unique<db::Database>("sqlite:" + (dir_ / "city.db").string(), 1);
    database->migrate();
    lease = database->lease();
    org::register_permissions();
    register_permissions();
    org::ensure_builtin(c());
    demo::Options o;
    o.schools = 300;
    demo::generate(c(), o);
    if (with_work()) truth = demo::generate_alliances(c(), {});
  }
  void TearDown() override {
    lease.reset();
    database.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  virtual bool with_work() const { return true; }
  db::Conn& c() { return lease->conn; }
  access::Principal as(const std::string& username) {
    auto id = *org::repo::user_id_by_username(c(), username);
    return auth::load_principal(c(), id, org::repo::memberships_of(c(), id).at(0).id);
  }

  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;
  demo::AllianceSummary truth;

 private:
  std::filesystem::path dir_;
};

// The same city with no 教联体 work but four school alliances written here, counted by hand.
class SmallCity : public DashboardCity {
 protected:
  bool with_work() const override { return false; }
  long long unit(const std::string& code) { return *org::repo::unit_id_by_code(c(), code); }
  void form(const std::string& school, std::vector<std::pair<std::string, std::string>> history, std::vector<long long> members) {
    Alliance a;
    a.level = "school";
    a.anchor_unit_id = unit(school);
    a.name = school;
    a.status = history.back().first;
    a.created_at = a.updated_at = 1;
    a.id = repo::insert(c(), a);
    std::vector<Member> ms{{a.anchor_unit_id, "lead", "", "", "", ""}};
    for (auto m : members) ms.push_back({m, "member", "", "", "", ""});
    repo::replace_members(c(), a.id, ms);
    for (auto& [st, on] : history) repo::add_history(c(), a.id, {st, on, "", std::nullopt, 1});
  }
};

TEST_F(SmallCity, CoverageCountedByHand) {
  // 历下区's first four ordinary schools: A formed 2025-03-10 with the district hospital;
  // B formed 2025-04-20 with the hospital and dissolved 2025-06-01; C formed with a school
  // only; D in preparation. As of today: A only. At the end of April 2025: A and B; of June: A.
  std::vector<std::string> ordinary;
  for (int i = 1; i <= 40 && ordinary.size() < 5; ++i) {
    char code[20];
    std::snprintf(code, sizeof code, "370102S%04d", i);
    auto id = org::repo::unit_id_by_code(c(), code);
    if (!id) continue;
    auto u = org::repo::find_unit(c(), *id);
    if (u && coverage::counted_stage(u->school_stage)) ordinary.push_back(code);
  }
  ASSERT_EQ(ordinary.size(), 5u);
  auto hospital = unit("370102C004");  // 历下区人民医院 in the generator's order
  auto before = dashboard(c(), as("city"), std::nullopt);
  EXPECT_EQ(before.covered, 0);
  form(ordinary[0], {{"formed", "2025-03-10"}}, {hospital});
  form(ordinary[1], {{"formed", "2025-04-20"}, {"dissolved", "2025-06-01"}}, {hospital});
  form(ordinary[2], {{"formed", "2025-03-01"}}, {unit(ordinary[4])});
  form(ordinary[3], {{"preparing", "2025-05-01"}}, {hospital});
  auto d = dashboard(c(), as("city"), std::nullopt);
  EXPECT_EQ(d.covered, 1);
  EXPECT_EQ(d.preparing, 1);
  std::map<std::string, long long> at;
  for (auto& [day, n] : d.trend) at[day] = n;
  EXPECT_EQ(d.trend.front().first, "2025-03-31") << "the trend starts with the first month anything happened";
  EXPECT_EQ(at["2025-03-31"], 1) << "C has no member outside education";
  EXPECT_EQ(at["2025-04-30"], 2);
  EXPECT_EQ(at["2025-05-31"], 2);
  EXPECT_EQ(at["2025-06-30"], 1) << "B dissolved on 1 June";
  auto lx = dashboard(c(), as("lixia"), std::nullopt);
  EXPECT_EQ(lx.covered, 1);
  auto list = schools(c(), as("lixia"), std::nullopt, std::string("uncovered"), "");
  std::map<std::string, std::string> status;
  for (auto& s : list) status[s.code] = s.status;
  EXPECT_FALSE(status.count(ordinary[0]));
  EXPECT_EQ(status[ordinary[1]], "none") << "dissolved";
  EXPECT_EQ(status[ordinary[2]], "no_external");
  EXPECT_EQ(status[ordinary[3]], "preparing");
  EXPECT_EQ(d.targets[1].needed, (d.schools + 1) / 2);
}

TEST_F(DashboardCity, TheNumbersAreTheGeneratorsTruth) {
  ASSERT_GT(truth.activities, 4000);
  auto d = dashboard(c(), as("city"), std::nullopt);
  EXPECT_EQ(d.kind, "city");
  EXPECT_EQ(d.covered, truth.covered_today);
  EXPECT_GT(d.covered, 0);
  EXPECT_EQ(d.trend.back().second, d.covered) << "today's point is today's count";
  long long schools = 0, covered = 0;
  for (auto& r : d.districts) schools += r.schools, covered += r.covered;
  EXPECT_EQ(schools, d.schools);
  EXPECT_EQ(covered, d.covered);
  ASSERT_EQ(d.targets.size(), 3u);
  EXPECT_EQ(d.targets[0].level, "district");
  EXPECT_EQ(d.targets[0].met, truth.districts_formed_by_2025);
  EXPECT_EQ(d.targets[0].total, 10);
  EXPECT_EQ(d.targets[1].needed, (d.schools + 1) / 2);

  std::map<int, long long> expected;
  for (auto& t : activity_repo::types(c()))
    for (int m : t.measures) expected[m] += truth.done_by_type[t.code];
  for (auto& m : d.measures) EXPECT_EQ(m.count.activities, expected[m.code]) << "measure " << m.code;
  long long by_month = 0;
  for (auto& [_, cnt] : d.by_month) by_month += cnt.activities;
  long long done = 0;
  for (auto& [_, n] : truth.done_by_type) done += n;
  EXPECT_EQ(by_month, done) << "each completed activity once for the city";
  std::set<int> idle(d.idle_measures.begin(), d.idle_measures.end());
  EXPECT_TRUE(idle.count(5)) << "the sports map has no activity type";
  EXPECT_FALSE(idle.count(16));

  // A district sees its own row and the city's totals only.
  auto lx = dashboard(c(), as("lixia"), std::nullopt);
  EXPECT_EQ(lx.kind, "district");
  ASSERT_EQ(lx.districts.size(), 1u);
  EXPECT_EQ(lx.city_covered, d.covered);
  for (auto& r : d.districts)
    if (r.id == lx.unit_id) {
      EXPECT_EQ(r.covered, lx.covered);
    }
  try {
    dashboard(c(), as("lixia"), d.districts[1].id);
    FAIL() << "another district's dashboard";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code, "alliance.other_district");
  }
}

TEST_F(DashboardCity, TheRollupKeptRowByRowEqualsOneRebuilt) {
  // Changes through the service: recorded, completed later, cancelled, partners across districts.
  auto museum = as("unit0001");
  app::Caller who{museum, audit::Actor{museum.user_id, museum.username, museum.unit_id, museum.unit_name, "127.0.0.1", "test"}};
  auto unit = [&](const std::string& code) { return *org::repo::unit_id_by_code(c(), code); };
  ActivityInput in;
  in.type_code = "venue_lesson";
  in.title = "馆校课";
  in.dates = {"2026-03-10", "2026-03-17"};
  in.reached.students = 40;
  in.partners = {unit("370102S0001"), unit("370103S0001")};
  auto a = create_activity(c(), who, in);
  in.state = "planned";
  in.partners = {unit("370104S0001")};
  auto b = create_activity(c(), who, in);
  in.state = "done";
  in.version = b.version;
  in.type_code = "free_visit";
  update_activity(c(), who, b.id, in);
  in.state = "cancelled";
  in.version = a.version;
  in.partners = {unit("370102S0001")};
  update_activity(c(), who, a.id, in);
  in.state = "done";
  in.version = a.version + 1;
  in.dates = {"2025-11-02"};
  update_activity(c(), who, a.id, in);

  auto before = activity_repo::rollup(c(), std::nullopt);
  activity_repo::rebuild_rollup(c());
  auto after = activity_repo::rollup(c(), std::nullopt);
  auto key = [](const activity_repo::RollupRow& r) { return std::make_tuple(r.month, r.district_id, r.type_id, r.activities, r.reached); };
  std::vector<decltype(key(before[0]))> kept, rebuilt;
  for (auto& r : before)
    if (r.activities) kept.push_back(key(r));
  for (auto& r : after) rebuilt.push_back(key(r));
  std::sort(kept.begin(), kept.end());
  std::sort(rebuilt.begin(), rebuilt.end());
  EXPECT_EQ(kept, rebuilt);
  EXPECT_GT(kept.size(), 100u);
}
}  // namespace
}  // namespace xt::alliance
