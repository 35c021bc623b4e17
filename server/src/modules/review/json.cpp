#include "modules/review/json.hpp"

#include "core/http/errors.hpp"
#include "modules/review/sheet.hpp"

namespace xt::review {
namespace bj = boost::json;

namespace {
bj::value opt(const std::optional<long long>& v) { return v ? bj::value(*v) : bj::value(nullptr); }
}

bj::object review_json(const Review& r, const std::string& call_title) {
  return {{"id", r.id},           {"call_id", r.call_id},         {"call_title", call_title},     {"status", r.status},
          {"k", r.k},             {"blind", r.blind},             {"sheet", to_json(r.sheet)},    {"ends_on", r.ends_on},
          {"select_limit", r.select_limit}, {"exception_note", r.exception_note}, {"closed_at", opt(r.closed_at)},
          {"published_at", opt(r.published_at)}, {"version", r.version}, {"created_at", r.created_at}, {"updated_at", r.updated_at}};
}

bj::object expert_json(const Expert& e) {
  bj::array fields, declared;
  for (auto& f : e.fields) fields.emplace_back(f);
  for (auto& [unit, label] : e.declared) declared.push_back(bj::object{{"unit_id", unit}, {"label", label}});
  return {{"user_id", e.user_id}, {"name", e.name}, {"username", e.username}, {"unit_id", e.unit_id}, {"unit_name", e.unit_name},
          {"phone", e.phone}, {"fields", fields}, {"status", e.status}, {"account_created", e.account_created},
          {"valid_until", opt(e.valid_until)}, {"reminded_at", opt(e.reminded_at)}, {"declared", declared}};
}

bj::object pool_json(const PoolEntry& p) {
  auto o = expert_json(p.e);
  o["assigned"] = p.assigned;
  o["submitted"] = p.submitted;
  return o;
}

std::vector<std::string> string_list(const bj::value* v, const char* field, const char* label, size_t max_items) {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > max_items)
    throw unprocessable("request.bad_value", std::string(label) + "应为不超过" + std::to_string(max_items) + "项的列表", field);
  for (auto& s : v->as_array()) {
    if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 120)
      throw unprocessable("request.bad_value", std::string(label) + "的每一项应为不超过40个字的文字", field);
    out.emplace_back(s.as_string());
  }
  return out;
}
}  // namespace xt::review
