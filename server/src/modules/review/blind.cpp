#include "modules/review/blind.hpp"

#include <algorithm>

#include "core/json/json.hpp"

namespace xt::review {
namespace {
// The name with one leading place prefix (…市, …区, …县) removed, if any.
std::string strip_place(const std::string& name) {
  for (auto* suffix : {"市", "区", "县"}) {
    auto at = name.find(suffix);
    if (at == std::string::npos) continue;
    auto rest = name.substr(at + std::string(suffix).size());
    // the prefix must itself be a short place name (2–6 characters before the suffix)
    auto prefix_chars = json::char_count(name.substr(0, at));
    if (prefix_chars >= 2 && prefix_chars <= 6) return rest;
  }
  return name;
}
}  // namespace

std::vector<std::string> name_variants(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (auto& n : names) {
    std::string cur = n;
    for (int i = 0; i < 3 && !cur.empty(); ++i) {
      if (json::char_count(cur) >= 4 && std::find(out.begin(), out.end(), cur) == out.end()) out.push_back(cur);
      auto next = strip_place(cur);
      if (next == cur) break;
      cur = next;
    }
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
  return out;
}

std::string hide_names(const std::string& text, const std::vector<std::string>& variants) {
  std::string s = text;
  for (auto& v : variants) {
    if (v.empty()) continue;
    for (size_t at = s.find(v); at != std::string::npos; at = s.find(v, at + std::string(kHidden).size())) s.replace(at, v.size(), kHidden);
  }
  return s;
}
}  // namespace xt::review
