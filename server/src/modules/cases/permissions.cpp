#include "modules/cases/permissions.hpp"

#include "core/access/catalog.hpp"
#include "core/audit/names.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/org/service.hpp"

namespace xt::cases {

void register_permissions() {
  // The bureau that pre-reviews a case (its district's bureau, the city-affiliated school
  // itself, the city bureau for units directly under the city): the scope of the review.
  if (!access::find_scope("review_unit")) access::register_unit_relation_scope("review_unit", "本单位负责初评的", "review_unit");
  audit::register_namer("case", [](db::Conn& c, const std::vector<std::string>& ids) {
    auto m = repo::case_titles(c, audit::numeric_ids(ids));
    for (auto& [id, t] : m) t = "《" + t + "》";
    return m;
  });
  for (auto* type : {"case_call", "case_package"})  // a package is named by its call
    audit::register_namer(type, [](db::Conn& c, const std::vector<std::string>& ids) { return repo::call_titles(c, audit::numeric_ids(ids)); });
  for (auto& [code, name] : std::vector<std::pair<const char*, const char*>>{
           {"cases:call:create", "发布征集活动"}, {"cases:call:update", "修改征集活动"},
           {"cases:case:list", "查看典型案例"}, {"cases:case:create", "新建典型案例"}, {"cases:case:update", "撰写、修改典型案例"},
           {"cases:case:submit", "报送、撤回典型案例"}, {"cases:case:review", "初评：退回、推荐、排序、报送市局（市教育局初评市直单位）"}})
    access::register_permission({code, name, "cases", "典型案例征集",
                                 code == std::string("cases:case:review") ? std::vector<std::string>{"review_unit"} : std::vector<std::string>{}});
  org::register_builtin_grant("city_staff", "cases:call:create", "all");
  org::register_builtin_grant("city_staff", "cases:call:update", "all");
  org::register_builtin_grant("city_staff", "cases:case:list", "all");
  // The publishing bureau (its 家庭教育处) pre-reviews the units directly under it.
  org::register_builtin_grant("city_staff", "cases:case:review", "review_unit");
  org::register_builtin_grant("district_staff", "cases:case:list", "subtree");
  org::register_builtin_grant("district_staff", "cases:case:review", "review_unit");
  org::register_builtin_grant("school_admin", "cases:case:review", "review_unit");
  for (auto role : {"school_admin", "unit_staff"}) {
    org::register_builtin_grant(role, "cases:case:list", "own_unit");
    org::register_builtin_grant(role, "cases:case:create", "own_unit");
    org::register_builtin_grant(role, "cases:case:update", "own_unit");
    org::register_builtin_grant(role, "cases:case:submit", "own_unit");
  }
}
}  // namespace xt::cases
