// Blind review: the names of the lead unit and of every partner are hidden from experts in the
// write-up, the title and the evidence names. Each name is also hidden without its leading
// city or district ("济南市历下区实验小学" → "历下区实验小学", "实验小学"), as write-ups
// often shorten it; the evidence PDFs themselves are shown as uploaded.
#pragma once
#include <string>
#include <vector>

namespace xt::review {
inline constexpr const char* kHidden = "××";
// The name and its shorter forms, longest first, none shorter than 4 characters.
std::vector<std::string> name_variants(const std::vector<std::string>& names);
// `text` with every variant replaced by ××.
std::string hide_names(const std::string& text, const std::vector<std::string>& variants);
}  // namespace xt::review
