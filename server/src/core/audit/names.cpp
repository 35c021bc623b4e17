#include "core/audit/names.hpp"

#include <mutex>

namespace xt::audit {
namespace {
std::mutex mu;
std::map<std::string, Namer>& namers() {
  static std::map<std::string, Namer> m;
  return m;
}
}  // namespace

void register_namer(const std::string& object_type, Namer n) {
  std::lock_guard l(mu);
  namers()[object_type] = std::move(n);
}

std::map<std::string, std::map<std::string, std::string>> names_of(db::Conn& c,
                                                                  const std::map<std::string, std::vector<std::string>>& ids_by_type) {
  std::map<std::string, Namer> all;
  {
    std::lock_guard l(mu);
    all = namers();
  }
  std::map<std::string, std::map<std::string, std::string>> out;
  for (auto& [type, ids] : ids_by_type) {
    auto it = all.find(type);
    if (it == all.end() || ids.empty()) continue;
    out[type] = it->second(c, ids);
  }
  return out;
}

std::vector<long long> numeric_ids(const std::vector<std::string>& ids) {
  std::vector<long long> out;
  for (auto& s : ids) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) continue;
    out.push_back(std::stoll(s));
  }
  return out;
}
std::map<std::string, std::string> names_by_id(db::Conn& c, const std::string& select_where_id, const std::vector<long long>& ids) {
  std::map<std::string, std::string> out;
  if (ids.empty()) return out;
  db::Query q(select_where_id);
  q << " IN (";
  q << q.bind_list(ids);
  q << ")";
  for (auto& r : c.rows(q)) out[std::to_string(r.i64(0))] = r.str(1);
  return out;
}
}  // namespace xt::audit
