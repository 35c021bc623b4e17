// What other modules ask org about units, on a demo city: the district of a unit, the bureau
// responsible for it (a district school → its district, a 局属学校 → itself, a unit directly
// under the city → the city bureau), which units review, and what an ordinary school is.
#include "modules/org/facts.hpp"

#include "modules/org/demo_city.hpp"

namespace xt::org::facts {
namespace {

struct FactsTest : DemoCityTest {
  FactsTest() : DemoCityTest(60) {}  // enough for 历下 to have schools of several stages
};

TEST_F(FactsTest, TheBureauResponsibleForEachKindOfUnit) {
  auto city = id("3701"), lixia = id("370102");
  auto district_school = id("370102S0001"), city_school = id("3701S001"), museum = id("3701C001"), community = id("370102C001");
  EXPECT_EQ(reviewing_bureau_of(c(), district_school), lixia);
  EXPECT_EQ(reviewing_bureau_of(c(), community), lixia);
  EXPECT_EQ(reviewing_bureau_of(c(), city_school), city_school) << "a 局属学校 answers for itself";
  EXPECT_EQ(reviewing_bureau_of(c(), museum), city) << "units directly under the city go to the city bureau";
  EXPECT_EQ(reviewing_bureau_of(c(), lixia), city) << "a district bureau's own material goes up";
  EXPECT_FALSE(reviewing_bureau_of(c(), city));
  EXPECT_FALSE(reviewing_bureau_of(c(), 99999999));

  EXPECT_EQ(district_of(c(), district_school), lixia);
  EXPECT_EQ(district_of(c(), lixia), lixia);
  EXPECT_FALSE(district_of(c(), museum));
  EXPECT_FALSE(district_of(c(), city_school));
}

TEST_F(FactsTest, WhoReviewsAndWhatAnOrdinarySchoolIs) {
  auto u = [&](const std::string& code) { return *unit(c(), id(code)); };
  EXPECT_TRUE(reviews(u("3701")));
  EXPECT_TRUE(reviews(u("370102")));
  EXPECT_TRUE(reviews(u("3701S001")));
  EXPECT_FALSE(reviews(u("370102S0001")));
  EXPECT_FALSE(reviews(u("3701C001")));
  EXPECT_TRUE(is_bureau("district_bureau"));
  EXPECT_FALSE(is_bureau("school"));
  EXPECT_TRUE(is_city_affiliated_school(u("3701S001")));
  EXPECT_FALSE(is_ordinary_school(u("3701S001"))) << "局属 is not the district's";
  int ordinary = 0, kindergartens = 0;
  for (int i = 1; i <= 20; ++i) {
    char code[20];
    std::snprintf(code, sizeof code, "370102S%04d", i);
    auto uid = repo::unit_id_by_code(c(), code);
    if (!uid) continue;
    auto x = unit(c(), *uid);
    ASSERT_TRUE(x);
    if (x->school_stage == std::optional<std::string>("kindergarten")) {
      ++kindergartens;
      EXPECT_FALSE(is_ordinary_school(*x)) << code;
    } else if (is_ordinary_school(*x)) {
      ++ordinary;
    }
  }
  EXPECT_GT(ordinary, 0);
  EXPECT_FALSE(unit(c(), 99999999));
}

TEST_F(FactsTest, ManyUnitsNamesAndPeopleAtOnce) {
  auto lixia = id("370102"), city = id("3701");
  auto many = units(c(), {lixia, city, 99999999});
  ASSERT_EQ(many.size(), 2u) << "unknown ids are left out";
  EXPECT_EQ(many.at(lixia).code, "370102");
  EXPECT_EQ(many.at(city).type, "city_bureau");
  std::vector<long long> all;
  for (auto& r : c().rows(db::Query("SELECT id FROM units"))) all.push_back(r.i64(0));
  EXPECT_EQ(units(c(), all).size(), all.size()) << "more ids than one IN list holds";

  auto named = units_named(c(), "历下", 500);
  EXPECT_NE(std::find(named.begin(), named.end(), lixia), named.end());
  for (auto uid : named) EXPECT_NE(names(c(), {uid}).at(uid).find("历下"), std::string::npos);
  EXPECT_TRUE(units_named(c(), "%", 500).empty()) << "% is taken literally";
  EXPECT_EQ(units_named(c(), "区", 3).size(), 3u);

  auto admin = c().row(db::Query("SELECT id, display_name FROM users WHERE username = 'admin'"));
  ASSERT_TRUE(admin);
  auto people = person_names(c(), {admin->i64(0), 99999999});
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people.at(admin->i64(0)), admin->str(1));
}

TEST_F(FactsTest, ReviewingUnitsUnderTheCityDistrictsFirst) {
  auto list = reviewing_units_under(c(), id("3701"));
  ASSERT_GE(list.size(), 11u);
  EXPECT_EQ(list[0].second, names(c(), {id("370102")}).at(id("370102")));
  bool seen_school = false;
  for (auto& [uid, name] : list) {
    auto x = unit(c(), uid);
    if (x->type == "school") seen_school = true;
    else EXPECT_FALSE(seen_school) << "district bureaus come before the 局属学校: " << name;
  }
  EXPECT_TRUE(seen_school);
  EXPECT_EQ(reviewing_units_under(c(), id("370102")).size(), 1u) << "within a district, the district itself";
}
}  // namespace
}  // namespace xt::org::facts
