#include "core/workbench/workbench.hpp"

#include <algorithm>
#include <mutex>
#include <utility>

namespace xt::workbench {
namespace {
std::mutex mu;
std::vector<std::pair<std::string, Provider>>& providers() {
  static std::vector<std::pair<std::string, Provider>> v;
  return v;
}
}  // namespace

void register_provider(const std::string& key, Provider p) {
  std::lock_guard l(mu);
  for (auto& [k, v] : providers())
    if (k == key) {
      v = std::move(p);
      return;
    }
  providers().emplace_back(key, std::move(p));
}

std::vector<Card> cards_for(db::Conn& c, const access::Principal& p, long long now_ms) {
  std::vector<std::pair<std::string, Provider>> all;
  {
    std::lock_guard l(mu);
    all = providers();
  }
  std::vector<Card> out;
  for (auto& [key, provide] : all)
    for (auto& card : provide(c, p, now_ms)) out.push_back(std::move(card));
  std::stable_sort(out.begin(), out.end(), [](const Card& a, const Card& b) { return a.order < b.order; });
  return out;
}

boost::json::object to_json(const Card& c) {
  boost::json::array figures, notes;
  for (auto& f : c.figures) figures.push_back({{"label", f.label}, {"value", f.value}, {"link", f.link}, {"tone", f.tone}});
  for (auto& n : c.notes) notes.push_back(boost::json::value(n));
  return {{"key", c.key}, {"title", c.title}, {"figures", figures}, {"notes", notes}, {"link", c.link}};
}
}  // namespace xt::workbench
