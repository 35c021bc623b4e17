#include "modules/org/json.hpp"

namespace xt::org {
namespace bj = boost::json;

bj::object unit_json(const Unit& u) {
  auto opt_str = [](const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); };
  auto opt_id = [](const std::optional<long long>& s) { return s ? bj::value(*s) : bj::value(nullptr); };
  return {{"id", u.id}, {"parent_id", opt_id(u.parent_id)}, {"code", u.code}, {"name", u.name}, {"type", u.type},
          {"school_stage", opt_str(u.school_stage)}, {"city_affiliated", u.city_affiliated}, {"sort", u.sort},
          {"status", u.status}, {"has_children", u.has_children}, {"path", u.path}};
}
}  // namespace xt::org
