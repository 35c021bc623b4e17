// Conflicts from the unit tree and declarations, and the field match, on a small hand-made city.
#include <gtest/gtest.h>

#include "modules/review/context.hpp"

using namespace xt;
using namespace xt::review;

namespace {
org::Unit unit(long long id, std::optional<long long> parent, const std::string& name, const std::string& type) {
  org::Unit u;
  u.id = id;
  u.parent_id = parent;
  u.name = name;
  u.type = type;
  return u;
}

// 1 city bureau ─┬─ 2 历下区教育局 ─┬─ 3 实验小学
//                │                 └─ 7 泉城路社区
//                ├─ 4 市博物馆
//                └─ 5 市中区教育局 ── 6 育才小学
Context city() {
  Context x;
  std::vector<org::Unit> units{unit(1, std::nullopt, "济南市教育局", "city_bureau"), unit(2, 1, "历下区教育局", "district_bureau"),
                               unit(3, 2, "实验小学", "school"),                     unit(4, 1, "济南市博物馆", "museum"),
                               unit(5, 1, "市中区教育局", "district_bureau"),        unit(6, 5, "育才小学", "school"),
                               unit(7, 2, "泉城路社区", "community")};
  x.tree = std::make_shared<org::directory::Snapshot>(1, units, std::vector<bool>(units.size(), false));
  CaseView k;
  k.id = 100;
  k.owner_unit = 3;
  k.review_unit = 2;
  k.district = 2;
  k.district_name = "历下区教育局";
  k.unit_name = "实验小学";
  k.partners = {7};
  k.partner_names = {"泉城路社区"};
  k.form = "社区+学校";
  k.topics = {"法治教育", "防霸凌"};
  x.cases.push_back(k);
  for (auto [uid, home] : std::vector<std::pair<long long, long long>>{{11, 3}, {12, 7}, {13, 2}, {14, 6}, {15, 4}, {16, 1}, {17, 6}}) {
    Expert e;
    e.user_id = uid;
    e.unit_id = home;
    e.unit_name = x.tree->find(home)->name;
    e.status = "active";
    x.experts.push_back(e);
    x.expert_district.push_back(x.tree->district_of(*x.tree->find(home)));
  }
  x.experts[6].declared = {{2, "历下区教育局（曾在该区任职）"}};
  x.experts[4].fields = {"法治教育", "社区+学校", "国防教育"};
  return x;
}
}  // namespace

TEST(ReviewConflicts, FromTheUnitTreeAndDeclarations) {
  auto x = city();
  auto reason = [&](size_t e) { return x.conflict(0, e).value_or(""); };
  EXPECT_NE(reason(0).find("牵头单位"), std::string::npos);           // the lead school's own expert
  EXPECT_NE(reason(1).find("合作单位"), std::string::npos);           // the partner community's
  EXPECT_NE(reason(2).find("同属历下区教育局"), std::string::npos);   // the district bureau itself
  EXPECT_EQ(reason(3), "");                                           // another district's school
  EXPECT_EQ(reason(4), "");                                           // a unit under the city: no district
  EXPECT_EQ(reason(5), "");                                           // the city bureau
  EXPECT_NE(reason(6).find("申报的回避单位"), std::string::npos);     // declared the lead's district
}

TEST(ReviewConflicts, FieldMatchCountsTheFormAndTopics) {
  auto x = city();
  EXPECT_EQ(x.match(0, 4), 2);  // 法治教育 (a topic) and 社区+学校 (the form); 国防教育 is not the case's
  EXPECT_EQ(x.match(0, 3), 0);
}
