#include "modules/cases/routes_common.hpp"

#include "core/export/xlsx.hpp"
#include "core/text/zishu.hpp"
#include "modules/cases/json.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

bj::object call_json(const Call& x) {
  return {{"id", x.id}, {"title", x.title}, {"notice", x.notice}, {"deadline_date", x.deadline_date}, {"deadline_at", x.deadline_at},
          {"grace_minutes", x.grace_minutes}, {"status", x.status}, {"rules", to_json(x.rules)}, {"created_at", x.created_at}};
}

bj::object case_json(const Case& k, const Call* call) {
  bj::object o{{"id", k.id}, {"call_id", k.call_id}, {"owner_unit_id", k.owner_unit_id}, {"owner_unit_name", k.owner_unit_name},
               {"review_unit_id", k.review_unit_id}, {"title", k.title}, {"status", k.status}, {"version", k.version},
               {"review_comment", k.review_comment}, {"content", to_json(k.content)},
               {"submitted_at", k.submitted_at ? bj::value(*k.submitted_at) : bj::value(nullptr)},
               {"created_at", k.created_at}, {"updated_at", k.updated_at}};
  if (call) {
    auto n = count(call->rules, k.content);
    bj::object secs;
    for (auto& [key, v] : n.sections) secs[key] = (long long)v;
    o["counts"] = bj::object{{"sections", secs}, {"total", (long long)n.total}, {"rule", text::kZishuRule}};
  }
  return o;
}

}  // namespace xt::cases
