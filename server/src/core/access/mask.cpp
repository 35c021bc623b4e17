#include "core/access/mask.hpp"

namespace xt::access {

namespace {
// UTF-8 characters of s, each as its bytes.
std::vector<std::string> chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    auto c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string keep(const std::vector<std::string>& cs, size_t head, size_t tail) {
  if (cs.size() <= head + tail) {  // too short to keep both ends: keep the first only
    std::string out = cs.empty() ? "" : cs[0];
    for (size_t i = 1; i < cs.size(); ++i) out += "*";
    return out.empty() ? "" : (cs.size() == 1 ? "*" : out);
  }
  std::string out;
  for (size_t i = 0; i < cs.size(); ++i) out += (i < head || i >= cs.size() - tail) ? cs[i] : "*";
  return out;
}

int walk(boost::json::value& v, const std::vector<http::MaskedField>& fields) {
  int n = 0;
  if (v.is_object()) {
    for (auto& [k, x] : v.as_object()) {
      const http::MaskedField* f = nullptr;
      for (auto& m : fields)
        if (m.field == k) f = &m;
      if (f && x.is_string() && !x.as_string().empty()) {
        x = mask_value(std::string(x.as_string()), f->how);
        ++n;
      } else {
        n += walk(x, fields);
      }
    }
  } else if (v.is_array()) {
    for (auto& x : v.as_array()) n += walk(x, fields);
  }
  return n;
}
}  // namespace

std::string mask_value(const std::string& value, const std::string& how) {
  auto cs = chars(value);
  if (how == "phone") return keep(cs, 3, 4);
  if (how == "id_card") return keep(cs, 4, 4);
  if (how == "name") return keep(cs, 1, 0);
  return std::string(cs.size(), '*');
}

std::vector<http::MaskedField> masked_for(const Principal& p, const std::vector<http::MaskedField>& fields) {
  std::vector<http::MaskedField> out;
  for (auto& f : fields)
    if (f.unmask_perm.empty() || !p.can(f.unmask_perm)) out.push_back(f);
  return out;
}

int apply_masks(boost::json::value& v, const std::vector<http::MaskedField>& fields) {
  if (fields.empty()) return 0;
  return walk(v, fields);
}
}  // namespace xt::access
